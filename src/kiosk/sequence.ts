/**
 * The rotation: every page the kiosk shows, in order, built from the paginated reports. Page-by-page
 * alternation interleaves a report's single-language paginations by where each page starts (each
 * language fills its own pages; issue 12); a pagination with two lanes and no side-by-side layout
 * alternates page by page (zh 1, bo 1, zh 2 …); cycle-by-cycle alternation is the caller's order
 * of single-language paginations (all reports in zh, then all in bo).
 */
import type { Lang } from '../report/model.ts';
import { lanePieces, type Piece, type Screen, type Unit } from './paginate.ts';

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

/**
 * Where a screen starts in its report, comparable between languages paginated apart: the rank of
 * the section of its first unit (cover, preamble, then the template's sections, by the unit ids'
 * prefix) and how far into that section, from 0 to 1 (units of the section passed, plus the part
 * of the first unit before the screen).
 */
export function startOf(screen: Screen, units: readonly Unit[]): [number, number] {
  const piece = screen.bands.flatMap((band) => (band.kind === 'span' ? [band.piece] : band.lanes.flat()))[0];
  const section = (id: string): string => id.split(':')[0] ?? id;
  const sections = units.map((u) => section(u.id)).filter((id, i, all) => all.indexOf(id) === i);
  if (piece === undefined) return [sections.length, 0];
  const own = units.filter((u) => section(u.id) === section(piece.unit));
  const index = own.findIndex((u) => u.id === piece.unit);
  const length = piece.block.kind === 'text' ? piece.block.text.length : piece.block.kind === 'table' ? piece.block.rows.length : 1;
  return [sections.indexOf(section(piece.unit)), (Math.max(index, 0) + piece.from / Math.max(length, 1)) / Math.max(own.length, 1)];
}

/** One report paginated in each of its languages alone, with where each screen starts. */
export interface Interleaved {
  items: readonly Paginated[];
  starts: readonly (readonly [number, number])[][];
}

/**
 * The pages of one report in each language alone, in the order they start in the report: each
 * language fills its own pages, and the languages still go through the report together (zh 1,
 * bo 1, bo 2, zh 2 …). On the same start, the settings' language order.
 */
function interleaved(group: Interleaved): KioskView[] {
  const entries = group.items.flatMap((item, g) => item.screens.map((screen, i) => ({ item, screen, i, g, start: group.starts[g]?.[i] ?? [0, 0] })));
  entries.sort((a, b) => a.start[0] - b.start[0] || a.start[1] - b.start[1] || a.g - b.g || a.i - b.i);
  return entries.map(({ item, screen, i }) => ({
    key: `${item.reportId}:${item.langs.join('+')}:0:${i}`,
    reportId: item.reportId,
    langs: item.langs,
    lane: 0,
    screen,
    page: i + 1,
    pages: item.screens.length,
  }));
}

/** The rotation over `items`, in their order (an `Interleaved` group: see `interleaved`). */
export function rotation(items: readonly (Paginated | Interleaved)[]): KioskView[] {
  const views: KioskView[] = [];
  for (const item of items) {
    if ('items' in item) {
      views.push(...interleaved(item));
      continue;
    }
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
