/**
 * The Tibetan text of the seed report (src/report/seed/qingduo-2020.bo.json) must line up with
 * the Chinese paragraph by paragraph, because the reader shows them side by side, and must keep
 * every figure of the original.
 */
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { beforeAll, describe, expect, it } from 'vitest';
import { paragraphs, projectPath, TIBETAN } from './helpers.ts';

const SeedSchema = v.strictObject({
  preamble: v.string(),
  sections: v.strictObject({
    overview: v.string(),
    active: v.string(),
    requests: v.string(),
    appeals: v.string(),
    problems: v.string(),
    other: v.string(),
  }),
  agency: v.string(),
});
type Block = 'preamble' | keyof v.InferOutput<typeof SeedSchema>['sections'];

const seed = v.parse(SeedSchema, JSON.parse(readFileSync(projectPath('src/report/seed/qingduo-2020.bo.json'), 'utf8')));
const bo: Record<Block, string> = { preamble: seed.preamble, ...seed.sections };

/**
 * Paragraphs of the Chinese seed, counted once by hand against the source: the preamble is the two
 * paragraphs before 1、总体情况; 一 is its intro plus （一）（二）（三）; 五 has eight lines including the
 * （一）/（二） sub-headings; 六 is "无"; 二/三/四 are tables with no prose.
 */
const PARAGRAPHS: Record<Block, number> = {
  preamble: 2,
  overview: 4,
  active: 0,
  requests: 0,
  appeals: 0,
  problems: 8,
  other: 1,
};
const BLOCKS = Object.keys(PARAGRAPHS) as Block[];

const digitRuns = (text: string): string[] => [...text.matchAll(/\d+/g)].map((m) => m[0]).sort();

describe('qingduo-2020.bo.json', () => {
  it('has the Chinese paragraph structure', () => {
    expect(Object.fromEntries(BLOCKS.map((b) => [b, paragraphs(bo[b]).length]))).toEqual(PARAGRAPHS);
  });

  it('is Tibetan where the Chinese has prose, and empty for the table sections', () => {
    for (const b of BLOCKS) {
      if (PARAGRAPHS[b] === 0) expect(bo[b], b).toBe('');
      else for (const p of paragraphs(bo[b])) expect(TIBETAN.test(p), `${b}: ${p}`).toBe(true);
    }
    expect(seed.agency).toMatch(TIBETAN);
  });

  it('keeps the figures of the report', () => {
    expect(bo.overview).toContain('893');
    expect(bo.overview).toContain('1—2');
    expect(digitRuns(bo.overview)).toEqual(expect.arrayContaining(['2020', '30', '10']));
    expect(bo.preamble).toContain('860312');
    expect(bo.preamble).toContain('0894-5663553');
  });
});

describe('qingduo-2020.bo.json against the imported Chinese', () => {
  // The reader pairs the importer's Chinese blocks with these, so count what the importer yields.
  // Loaded here so the checks above do not depend on the importer.
  const zh = {} as Record<Block, string>;
  beforeAll(async () => {
    const { importText } = await import('../../../src/report/import/index.ts');
    const { report } = importText(readFileSync(projectPath('src/report/seed/qingduo-2020.txt'), 'utf8'));
    for (const b of BLOCKS) zh[b] = (b === 'preamble' ? report.preamble : report.sections[b])?.zh ?? '';
  });

  it('the Chinese has the paragraph counts the translation follows', () => {
    expect(Object.fromEntries(BLOCKS.map((b) => [b, paragraphs(zh[b]).length]))).toEqual(PARAGRAPHS);
  });

  it('every Tibetan paragraph has the same numbers as its Chinese paragraph', () => {
    for (const b of BLOCKS) {
      const zhParas = paragraphs(zh[b]);
      paragraphs(bo[b]).forEach((p, i) => {
        expect(digitRuns(p), `${b} paragraph ${i + 1}`).toEqual(digitRuns(zhParas[i] ?? ''));
      });
    }
  });
});
