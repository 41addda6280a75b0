/**
 * The Tibetan font's line metrics are in the file, not only in CSS: WebKit (every iPhone browser)
 * ignores @font-face's ascent-override and descent-override, and placed Tibetan 6 px higher than
 * Chromium and Firefox at 28 px until the file said the same (issue 14).
 */
import { describe, expect, it } from 'vitest';
import { decompress } from 'wawoff2';
import { checksumsValid, readLineMetrics, withLineMetrics } from '../../../src/fonts/line-metrics.ts';
import { readTibetanFont, subsetTibetanFont, TIBETAN_FACE_METRICS, TIBETAN_LINE_METRICS } from '../../../src/fonts/tibetan.ts';

/** TIBETAN_LINE_METRICS in the units of a 1000-unit em, as hhea and OS/2 write them. */
const EXPECTED = {
  ascender: Math.round(TIBETAN_LINE_METRICS.ascent * 1000),
  descender: -Math.round(TIBETAN_LINE_METRICS.descent * 1000),
  lineGap: Math.round(TIBETAN_LINE_METRICS.lineGap * 1000),
};

describe('the Tibetan font’s line metrics', () => {
  it('are written in the file the app serves (hhea and OS/2 typo, used by every engine), checksums right', async () => {
    const sfnt = await decompress(await readTibetanFont());
    const metrics = readLineMetrics(sfnt);
    expect(metrics.unitsPerEm).toBe(1000);
    expect(metrics.hhea).toEqual(EXPECTED);
    expect(metrics.typo).toEqual(EXPECTED);
    expect(metrics.useTypoMetrics).toBe(true);
    // Left as released: Windows' clipping box and Word's line height for the embedded font.
    expect(metrics.win).toEqual({ ascent: 1466, descent: 1349 });
    expect(checksumsValid(sfnt)).toBe(true);
  });

  it('are the ones the @font-face rules give', () => {
    expect(TIBETAN_FACE_METRICS).toBe('ascent-override:120%;descent-override:73%;line-gap-override:0%');
  });

  it('stay in a page’s subset', async () => {
    const subset = await subsetTibetanFont('བོད་ལྗོངས་ཀྱི་སྲིད་གཞུང་', { format: 'sfnt', glyphs: 'shaped' });
    const metrics = readLineMetrics(subset);
    expect(metrics.hhea).toEqual(EXPECTED);
    expect(metrics.typo).toEqual(EXPECTED);
  }, 300_000);

  it('are written by withLineMetrics, which touches nothing else and keeps the checksums right', async () => {
    const sfnt = await decompress(await readTibetanFont());
    const changed = withLineMetrics(sfnt, { ascent: 1.5, descent: 0.5, lineGap: 0.1 });
    expect(readLineMetrics(changed)).toMatchObject({
      hhea: { ascender: 1500, descender: -500, lineGap: 100 },
      typo: { ascender: 1500, descender: -500, lineGap: 100 },
    });
    expect(checksumsValid(changed)).toBe(true);
    expect(checksumsValid(sfnt)).toBe(true);
    const differing = [...changed].filter((byte, i) => byte !== sfnt[i]).length;
    expect(differing).toBeGreaterThan(0);
    expect(differing).toBeLessThanOrEqual(30);
    // A byte changed without mending the checksums is seen.
    const tampered = changed.slice();
    tampered[tampered.length - 1] = (tampered.at(-1) ?? 0) ^ 0xff;
    expect(checksumsValid(tampered)).toBe(false);
  });
});
