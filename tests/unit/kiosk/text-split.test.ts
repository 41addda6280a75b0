/** Where prose may be cut: sentences, clauses, syllables — never inside a Tibetan syllable. */
import { describe, expect, it } from 'vitest';
import { breakOffsets, splitsTibetanSyllable } from '../../../src/kiosk/text-split.ts';
import { seedReport } from './helpers.ts';

const pieces = (text: string, offsets: number[]): string[] =>
  [0, ...offsets].map((from, i) => text.slice(from, offsets[i] ?? text.length));

describe('breakOffsets', () => {
  it('cuts Chinese after 。 and ；, keeping closing quotes with the sentence', () => {
    const text = '坚持“以公开为常态。”继续推进；全面落实。';
    expect(pieces(text, breakOffsets(text, 'sentence'))).toEqual(['坚持“以公开为常态。”', '继续推进；', '全面落实。']);
  });

  it('cuts Tibetan after the shad and after the space that stands for it after ག', () => {
    const text = 'ཕབ་ལེན་བྱེད་ཆོག མང་ཚོགས་ཀྱིས་ཤེས་རྟོགས་བྱེད། འབྲེལ་བ་གནང་རོགས།';
    expect(pieces(text, breakOffsets(text, 'sentence'))).toEqual(['ཕབ་ལེན་བྱེད་ཆོག ', 'མང་ཚོགས་ཀྱིས་ཤེས་རྟོགས་བྱེད། ', 'འབྲེལ་བ་གནང་རོགས།']);
  });

  it('adds clauses (，、 and spaces) at the clause level', () => {
    const text = '一是落实，二是公开、三是推进。';
    expect(pieces(text, breakOffsets(text, 'clause'))).toEqual(['一是落实，', '二是公开、', '三是推进。']);
  });

  it('cuts Tibetan syllables only after a tsheg, Chinese between characters', () => {
    const bo = 'སྲིད་གཞུང་གི་ཆ་འཕྲིན།';
    expect(pieces(bo, breakOffsets(bo, 'syllable'))).toEqual(['སྲིད་', 'གཞུང་', 'གི་', 'ཆ་', 'འཕྲིན།']);
    const zh = '（公开）信息';
    expect(pieces(zh, breakOffsets(zh, 'syllable'))).toEqual(['（公', '开）', '信', '息']);
  });

  it('never offers a cut inside a Tibetan syllable of the seed report', () => {
    const report = seedReport();
    const texts = [report.preamble?.bo ?? '', ...Object.values(report.sections).map((s) => s.bo ?? '')];
    let checked = 0;
    for (const text of texts) {
      for (const level of ['sentence', 'clause', 'syllable'] as const) {
        for (const offset of breakOffsets(text, level)) {
          expect(splitsTibetanSyllable(text, offset), text.slice(offset - 4, offset + 4)).toBe(false);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});

describe('splitsTibetanSyllable', () => {
  it('knows a cut between the letters or vowel of a stack from one after a tsheg', () => {
    const text = 'སྲིད་གཞུང་';
    expect(splitsTibetanSyllable(text, 1)).toBe(true); // ས | ྲིད
    expect(splitsTibetanSyllable(text, 3)).toBe(true); // སྲ | ིད
    expect(splitsTibetanSyllable(text, 5)).toBe(false); // སྲིད་ | གཞུང་
    expect(splitsTibetanSyllable('2020ལོའི་', 4)).toBe(true);
  });
});
