import { readFileSync } from 'node:fs';
import * as hb from 'harfbuzzjs';
import { decompress } from 'wawoff2';
import { beforeAll, describe, expect, it } from 'vitest';
import { codePointsOf, fontFormatOf, subsetFont } from '../../../src/fonts/subset.ts';

const FULL_FONT = readFileSync(new URL('../../../src/assets/fonts/NotoSerifTibetan-Regular.woff2', import.meta.url));
const SEED_TIBETAN = readFileSync(new URL('../../../src/report/seed/qingduo-2020.bo.json', import.meta.url), 'utf8');
/** Every paragraph of the seed's Tibetan translation, as the reader shows it. */
const SEED_LINES = [...new Set(stringsOf(JSON.parse(SEED_TIBETAN)).flatMap((text) => text.split('\n')))].filter((line) =>
  /[\u0F00-\u0FFF]/u.test(line),
);

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(stringsOf);
  return [];
}
/** Subsetting the whole seed takes seconds, minutes on a loaded machine: no assertion is about time. */
const SLOW = 300_000;

/** Draws text with one font as HarfBuzz shapes it (in Tibetan): each glyph's outline and position. */
function drawer(sfnt: Uint8Array): (text: string) => string[] {
  const font = new hb.Font(new hb.Face(new hb.Blob(sfnt)));
  const outlines = new Map<number, string>();
  const outline = (glyph: number): string => {
    let path = outlines.get(glyph);
    if (path === undefined) outlines.set(glyph, (path = font.glyphToPath(glyph)));
    return path;
  };
  return (text) => {
    const buffer = new hb.Buffer();
    buffer.addText(text);
    buffer.guessSegmentProperties();
    buffer.setLanguage('bo');
    hb.shape(font, buffer);
    const positions = buffer.getGlyphPositions();
    // Glyph ids differ between the fonts; what is drawn, and where, must not.
    return buffer.getGlyphInfos().map((glyph, index) => `${outline(glyph.codepoint)}@${JSON.stringify(positions[index])}`);
  };
}

let fullSfnt: Uint8Array;
let drawFull: (text: string) => string[];
beforeAll(async () => {
  fullSfnt = await decompress(FULL_FONT);
  drawFull = drawer(fullSfnt);
});

describe('subsetFont (HarfBuzz hb-subset)', () => {
  it.each(['closure', 'shaped'] as const)(
    'draws every line of the seed’s Tibetan exactly as the full font does (glyphs: %s)',
    async (glyphs) => {
      const subset = await subsetFont(FULL_FONT, SEED_TIBETAN, { format: 'sfnt', glyphs, language: 'bo' });
      const drawSubset = drawer(subset);
      expect(SEED_LINES.length).toBeGreaterThan(10);
      for (const line of SEED_LINES) expect(drawSubset(line), line).toEqual(drawFull(line));
    },
    SLOW,
  );

  it('keeps stacks that only GSUB reaches (subjoined letters, vowel forms) and their mark positions', async () => {
    const stacks = 'སྒྲུབས་ བསྐྱེད་ རྒྱལ་ ཧཱུྃ་ ཀྲུང་ སྤྱི་ ལྗོངས་ གྲྭ་ ཨཱོཾ་';
    const subset = await subsetFont(FULL_FONT, stacks, { format: 'sfnt', glyphs: 'shaped', language: 'bo' });
    expect(drawer(subset)(stacks)).toEqual(drawFull(stacks));
  }, SLOW);

  it('shaped keeps a fraction of what the closure keeps; both far below the full font', async () => {
    const closure = await subsetFont(FULL_FONT, SEED_TIBETAN, { format: 'sfnt' });
    const shaped = await subsetFont(FULL_FONT, SEED_TIBETAN, { format: 'sfnt', glyphs: 'shaped', language: 'bo' });
    expect(closure.byteLength).toBeLessThan(fullSfnt.byteLength / 2);
    expect(shaped.byteLength).toBeLessThan(closure.byteLength / 3);
  }, SLOW);

  it('drops the letters the text does not use: they become .notdef, the tofu box', async () => {
    const subset = await subsetFont(FULL_FONT, 'བོད་', { format: 'sfnt' });
    const font = new hb.Font(new hb.Face(new hb.Blob(subset)));
    const buffer = new hb.Buffer();
    buffer.addText('ཀ');
    buffer.guessSegmentProperties();
    hb.shape(font, buffer);
    expect(buffer.getGlyphInfos().map((glyph) => glyph.codepoint)).toEqual([0]);
    expect(subset.byteLength).toBeLessThan(fullSfnt.byteLength / 10);
  }, SLOW);

  it('returns WOFF2 by default and the sfnt on request', async () => {
    const woff2 = await subsetFont(FULL_FONT, 'བོད་ལྗོངས་');
    expect(fontFormatOf(woff2)).toBe('woff2');
    expect(woff2.byteLength).toBeLessThan(FULL_FONT.byteLength / 4);
    expect(drawer(await decompress(woff2))('བོད་ལྗོངས་')).toEqual(drawFull('བོད་ལྗོངས་'));
    const sfnt = await subsetFont(FULL_FONT, 'བོད', { format: 'sfnt' });
    expect(fontFormatOf(sfnt)).toBe('sfnt');
    expect([...sfnt.subarray(0, 4)]).toEqual([0, 1, 0, 0]);
  }, SLOW);

  it('keeps the extra code points it is given', async () => {
    const subset = await subsetFont(FULL_FONT, 'བོད', { format: 'sfnt', extraCodePoints: [0x25cc] });
    expect(drawer(subset)('\u25CC')).toEqual(drawFull('\u25CC'));
    expect(drawFull('\u25CC')[0]).not.toMatch(/^@/u);
  }, SLOW);

  it('refuses bytes that are not a font', async () => {
    await expect(subsetFont(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), 'བོད')).rejects.toThrow(/subset/u);
  });

  it('lists a text’s code points once each, astral ones whole', () => {
    expect(codePointsOf('བོབ𝄞')).toEqual([0x0f56, 0x0f7c, 0x1d11e]);
  });
});
