/**
 * The reviewer's particle checker (src/report/review/bo-particles.ts, ported from
 * ../shared/i18n/review/bo_particles.py) over every Tibetan text we ship: bo.json, the glossary
 * CSV and the seed report. term-review.md §2 found 0 agreement errors; this keeps it so.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkParticles, checkPunctuation, type PunctuationCode } from '../../../src/report/review/bo-particles.ts';
import { leafEntries, paragraphs, parseCsv, projectPath, readMessages } from './helpers.ts';

const bo = leafEntries(readMessages('bo'));
const zh = new Map(leafEntries(readMessages('zh-CN')));
const [, ...glossaryRows] = parseCsv(readFileSync(projectPath('locales/glossary-bo.csv'), 'utf8'));
const seed = JSON.parse(readFileSync(projectPath('src/report/seed/qingduo-2020.bo.json'), 'utf8')) as { agency: string; preamble: string; sections: Record<string, string> };
const seedTexts: [string, string][] = [
  ['seed.agency', seed.agency],
  ...paragraphs(seed.preamble).map((p, i): [string, string] => [`seed.preamble[${i}]`, p]),
  ...Object.entries(seed.sections).flatMap(([key, text]) => paragraphs(text).map((p, i): [string, string] => [`seed.${key}[${i}]`, p])),
];

const CORPORA: Record<string, [string, string][]> = {
  'bo.json': bo,
  'glossary-bo.csv': glossaryRows.map(([key = '', , text = '']): [string, string] => [key, text]),
  'qingduo-2020.bo.json': seedTexts,
};

/** Where a convention is knowingly not followed, and why (term-review.md §3). */
const ALLOWED: Partial<Record<PunctuationCode, Record<string, string>>> = {
  // Official document numbers stay verbatim so a reader can look them up (locales/README.md).
  // A menu item of WeChat's or Safari's Chinese interface is quoted as the phone shows it.
  han: {
    ...Object.fromEntries(bo.filter(([, text]) => text.includes('国办公开办函')).map(([key]) => [key, 'document number'])),
    'app.wechat.how.android': 'WeChat menu 在浏览器打开',
    'app.wechat.how.ios': 'WeChat menu 在浏览器打开',
    'reader.keep.sevenDays': 'Safari menu 共享, 添加到主屏幕',
  },
  // The label before a figure on the next cell ends in a space on purpose.
  outer_space: { 'reader.cell.previous': 'followed by a figure', 'labels.separator': 'a separator between two labels', 'sync.separator': 'a separator' },
};

describe('Tibetan particles', () => {
  for (const [name, texts] of Object.entries(CORPORA)) {
    it(`agree with the syllable before them in ${name}`, () => {
      const hits = texts.flatMap(([key, text]) => checkParticles(text).hits.map((hit) => `${key}: ${hit.pair} (expected ${hit.expected.join('/')})`));
      expect(texts.length).toBeGreaterThan(0);
      expect(hits).toEqual([]);
    });
  }

  // A particle agrees with the last syllable before it, which a message cannot know when that is
  // not Tibetan: an agency name ends in …གཞུང, or not; a username, a number or a Latin word
  // (XLIFF, lotho import) is read aloud however its reader reads it (term-review.md §2).
  it('never follow a placeholder, a number, a Latin word or a bracket in bo.json', () => {
    const after = bo.flatMap(([key, text]) => checkParticles(text).readingDependent.map((r) => `${key}: ${r.before}${r.particle}`));
    expect(after).toEqual([]);
  });

  it('the checker sees a particle after any placeholder, a Latin word or a number', () => {
    const before = (text: string): string[] => checkParticles(text).readingDependent.map((r) => r.before);
    expect(before('{agency}ཡི་སྙན་ཞུ')).toEqual(['{agency}']);
    expect(before('ཁྱོན་བསྡོམས་{checked}ཡི་ནང་ནས')).toEqual(['{checked}']);
    expect(before('lotho import ཡིས་ངོས་འཛིན')).toEqual(['import']);
    expect(before('XLIFF 2.0 ཡང་མིན།')).toEqual(['0']);
    // A placeholder with a noun after it (ནང) is not a particle.
    expect(before('ཁྱོན་བསྡོམས་ {checked} ནང་ནས་ {holding} འགྲིག')).toEqual([]);
  });

  it('the checker finds the genitive the review found after {agency} once filled', () => {
    expect(checkParticles('སྤོ་མེས་རྫོང་མི་དམངས་སྲིད་གཞུང་ཡི་སྙན་ཞུ').hits).toEqual([{ group: 'genitive', pair: 'གཞུང་ཡི', final: 'ང', expected: ['གི'] }]);
    expect(checkParticles('{agency}ཡི་སྙན་ཞུ').readingDependent).toEqual([{ before: '{agency}', particle: 'ཡི' }]);
    // Homographs: ཡི་གེ is a word, འོན་ཀྱང a conjunction.
    expect(checkParticles('ཡིག་ཆ་ཡི་གེ། འོན་ཀྱང་').hits).toEqual([]);
  });
});

describe('Tibetan punctuation and script in bo.json', () => {
  it('follow locales/README.md, but where a reason is given', () => {
    const broken = bo.flatMap(([key, text]) =>
      checkPunctuation(text)
        .filter((code) => ALLOWED[code]?.[key] === undefined)
        .map((code) => `${key}: ${code}`),
    );
    expect(broken).toEqual([]);
  });

  it('is never the Chinese text, but the separator', () => {
    expect(bo.filter(([key, text]) => text === zh.get(key)).map(([key]) => key)).toEqual(['labels.separator']);
  });

  it('the checker sees each convention broken', () => {
    expect(checkPunctuation('སྲིད་གཞུང།')).toEqual(['shad_after_nga_without_tsheg']);
    expect(checkPunctuation('ཡིག།')).toEqual(['shad_after_ga']);
    expect(checkPunctuation('ཆ་འཕྲིན，')).toEqual(['fullwidth_punctuation']);
    expect(checkPunctuation('ཨང་༡')).toEqual(['tibetan_digits']);
  });
});
