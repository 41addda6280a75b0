/**
 * What a pre-rendered page's state carries (src/report/page-texts.ts): a Chinese page leaves out
 * the Tibetan it never shows, and keeps every text it may show or that a review is checked against.
 */
import { describe, expect, it } from 'vitest';
import type { BilingualText, ReportDocument } from '../../../src/report/model.ts';
import { textsForPage } from '../../../src/report/page-texts.ts';

const text = (zh: string | undefined, bo: string | undefined, original: 'zh' | 'bo' = 'zh'): BilingualText => ({
  ...(zh === undefined ? {} : { zh }),
  ...(bo === undefined ? {} : { bo }),
  original,
  translationReviewed: false,
});

function document(): ReportDocument {
  return {
    schema: 1,
    id: 'qingduo-2020',
    meta: { agency: { zh: '倾多镇人民政府', bo: 'ཆིང་གྲོང་གྲོང་རྡལ།' }, level: 'township', year: 2020, template: '2019' },
    preamble: text('根据条例', 'སྒྲིག་གཞི་ལྟར།'),
    sections: {
      overview: text('总体情况', 'སྤྱིའི་གནས་ཚུལ།'),
      active: text(undefined, 'བོད་ཡིག་ཁོ་ན།'),
      requests: text('  \n ', 'ཟླ་བ།'),
      problems: text('译文', 'མ་ཡིག', 'bo'),
    },
    cells: { 'requests.received.natural': 3 },
    units: {},
  };
}

describe('the texts a Chinese page carries', () => {
  it('leave out the agency’s and each block’s Tibetan where the block has its own Chinese', () => {
    const { document: cut, cut: wasCut } = textsForPage(document(), 'zh');
    expect(wasCut).toBe(true);
    expect(cut.meta.agency).toEqual({ zh: '倾多镇人民政府' });
    expect(cut.preamble).toEqual(text('根据条例', undefined));
    expect(cut.sections.overview).toEqual(text('总体情况', undefined));
    // Everything else is the same.
    expect(cut.cells).toEqual(document().cells);
    expect({ ...cut.meta, agency: null }).toEqual({ ...document().meta, agency: null });
  });

  it('keep the Tibetan the page offers when it has no Chinese (none, or only blank lines)', () => {
    const { document: cut } = textsForPage(document(), 'zh');
    expect(cut.sections.active).toEqual(text(undefined, 'བོད་ཡིག་ཁོ་ན།'));
    expect(cut.sections.requests).toEqual(text('  \n ', 'ཟླ་བ།'));
  });

  it('keep a Tibetan original (its Chinese is the translation)', () => {
    expect(textsForPage(document(), 'zh').document.sections.problems).toEqual(text('译文', 'མ་ཡིག', 'bo'));
  });

  it('are the whole document when there is no Tibetan to leave out, and it is not changed', () => {
    const chinese: ReportDocument = { ...document(), meta: { ...document().meta, agency: { zh: '倾多镇人民政府' } }, preamble: text('根据条例', undefined), sections: {} };
    const before = JSON.stringify(chinese);
    expect(textsForPage(chinese, 'zh')).toEqual({ document: chinese, cut: false });
    expect(JSON.stringify(chinese)).toBe(before);
  });
});

describe('the texts a Tibetan page carries', () => {
  it('are the whole document (its reviewed paragraphs are checked against the Chinese)', () => {
    const whole = document();
    expect(textsForPage(whole, 'bo')).toEqual({ document: whole, cut: false });
  });
});
