/**
 * "Keep these reports on this device": downloads every report of a scope (one agency's years, or
 * the list on screen) into IndexedDB through the reports store, one at a time (a township's link
 * is slow), and asks the browser to keep the data (`navigator.storage.persist()`): without that,
 * a browser short of space may evict it. The outcome is shown as it is, never as a promise.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { useReportsStore } from './reports.ts';

/**
 * Whether the browser keeps this site's data: `persisted` (granted), `best_effort` (may be evicted
 * under storage pressure), `unsupported` (no StorageManager: treat as best effort), `asking` (the
 * browser asks the person and they have not answered yet: Firefox's prompt).
 */
export type Persistence = 'persisted' | 'best_effort' | 'unsupported' | 'asking';

/** How long the end of a "keep" waits for the browser's answer before saying that it is asking. */
export const ANSWER_WAIT_MS = 1_000;

/** What the last "keep" did. */
export interface KeepSummary {
  /** Downloaded now. */
  kept: number;
  /** Already on this device. */
  already: number;
  /** Could not be downloaded (offline, server error): try again online. */
  failed: number;
  /** IndexedDB cannot be used (private window, quota): nothing can be kept, reading online works. */
  unavailable: boolean;
  persistence: Persistence;
}

/**
 * The browser's answer if it came within `ms`, else `asking`. Firefox answers persist() only when
 * the person answers its prompt, which they may ignore: nothing may wait for it.
 */
export function answerOrAsking(asked: Promise<Persistence>, ms: number): Promise<Persistence> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const asking = new Promise<Persistence>((resolve) => {
    timer = setTimeout(() => { resolve('asking'); }, ms);
  });
  return Promise.race([asked, asking]).finally(() => { clearTimeout(timer); });
}

/** Asks to keep the site's data unless the browser already does; never throws. */
export async function requestPersistence(): Promise<Persistence> {
  const manager = typeof navigator === 'undefined' ? undefined : (navigator.storage as StorageManager | undefined);
  if (manager === undefined || typeof manager.persist !== 'function') return 'unsupported';
  try {
    if (typeof manager.persisted === 'function' && (await manager.persisted())) return 'persisted';
    return (await manager.persist()) ? 'persisted' : 'best_effort';
  } catch {
    return 'best_effort';
  }
}

export const useKeepStore = defineStore('keep', () => {
  const reports = useReportsStore();
  /** Progress of the running "keep" (null when none runs). */
  const progress = ref<{ done: number; total: number } | null>(null);
  const summary = ref<KeepSummary | null>(null);

  /** Keeps reports `ids` on this device; a second call while one runs returns the first's result. */
  let running: Promise<KeepSummary> | null = null;
  function keep(ids: readonly string[]): Promise<KeepSummary> {
    running ??= run([...new Set(ids)]).finally(() => {
      running = null;
      progress.value = null;
    });
    return running;
  }

  /** Counts the outcomes shown, so that a late answer from the browser updates only its own. */
  let shown = 0;

  async function run(ids: string[]): Promise<KeepSummary> {
    // Asked first, while the tap is still a user gesture (Firefox shows a prompt for it); the
    // downloads do not wait for the answer.
    const asked = requestPersistence();
    const result: KeepSummary = { kept: 0, already: 0, failed: 0, unavailable: false, persistence: 'asking' };
    let done = 0;
    progress.value = { done, total: ids.length };
    for (const id of ids) {
      const outcome = await reports.keepReport(id);
      if (outcome === 'unavailable') {
        result.unavailable = true;
        break;
      }
      result[outcome] += 1;
      done += 1;
      progress.value = { done, total: ids.length };
    }
    result.persistence = await answerOrAsking(asked, ANSWER_WAIT_MS);
    summary.value = result;
    const outcome = (shown += 1);
    if (result.persistence === 'asking') {
      void asked.then((persistence) => {
        if (shown === outcome && summary.value !== null) summary.value = { ...summary.value, persistence };
      });
    }
    return result;
  }

  /** Forgets the last outcome (a new scope is on screen). */
  function reset(): void {
    shown += 1;
    summary.value = null;
  }

  return { progress, summary, keep, reset };
});
