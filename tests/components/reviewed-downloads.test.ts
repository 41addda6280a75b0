// @vitest-environment happy-dom
/**
 * Downloads speak as the running app does (issue 12): with a deployment's reviewed Tibetan
 * (GET /api/translations/bo, stores/translations.ts) in use, the residents' CSV of a Tibetan
 * report page and an official's Tibetan HTML export of a draft carry the reviewed term, not the
 * shipped one.
 */
import 'fake-indexeddb/auto';
import { baseCompile } from '@intlify/message-compiler';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectScope, ref } from 'vue';
import boJson from '../../locales/bo.json';
import { lookupMessage } from '../../src/report/labels.ts';
import type { ReportDocument } from '../../src/report/model.ts';
import type { ServedOverlay } from '../../src/report/review/overlay.ts';
import { useDraftExport } from '../../src/composables/useDraftExport.ts';
import { useTranslationsStore } from '../../src/stores/translations.ts';
import { captureBlobs, clearDb, mountApp, seedReport, serveReports, type Mounted } from './helpers.ts';

/** A column label of table 三 (its Tibetan is used nowhere else): in the CSV and the HTML export. */
const KEY = 'template.requests.columns.commercial';
const SHIPPED = lookupMessage(boJson, KEY) ?? '';
const REVIEWED = `${SHIPPED.replace(/།$/u, '')}་ཞིབ་དག།`;

function overlay(): ServedOverlay {
  return {
    revision: 'reviewed-1',
    messages: { [KEY]: REVIEWED },
    reviewedKeys: [KEY],
    paragraphs: {},
    compiled: { [KEY]: baseCompile(REVIEWED, { jit: true, location: false }).ast },
  };
}

let app: Mounted | undefined;
afterEach(() => {
  app?.wrapper.unmount();
  app = undefined;
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('downloads with the reviewed Tibetan', () => {
  it('the CSV of a Tibetan report page labels its cells with the reviewed term', async () => {
    expect(SHIPPED).toMatch(/[\u0F00-\u0FFF]/u);
    const { blobs } = captureBlobs();
    await clearDb();
    serveReports([seedReport()]);
    const { wrapper } = (app = await mountApp('/bo/reports/qingduo-2020', (i18n) => {
      useTranslationsStore().use(overlay(), i18n);
    }));
    await vi.waitFor(() => {
      expect(wrapper.findAll('.downloads a[download]')).toHaveLength(2);
    });
    const href = wrapper.find('.downloads a[download$=".csv"]').attributes('href') ?? '';
    const csv = (await blobs.get(href)?.text()) ?? '';
    expect(csv).toMatch(new RegExp(`requests\\.granted\\.commercial,[^\\r]*${REVIEWED}`, 'u'));
    expect(csv).not.toContain(SHIPPED);
  });

  it('an official’s Tibetan HTML export of a draft carries the reviewed term', async () => {
    const { blobs } = captureBlobs();
    serveReports([seedReport()]);
    app = await mountApp('/zh', (i18n) => {
      useTranslationsStore().use(overlay(), i18n);
    });
    const draft = ref<ReportDocument | null>(seedReport());
    const scope = effectScope();
    const exporter = scope.run(() => useDraftExport(draft, () => useTranslationsStore().overlay));
    await exporter?.download('html', 'bo');
    expect(exporter?.failed.value).toBe(false);
    const html = (await [...blobs.values()].at(-1)?.text()) ?? '';
    expect(html).toContain(REVIEWED);
    expect(html).not.toContain(SHIPPED);
    scope.stop();
  });
});
