/**
 * The reviewed Tibetan the server applies (review/service.ts), built from the reports that can
 * add to it only, on both databases: it is the overlay every item would give (a reviewed
 * translation, a stored paragraph review, nothing of an unreviewed one), and after a publication
 * only the new version is read again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../src/report/model.ts';
import { overlayOf, reviewItems } from '../../src/report/review/items.ts';
import { reviewService } from '../../src/server/review/service.ts';
import type { ServerStorage } from '../../src/server/storage/types.ts';
import { DATABASES, useDatabases } from './databases.ts';
import { report } from './helpers.ts';

const database = useDatabases(afterEach);

/** A report whose preamble has Chinese and Tibetan, reviewed or not. */
function bilingual(id: string, reviewed: boolean): ReportDocument {
  const document = report(id, '波密县人民政府', Number(id.slice(-4)));
  return { ...document, preamble: { zh: `${id} 第一段\n第二段`, bo: `${id} དང་པོ།\nགཉིས་པ།`, original: 'zh', translationReviewed: reviewed } };
}

describe.each(DATABASES)('the reviewed Tibetan on $kind', ({ create }) => {
  it('is the overlay of every item, read from the reports that can add to it, each version once', async () => {
    const storage = await (await database(create)).open();
    await storage.publishReport(bilingual('checked-2023', true));
    await storage.publishReport(bilingual('plain-2023', false));
    await storage.publishReport(bilingual('other-2023', false));
    await storage.recordReviews([{ itemId: 'para:plain-2023:preamble:1', action: 'edit', zh: '第二段', boBefore: 'གཉིས་པ།', boAfter: 'གཉིས་པ་ཞུས་དག' }], { username: 'r', via: 'app' });
    const reads: string[] = [];
    const counted: ServerStorage = {
      ...storage,
      getReport: (id) => {
        reads.push(id);
        return storage.getReport(id);
      },
    };
    const review = reviewService(counted);

    const overlay = await review.overlay();
    const documents = (await Promise.all(['checked-2023', 'plain-2023', 'other-2023'].map((id) => storage.getReport(id)))).flatMap((r) => (r === undefined ? [] : [r.document]));
    const every = (await review.items()).filter((item) => item.kind === 'paragraph');
    expect(every).toHaveLength(6);
    expect(overlay.paragraphs).toEqual({
      'checked-2023': { 'preamble:0': { zh: 'checked-2023 第一段', bo: 'checked-2023 དང་པོ།' }, 'preamble:1': { zh: '第二段', bo: 'གཉིས་པ།' } },
      'plain-2023': { 'preamble:1': { zh: '第二段', bo: 'གཉིས་པ་ཞུས་དག' } },
    });
    const everyParagraph = reviewItems({ zh: {}, bo: {}, glossary: [], terms: [], pending: [], reports: documents, reviews: await storage.listReviews() });
    expect(overlay.paragraphs).toEqual(overlayOf(everyParagraph).paragraphs);

    reads.length = 0;
    await storage.publishReport(bilingual('new-2024', true));
    review.invalidate();
    const after = await review.overlay();
    expect(Object.keys(after.paragraphs).sort()).toEqual(['checked-2023', 'new-2024', 'plain-2023']);
    // The new version to see whether it adds anything, then the reports that do: not other-2023.
    expect(reads.sort()).toEqual(['checked-2023', 'new-2024', 'new-2024', 'plain-2023']);
  });
});
