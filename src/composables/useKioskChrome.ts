/**
 * What a kiosk screen shows around the report: header lines (agency and title in each language
 * shown), "page n/m", the QR code of the report in each language (generated on the device, cached
 * per address), when the version was published (and, offline, when it was last checked) and the
 * offline/stale indicator, and a small line telling staff how to reach the setup.
 */
import type { Ref } from 'vue';
import type { Lang } from '../report/model.ts';
import type { Span } from '../kiosk/blocks.ts';
import { agencySpan, type KioskText } from '../kiosk/units.ts';
import { qrDrawing, reportUrl, type QrDrawing } from '../kiosk/qr.ts';
import { formatDateTime, formatNumber, formatYear, type Digits } from '../i18n/format.ts';
import type { KioskReport } from '../kiosk/report.ts';
import { CHECKED_AT_KEY, releaseMessageKey, releaseTime } from '../i18n/release.ts';

export interface ScreenChrome {
  reportId: string;
  heads: { lang: Lang; agency: Span; title: Span }[];
  page: Span;
  qrs: { lang: Lang; url: string; drawing: QrDrawing; caption: Span }[];
  asOf: Span[];
  status: Span | null;
  /** How staff reach the setup (hold the top-left corner), in each language shown. */
  setupHint: Span[];
}

export interface ChromeSources {
  reports: Ref<ReadonlyMap<string, KioskReport>>;
  asOf: Ref<Record<string, number>>;
  offline: Ref<boolean>;
  stale: Ref<boolean>;
  digits: Ref<Digits>;
  /** The origin the QR codes point at (the kiosk's own). */
  origin: string;
}

export function useKioskChrome(text: KioskText, sources: ChromeSources) {
  // Bounded: one drawing per report and language.
  const drawings = new Map<string, QrDrawing>();
  function drawing(url: string): QrDrawing {
    let d = drawings.get(url);
    if (d === undefined) {
      if (drawings.size > 200) drawings.clear();
      d = qrDrawing(url);
      drawings.set(url, d);
    }
    return d;
  }

  /**
   * The chrome of a page of `reportId` in `langs`. `worstCase` (for measuring) always shows a
   * status line and a two-digit page count, so the content box never comes out larger than on a
   * real screen.
   */
  function chromeFor(reportId: string, langs: readonly Lang[], page: number, pages: number, worstCase = false): ScreenChrome | null {
    const report = sources.reports.value.get(reportId);
    const first = langs[0];
    if (report === undefined || first === undefined) return null;
    const options = (lang: Lang) => ({ lang, digits: sources.digits.value });
    const checkedAt = sources.asOf.value[reportId] ?? (worstCase ? Date.now() : undefined);
    const publishedAt = releaseTime(report.publishedAt) ?? (worstCase ? Date.now() : null);
    // The longer of the two messages when measuring.
    const releaseKey = worstCase ? 'reader.status.correctedAt' : releaseMessageKey(report.version);
    const times = [
      ...(publishedAt === null ? [] : [{ key: releaseKey, time: publishedAt }]),
      ...(checkedAt !== undefined && (worstCase || sources.offline.value) ? [{ key: CHECKED_AT_KEY, time: checkedAt }] : []),
    ];
    const statusKey = worstCase ? 'kiosk.stale' : sources.offline.value ? 'app.offline' : sources.stale.value ? 'kiosk.stale' : null;
    return {
      reportId,
      heads: langs.map((lang) => ({
        lang,
        agency: agencySpan(report.document, lang),
        title: text.message('reader.title', lang, { year: formatYear(report.document.meta.year, options(lang)) }),
      })),
      page: text.message('kiosk.page', first, {
        n: formatNumber(worstCase ? 88 : page, options(first)),
        m: formatNumber(worstCase ? 88 : pages, options(first)),
      }),
      qrs: langs.map((lang) => {
        const url = reportUrl(sources.origin, lang, reportId);
        return { lang, url, drawing: drawing(url), caption: text.message('kiosk.scan', lang) };
      }),
      asOf: times.flatMap(({ key, time }) => langs.map((lang) => text.message(key, lang, { time: formatDateTime(time, options(lang)) }))),
      status: statusKey === null ? null : text.message(statusKey, first),
      setupHint: langs.map((lang) => text.message('kiosk.setupHint', lang)),
    };
  }

  return { chromeFor };
}
