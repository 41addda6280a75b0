/**
 * Lazy hydration of a pre-rendered report page. The parts that take turns
 * (components/report/lazy-parts.ts) hydrate one per task, in page order, right after the app
 * mounted: hydrating the whole report in the mount task was one long task on a slow phone
 * (Lighthouse's 4× CPU: most of the page's Total Blocking Time); a part takes a few milliseconds,
 * and input between two parts is handled at once. The tables wait until they near the view
 * (components/report/lazy-tables.ts).
 *
 * A waiting part has rendered nothing on the client yet. A change of its props (a newer copy of
 * the report) renders it afresh in place of the server's markup (Vue skips its hydration), but a
 * change it reads by itself (the locale, the digits) would go unseen, and it would then hydrate
 * against text it no longer renders (a Tibetan paragraph left marked lang="zh-Hans": Vue does not
 * correct attributes in production). Hence every waiting part hydrates at once before any
 * navigation (the router's first guard, router.ts: a language switch changes the locale); the
 * parts that take turns also when the reader presses, focuses or types anywhere, so the click or
 * key that follows reaches hydrated handlers; and the boot applies this device's settings and the
 * reviewed Tibetan only after `hydrated()`.
 */
import type { HydrationStrategy } from 'vue';

/** Every part not hydrated yet, in the order they were mounted (page order). */
const waiting = new Set<() => void>();
/** The parts that take turns, next first. */
const turns: (() => void)[] = [];
let scheduled = false;
let whenDone: (() => void)[] = [];

/** Input that may change what a part taking turns shows, or that is about to use it. */
const INPUT = ['pointerdown', 'keydown', 'focusin'] as const;

/** The next turn: a task of its own, after what the browser has queued (input, rendering). */
function nextTurn(run: () => void): void {
  setTimeout(run, 0);
}

function listen(on: boolean): void {
  if (typeof document === 'undefined') return;
  for (const type of INPUT) {
    if (on) document.addEventListener(type, hydrateTurnsNow, { capture: true, passive: true });
    else document.removeEventListener(type, hydrateTurnsNow, { capture: true });
  }
}

/**
 * Registers a part that waits to hydrate. Returns the function that hydrates it (once; it is then
 * no longer waiting) and the one that forgets it (its page left first).
 */
export function waitToHydrate(hydrate: () => void): { now: () => void; forget: () => void } {
  const now = (): void => {
    if (!waiting.delete(now)) return;
    const turn = turns.indexOf(now);
    if (turn >= 0) turns.splice(turn, 1);
    if (turns.length === 0) turnsDone();
    hydrate();
  };
  waiting.add(now);
  return {
    now,
    forget: () => {
      waiting.delete(now);
      const turn = turns.indexOf(now);
      if (turn >= 0) turns.splice(turn, 1);
      if (turns.length === 0) turnsDone();
    },
  };
}

function schedule(): void {
  if (scheduled || turns.length === 0) return;
  scheduled = true;
  nextTurn(() => {
    scheduled = false;
    turns[0]?.();
    schedule();
  });
}

function turnsDone(): void {
  listen(false);
  const done = whenDone;
  whenDone = [];
  for (const resolve of done) resolve();
}

/** Vue's hydrate strategy for a part that takes its turn (defineAsyncComponent `hydrate`). */
export const hydrateInTurn: HydrationStrategy = (hydrate) => {
  const part = waitToHydrate(hydrate);
  if (turns.length === 0) listen(true);
  turns.push(part.now);
  schedule();
  return part.forget;
};

/** Hydrates the parts that take turns now, in page order. */
function hydrateTurnsNow(): void {
  for (const now of [...turns]) now();
}

/** Hydrates every waiting part now, in page order, whatever it waits for. */
export function hydrateWaitingParts(): void {
  for (const now of [...waiting]) now();
}

/**
 * Resolves once no part waits for its turn. Looked at in the next task: the parts of a page being
 * mounted queue themselves in promise callbacks after the mount call returns.
 */
export function hydrated(): Promise<void> {
  return new Promise((resolve) => {
    nextTurn(() => {
      if (turns.length === 0) resolve();
      else whenDone.push(resolve);
    });
  });
}
