/**
 * The deployment's reviewed Tibetan (`GET /api/translations/bo`, report/review/overlay.ts) in the
 * app: the edited UI strings and terms go into vue-i18n on top of bo.json, reviewed report
 * paragraphs into the documents the reader and the kiosk show, and which keys and paragraphs are
 * reviewed into the reader's marks. A pre-rendered page brings the overlay it was rendered with
 * (hydration must match); the app then asks for the latest, which the service worker keeps for
 * offline use like the reports.
 */
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import * as v from 'valibot';
import { API_BASE } from './reports-api.ts';
import { setReviewedMessages, type AppI18n } from '../modules/i18n.ts';
import type { ReportDocument } from '../report/model.ts';
import { applyParagraphReviews, EMPTY_OVERLAY, type ServedOverlay } from '../report/review/overlay.ts';

const text = v.pipe(v.string(), v.maxLength(20_000));
export const ServedOverlaySchema = v.object({
  revision: v.pipe(v.string(), v.maxLength(64)),
  messages: v.record(v.string(), text),
  reviewedKeys: v.array(v.string()),
  paragraphs: v.record(v.string(), v.record(v.string(), v.object({ zh: text, bo: text }))),
  compiled: v.record(v.string(), v.unknown()),
});

export const EMPTY_SERVED_OVERLAY: ServedOverlay = { ...EMPTY_OVERLAY, compiled: {} };

export const useTranslationsStore = defineStore('translations', () => {
  const overlay = shallowRef<ServedOverlay>(EMPTY_SERVED_OVERLAY);
  const reviewedKeys = computed(() => new Set(overlay.value.reviewedKeys));
  let i18nOfApp: AppI18n | undefined;

  /** Uses `next` everywhere: messages into i18n (once the app's i18n is known), paragraphs and marks. */
  function use(next: ServedOverlay, i18n?: AppI18n): void {
    i18nOfApp = i18n ?? i18nOfApp;
    overlay.value = next;
    if (i18nOfApp !== undefined) setReviewedMessages(i18nOfApp, next.compiled);
  }

  /** Fetches the latest overlay; keeps the current one when offline or on a bad answer. */
  async function refresh(i18n?: AppI18n): Promise<boolean> {
    if (i18n !== undefined) i18nOfApp = i18n;
    try {
      const response = await fetch(`${API_BASE}/translations/bo`, { headers: { Accept: 'application/json' } });
      if (!response.ok) return false;
      const parsed = v.safeParse(ServedOverlaySchema, await response.json());
      if (!parsed.success) return false;
      if (parsed.output.revision !== overlay.value.revision) use(parsed.output);
      return true;
    } catch {
      return false;
    }
  }

  /** The document with its reviewed Tibetan paragraphs. */
  function reviewed(document: ReportDocument): ReportDocument {
    return applyParagraphReviews(document, overlay.value).document;
  }

  /** Which paragraphs of a document are reviewed: block → indices. */
  function reviewedParagraphs(document: ReportDocument | null): Record<string, number[]> {
    return document === null ? {} : applyParagraphReviews(document, overlay.value).reviewed;
  }

  return { overlay, reviewedKeys, use, refresh, reviewed, reviewedParagraphs };
});
