/**
 * The kiosk's pages: each report paginated for the screen it is on (src/kiosk/paginate.ts), with
 * heights measured in the browser. A hidden copy of the screen (the measuring layer, same grid,
 * same header and side as a real page) gives the content box; pieces are rendered into it with the
 * very component the screen uses (KioskPiece, through Vue's synchronous `render`) and measured.
 *
 * Pagination runs again when the reports, the settings or the window size change and when a web
 * font finishes loading; a run that is overtaken is dropped, and a run that fails keeps the pages
 * already on screen (errors never blank the kiosk).
 */
import { h, nextTick, onMounted, onScopeDispose, render, shallowRef, watch, type Ref } from 'vue';
import type { Lang } from '../report/model.ts';
import type { Digits } from '../i18n/format.ts';
import type { KioskBlock, TableBlock } from '../kiosk/blocks.ts';
import { paginate, type Measurer, type Piece, type Place, type TableHeights, type Unit } from '../kiosk/paginate.ts';
import { reportUnits, type KioskText } from '../kiosk/units.ts';
import { rotation, startOf, type Interleaved, type KioskView, type Paginated } from '../kiosk/sequence.ts';
import type { KioskSettings } from '../kiosk/settings.ts';
import type { KioskReport } from '../kiosk/report.ts';
import type { ScreenChrome } from './useKioskChrome.ts';
import KioskPiece from '../components/kiosk/KioskPiece.vue';

/** Both languages side by side from this width (CSS px) up. */
export const SIDE_BY_SIDE_MIN_WIDTH = 1600;
/** Pixels kept free at the bottom of every screen (rounding of borders and sub-pixel lines). */
const SAFETY = 4;
/**
 * Share of a screen a lane is filled to before prose is cut between clauses instead of sentences
 * or syllables (paginate.ts): a screen is not left a fifth empty for want of a whole sentence.
 */
const FILL = 0.85;
/** Below this content height (CSS px) nothing is paginated. */
const MIN_BUDGET = 120;

/**
 * One report in some languages: paginated together (side by side: the columns break together),
 * or each language `apart` and interleaved (page-by-page alternation: each language fills its own
 * pages, issue 12).
 */
interface Plan {
  reportId: string;
  langs: Lang[];
  apart: boolean;
}

/** Which paginations the rotation needs, in rotation order. */
export function plans(reportIds: readonly string[], settings: KioskSettings, sideBySide: boolean): Plan[] {
  const langs = settings.langs;
  if (langs.length < 2 || sideBySide) return reportIds.map((reportId) => ({ reportId, langs: [...langs], apart: false }));
  if (settings.alternation === 'page') return reportIds.map((reportId) => ({ reportId, langs: [...langs], apart: true }));
  return langs.flatMap((lang) => reportIds.map((reportId) => ({ reportId, langs: [lang], apart: false })));
}

/** A measurer over the measuring layer's content box; `dispose` removes what it drew. */
function domMeasurer(content: HTMLElement, twoColumns: boolean): Measurer & { dispose(): void; gap: number } {
  const div = (className: string): HTMLDivElement => {
    const el = document.createElement('div');
    el.className = className;
    return el;
  };
  const lanes = div(twoColumns ? 'k-lanes k-double' : 'k-lanes');
  const laneHosts = [div('k-lane'), div('k-lane')];
  lanes.append(...(twoColumns ? laneHosts : laneHosts.slice(0, 1)));
  const spanHost = div('k-span');
  content.append(lanes, spanHost);
  const gap = parseFloat(getComputedStyle(laneHosts[0] as HTMLElement).rowGap) || 0;

  const host = (place: Place): HTMLElement => (place === 'span' ? spanHost : ((twoColumns ? laneHosts[place] : laneHosts[0]) ?? spanHost));
  const drawn = new Set<HTMLElement>();
  function draw(piece: Piece, place: Place): Element | null {
    const target = host(place);
    drawn.add(target);
    render(h(KioskPiece, { piece }), target);
    return target.firstElementChild;
  }
  const heights = new WeakMap<KioskBlock, Map<string, number>>();
  const tables = new WeakMap<TableBlock, Map<string, TableHeights>>();

  return {
    gap,
    piece(piece, place) {
      let byRange = heights.get(piece.block);
      if (byRange === undefined) heights.set(piece.block, (byRange = new Map()));
      const key = `${String(place)}:${piece.from}:${piece.to}`;
      const known = byRange.get(key);
      if (known !== undefined) return known;
      const height = draw(piece, place)?.getBoundingClientRect().height ?? 0;
      byRange.set(key, height);
      return height;
    },
    table(block, place) {
      let byPlace = tables.get(block);
      if (byPlace === undefined) tables.set(block, (byPlace = new Map()));
      const known = byPlace.get(String(place));
      if (known !== undefined) return known;
      const n = block.rows.length;
      const base = { key: 'measure', unit: 'measure', block };
      const table = draw({ ...base, from: 0, to: n }, place);
      const top = table?.getBoundingClientRect().top ?? 0;
      const bottom = table?.getBoundingClientRect().bottom ?? 0;
      const tops = Array.from(table?.querySelectorAll(':scope > tbody > tr') ?? [], (tr) => tr.getBoundingClientRect().top);
      const rows = tops.map((t, i) => (tops[i + 1] ?? bottom) - t);
      const head = (tops[0] ?? bottom) - top;
      // Later screens carry "（续）" in the caption, which may take another line.
      const continued = draw({ ...base, from: n, to: n }, place)?.getBoundingClientRect().height ?? 0;
      const result = { head, continued, rows };
      byPlace.set(String(place), result);
      return result;
    },
    dispose() {
      for (const target of drawn) render(null, target);
      lanes.remove();
      spanHost.remove();
    },
  };
}

export interface KioskPagesOptions {
  reports: Ref<ReadonlyMap<string, KioskReport>>;
  /** Ids in rotation order (only those in `reports` are paginated). */
  order: Ref<readonly string[]>;
  settings: Ref<KioskSettings>;
  digits: Ref<Digits>;
  text: KioskText;
  /** The measuring layer's content box. */
  measureContent: Ref<HTMLElement | null>;
  /** The chrome the measuring layer shows while a report is measured (set here). */
  measureChrome: Ref<ScreenChrome | null>;
  chromeFor: (reportId: string, langs: readonly Lang[], page: number, pages: number, worstCase: boolean) => ScreenChrome | null;
}

export function useKioskPages(options: KioskPagesOptions) {
  const views = shallowRef<KioskView[]>([]);
  /** Both languages side by side in the current pagination. */
  const sideBySide = shallowRef(false);
  /** Bumped after each successful run (the page re-anchors its position). */
  const generation = shallowRef(0);
  let token = 0;

  async function fontsFor(langs: readonly Lang[]): Promise<void> {
    if (typeof document === 'undefined' || !('fonts' in document)) return;
    try {
      // The Tibetan face loads on first use (unicode-range): measuring before it arrives would
      // measure the fallback.
      if (langs.includes('bo')) await document.fonts.load('1em "Lotho Tibetan"', 'བོད་ཡིག');
      await document.fonts.ready;
    } catch {
      // A font that cannot load: measure with what the browser draws.
    }
  }

  async function budgetFor(reportId: string, langs: readonly Lang[], content: HTMLElement): Promise<number> {
    options.measureChrome.value = options.chromeFor(reportId, langs, 1, 1, true);
    await nextTick();
    return content.clientHeight;
  }

  async function run(): Promise<void> {
    const mine = ++token;
    const content = options.measureContent.value;
    if (content === null) return;
    const settings = options.settings.value;
    const side = settings.langs.length > 1 && settings.sideBySide && window.innerWidth >= SIDE_BY_SIDE_MIN_WIDTH;
    const ids = options.order.value.filter((id) => options.reports.value.has(id));
    await fontsFor(settings.langs);
    if (mine !== token) return;
    const items: (Paginated | Interleaved)[] = [];
    /** One report in `langs` paginated together; undefined when the run is stale or the box collapsed. */
    async function paginated(box: HTMLElement, report: KioskReport, reportId: string, langs: Lang[]): Promise<{ item: Paginated; units: Unit[] } | undefined> {
      // Each language's header may wrap differently: a joint pagination takes the smaller box.
      const sets = side || langs.length === 1 ? [langs] : langs.map((l) => [l]);
      let budget = Infinity;
      for (const set of sets) budget = Math.min(budget, await budgetFor(reportId, set, box));
      if (mine !== token) return undefined;
      // A collapsed box (hidden window, zero-size iframe) would cut the report into a thousand
      // slivers: keep the pages already on screen instead.
      if (budget < MIN_BUDGET) return undefined;
      const units = reportUnits(report.document, options.text, { langs, sideBySide: side, digits: options.digits.value });
      const measurer = domMeasurer(box, side);
      try {
        const screens = paginate(units, measurer, { budget: budget - SAFETY, gap: measurer.gap, lanes: langs.length, fill: FILL });
        return { item: { reportId, langs, sideBySide: side, screens }, units };
      } finally {
        measurer.dispose();
      }
    }
    try {
      for (const plan of plans(ids, settings, side)) {
        const report = options.reports.value.get(plan.reportId);
        if (report === undefined) continue;
        if (!plan.apart) {
          const one = await paginated(content, report, plan.reportId, plan.langs);
          if (one === undefined) return;
          items.push(one.item);
          continue;
        }
        const group: Paginated[] = [];
        const starts: (readonly [number, number])[][] = [];
        for (const lang of plan.langs) {
          const one = await paginated(content, report, plan.reportId, [lang]);
          if (one === undefined) return;
          group.push(one.item);
          starts.push(one.item.screens.map((screen) => startOf(screen, one.units)));
        }
        items.push({ items: group, starts });
      }
    } catch (error) {
      // Keep the pages on screen; the next change tries again.
      console.error('kiosk pagination failed', error);
      return;
    } finally {
      if (mine === token) options.measureChrome.value = null;
    }
    if (mine !== token) return;
    sideBySide.value = side;
    views.value = rotation(items);
    generation.value += 1;
  }

  let scheduled: ReturnType<typeof setTimeout> | undefined;
  /** Runs the pagination after `delay` ms, once for a burst of changes. */
  function schedule(delay = 0): void {
    if (scheduled !== undefined) clearTimeout(scheduled);
    scheduled = setTimeout(() => {
      scheduled = undefined;
      void run();
    }, delay);
  }

  // Shallow on purpose: the store replaces the map when a report changes, and a deep watch would
  // walk every document.
  watch([options.reports, options.order, options.settings, options.digits], () => {
    schedule();
  });
  const onResize = (): void => {
    schedule(300);
  };
  const onFonts = (): void => {
    schedule(100);
  };
  onMounted(() => {
    window.addEventListener('resize', onResize);
    if ('fonts' in document) document.fonts.addEventListener('loadingdone', onFonts);
    schedule();
  });
  onScopeDispose(() => {
    token += 1;
    if (scheduled !== undefined) clearTimeout(scheduled);
    window.removeEventListener('resize', onResize);
    if (typeof document !== 'undefined' && 'fonts' in document) document.fonts.removeEventListener('loadingdone', onFonts);
  });

  return { views, sideBySide, generation, repaginate: run };
}
