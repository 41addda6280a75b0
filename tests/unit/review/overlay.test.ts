/**
 * The review's domain: items hold their review only for the Chinese they were reviewed against,
 * and the overlay puts reviewed paragraphs and messages in place without touching anything else.
 */
import { describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../../src/report/model.ts';
import { overlayOf, reviewItems, type StoredReview } from '../../../src/report/review/items.ts';
import { applyParagraphReviews } from '../../../src/report/review/overlay.ts';
import { withOverlayMessages } from '../../../src/report/review/overlay-messages.ts';

const document = {
  schema: 1,
  id: 'town-2020',
  meta: { agency: { zh: '某镇人民政府' }, level: 'township', year: 2020, template: 't2019' },
  preamble: { zh: '第一段。\n第二段。', bo: 'དུམ་དང་པོ།\nདུམ་གཉིས་པ།', original: 'zh', translationReviewed: false },
  sections: { other: { zh: '无', bo: 'མེད།', original: 'zh', translationReviewed: false } },
  cells: {},
  units: {},
} as unknown as ReportDocument;

const review = (itemId: string, zh: string, bo: string): StoredReview => ({ itemId, zh, bo, status: 'edited', decidedBy: 'tashi', decidedAt: '2026-12-07T09:00:00.000Z' });

function items(reviews: StoredReview[]) {
  return reviewItems({
    zh: { app: { offline: '离线', name: '年报' } },
    bo: { app: { offline: 'དྲ་རྒྱ་མེད།', name: 'ལོ་ཐོ།' } },
    glossary: [],
    terms: [],
    pending: [],
    reports: [document],
    reviews,
  });
}

describe('review items and the overlay', () => {
  it('lists every Tibetan string and paragraph, unreviewed until decided', () => {
    expect(items([]).map((i) => [i.id, i.status])).toEqual([
      ['ui:app.offline', 'unreviewed'],
      ['ui:app.name', 'unreviewed'],
      ['para:town-2020:preamble:0', 'unreviewed'],
      ['para:town-2020:preamble:1', 'unreviewed'],
      ['para:town-2020:other:0', 'unreviewed'],
    ]);
  });

  it('a review made against other Chinese no longer holds', () => {
    const list = items([review('ui:app.offline', '断网', 'སྐུད་བྲལ།'), review('para:town-2020:preamble:1', '第二段。', 'དུམ་བུ་གཉིས་པ།')]);
    expect(list.find((i) => i.id === 'ui:app.offline')).toMatchObject({ status: 'unreviewed', bo: 'དྲ་རྒྱ་མེད།' });
    const overlay = overlayOf(list);
    expect(overlay.reviewedKeys).toEqual([]);
    expect(overlay.paragraphs).toEqual({ 'town-2020': { 'preamble:1': { zh: '第二段。', bo: 'དུམ་བུ་གཉིས་པ།' } } });

    const applied = applyParagraphReviews(document, overlay);
    expect(applied.reviewed).toEqual({ preamble: [1] });
    expect(applied.document.preamble).toEqual({ zh: '第一段。\n第二段。', bo: 'དུམ་དང་པོ།\nདུམ་བུ་གཉིས་པ།', original: 'zh', translationReviewed: false });
    expect(applied.document.sections.other).toBe(document.sections.other);
    // The stored report is never changed.
    expect(document.preamble?.bo).toBe('དུམ་དང་པོ།\nདུམ་གཉིས་པ།');
  });

  it('a block whose every paragraph is reviewed reads as a reviewed translation; edited messages replace bo.json’s', () => {
    const overlay = overlayOf(items([review('para:town-2020:other:0', '无', 'མེད།'), review('ui:app.name', '年报', 'ལོ་འཁོར་སྙན་ཞུ།')]));
    expect(applyParagraphReviews(document, overlay).document.sections.other?.translationReviewed).toBe(true);
    expect(overlay.messages).toEqual({ 'app.name': 'ལོ་འཁོར་སྙན་ཞུ།' });
    expect(withOverlayMessages({ app: { name: 'ལོ་ཐོ།', offline: 'x' } }, overlay)).toEqual({ app: { name: 'ལོ་འཁོར་སྙན་ཞུ།', offline: 'x' } });
    expect(overlayOf(items([])).revision).not.toBe(overlay.revision);
  });
});
