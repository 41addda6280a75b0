/**
 * The rotation: every page the kiosk shows, in order, built from the paginated reports. A
 * pagination with two lanes and no side-by-side layout alternates page by page (zh 1, bo 1, zh 2,
 * bo 2 …: the same content in both languages one after the other); cycle-by-cycle alternation is
 * the caller's order of single-language paginations (all reports in zh, then all in bo).
 */
import type { Lang } from '../report/model.ts';
import { lanePieces, type Piece, type Screen } from './paginate.ts';

/** One report paginated for one or two languages. */
export interface Paginated {
  reportId: string;
  langs: readonly Lang[];
  sideBySide: boolean;
  screens: readonly Screen[];
}

/** A page of the rotation: a screen of a report, in one language or both side by side. */
export interface KioskView {
  key: string;
  reportId: string;
  /** Languages on this page: one, or two side by side. */
  langs: readonly Lang[];
  /** The lane shown, or 'all' for side by side. */
  lane: number | 'all';
  screen: Screen;
  /** 1-based page number within this report and language, and the number of pages. */
  page: number;
  pages: number;
}

/** The rotation over `items`, in their order. */
export function rotation(items: readonly Paginated[]): KioskView[] {
  const views: KioskView[] = [];
  for (const item of items) {
    const pages = item.screens.length;
    item.screens.forEach((screen, i) => {
      const base = { reportId: item.reportId, screen, page: i + 1, pages };
      if (item.langs.length > 1 && item.sideBySide) {
        views.push({ ...base, key: `${item.reportId}:${item.langs.join('+')}:${i}`, langs: item.langs, lane: 'all' });
        return;
      }
      item.langs.forEach((lang, lane) => {
        views.push({ ...base, key: `${item.reportId}:${item.langs.join('+')}:${lane}:${i}`, langs: [lang], lane });
      });
    });
  }
  return views;
}

/** The pieces a view draws in lane order (for a single-language view, its lane only). */
export function viewPieces(view: KioskView): Piece[] {
  if (view.lane === 'all') return view.screen.bands.flatMap((b) => (b.kind === 'span' ? [b.piece] : b.lanes.flat()));
  return lanePieces(view.screen, view.lane);
}

/** Where the rotation stands, in terms that survive a new pagination (resize, new version). */
export interface Anchor {
  reportId: string;
  lang: Lang;
  unit: string;
}

export function anchorOf(view: KioskView): Anchor {
  return { reportId: view.reportId, lang: view.langs[0] ?? 'zh', unit: view.screen.units[0] ?? 'cover' };
}

/**
 * The index of the view showing `anchor` in a new rotation: the same report and language on the
 * screen holding that unit; else the first page of that report; else `fallback` (clamped).
 */
export function findAnchor(views: readonly KioskView[], anchor: Anchor, fallback: number): number {
  const sameReport = (v: KioskView): boolean => v.reportId === anchor.reportId && v.langs[0] === anchor.lang;
  const exact = views.findIndex((v) => sameReport(v) && v.screen.units.includes(anchor.unit));
  if (exact >= 0) return exact;
  const report = views.findIndex(sameReport);
  if (report >= 0) return report;
  return views.length === 0 ? 0 : Math.min(Math.max(fallback, 0), views.length - 1);
}
