/**
 * The kiosk's state: its settings and PIN (localStorage), its id, and the reports it rotates,
 * offline first like the reader (src/stores/reports.ts): the copies kept in IndexedDB show at once,
 * then each is checked against the server with If-None-Match. A failure never removes a report from
 * the screen: the last good copy stays, flagged stale. Several reports at once, which the reader's
 * store (one report on screen) does not do; the fetch and the IndexedDB records are the same, so a
 * report read on the reader is on the kiosk too and the other way round.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { KioskReport } from '../kiosk/report.ts';
import { checkReport, fetchReport, API_BASE } from './reports-api.ts';
import { parseSettings, SETTINGS_KEY, validSettings, type KioskSettings } from '../kiosk/settings.ts';
import { createPin, parseStoredPin, PIN_KEY, verifyPin, type StoredPin } from '../kiosk/pin.ts';
import { heartbeat, isKioskId, KIOSK_ID_KEY, newKioskId } from '../kiosk/heartbeat.ts';
import { readLocal, writeLocal } from '../modules/local-storage.ts';
import { browserSaysOffline } from '../sync/online.ts';
import { useTranslationsStore } from './translations.ts';

export type { KioskReport };

type Repo = typeof import('../db/reports.ts');
let repo: Promise<Repo> | undefined;
/** db/reports.ts on first use (IndexedDB may be missing; a failed load is retried). */
function loadRepo(): Promise<Repo> {
  repo ??= import('../db/reports.ts').catch((error: unknown) => {
    repo = undefined;
    throw error;
  });
  return repo;
}

const versionOf = (value: number | string): number => (typeof value === 'number' ? value : Number(value) || 0);

export const useKioskStore = defineStore('kiosk', () => {
  const settings = ref<KioskSettings>(parseSettings(readLocal(SETTINGS_KEY)));
  const storedPin = ref<StoredPin | undefined>(parseStoredPin(readLocal(PIN_KEY)));
  const kioskId = ref<string>(
    (() => {
      const kept = readLocal(KIOSK_ID_KEY);
      if (isKioskId(kept)) return kept;
      const id = newKioskId();
      writeLocal(KIOSK_ID_KEY, id);
      return id;
    })(),
  );

  /** The reports on screen, by id; replaced (never mutated) when one changes, so watchers see it. */
  const reports = shallowRef<ReadonlyMap<string, KioskReport>>(new Map());
  /** When the server last confirmed each report (ms since epoch): its "data as of". */
  const asOf = ref<Record<string, number>>({});
  /** When the kiosk last reached the server; null if not in this session or before. */
  const lastRefresh = ref<number | null>(null);
  /** The last attempt to reach the server failed. */
  const offline = ref(browserSaysOffline());
  /** Some report could not be checked the last time (shown with a small indicator). */
  const stale = ref(false);
  const loaded = ref(false);

  function setReport(entry: KioskReport): void {
    const current = reports.value.get(entry.id);
    if (current !== undefined && current.version === entry.version && current.document === entry.document) return;
    const next = new Map(reports.value);
    next.set(entry.id, entry);
    reports.value = next;
  }

  /** Loads the copies of `ids` kept on this device, then checks each against the server. */
  async function load(ids: readonly string[]): Promise<void> {
    try {
      const db = await loadRepo();
      for (const id of ids) {
        const record = await db.getCachedReport(id);
        const document = record === undefined ? undefined : checkReport(record.document);
        if (record === undefined || document === undefined) continue;
        setReport({ id, document, version: versionOf(record.version), publishedAt: record.updatedAt });
        asOf.value = { ...asOf.value, [id]: record.fetchedAt };
      }
    } catch {
      // No IndexedDB: the kiosk shows what the network gives it.
    }
    // Reports dropped from the settings leave the rotation.
    if ([...reports.value.keys()].some((id) => !ids.includes(id))) {
      reports.value = new Map([...reports.value].filter(([id]) => ids.includes(id)));
    }
    loaded.value = true;
    await refresh(ids);
  }

  /**
   * Asks the server about each report (a 304 costs a few bytes). A new version replaces the copy on
   * screen and in IndexedDB; any failure keeps the copy.
   */
  async function refresh(ids: readonly string[]): Promise<void> {
    let failed = false;
    let reached = false;
    for (const id of ids) {
      const known = reports.value.get(id);
      let etag: string | null = null;
      try {
        etag = known === undefined ? null : ((await (await loadRepo()).getCachedReport(id))?.etag ?? null);
      } catch {
        etag = null;
      }
      let result: Awaited<ReturnType<typeof fetchReport>>;
      try {
        result = await fetchReport(id, etag);
      } catch {
        failed = true;
        offline.value = true;
        continue;
      }
      const now = Date.now();
      if (result.kind === 'ok') {
        // The service worker answering from its cache is not the server: no newer "as of".
        const cachedAt = 'cachedAt' in result && typeof result.cachedAt === 'number' ? result.cachedAt : null;
        const live = cachedAt === null;
        if (live) reached = true;
        else failed = true;
        setReport({ id, document: result.report, version: result.version, publishedAt: result.updatedAt });
        asOf.value = { ...asOf.value, [id]: live ? now : cachedAt };
        if (live) {
          try {
            await (await loadRepo()).putCachedReport({
              id,
              version: result.version,
              etag: result.etag,
              updatedAt: result.updatedAt,
              document: result.report,
              fetchedAt: now,
            });
          } catch {
            // Not kept for offline use this time; shown anyway.
          }
        }
      } else if (result.kind === 'not_modified' && known !== undefined) {
        reached = true;
        asOf.value = { ...asOf.value, [id]: now };
        try {
          await (await loadRepo()).touchCachedReport(id, now);
        } catch {
          // The copy on screen is current; only its date was not written.
        }
      } else {
        reached = reached || result.kind !== 'server_error';
        failed = true;
      }
    }
    if (reached) {
      offline.value = false;
      lastRefresh.value = Date.now();
    }
    stale.value = failed;
  }

  /** Sends the heartbeat; false when the server could not be reached (it is tried again later). */
  async function sendHeartbeat(): Promise<boolean> {
    const versions = new Map([...reports.value.values()].map((r) => [r.id, r.version] as const));
    try {
      const response = await fetch(`${API_BASE}/kiosks/heartbeat`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(heartbeat(kioskId.value, versions, lastRefresh.value)),
        cache: 'no-store',
      });
      return response.ok;
    } catch {
      return false;
    }
  }

  function saveSettings(next: KioskSettings): void {
    settings.value = validSettings(next);
    writeLocal(SETTINGS_KEY, JSON.stringify(settings.value));
  }

  /** True once a PIN has been set on this device. */
  const hasPin = (): boolean => storedPin.value !== undefined;

  async function setPin(pin: string): Promise<void> {
    const record = await createPin(pin);
    storedPin.value = record;
    writeLocal(PIN_KEY, JSON.stringify(record));
  }

  async function checkPin(pin: string): Promise<boolean> {
    return storedPin.value !== undefined && (await verifyPin(pin, storedPin.value));
  }

  // What the kiosk shows: each report with the deployment's reviewed Tibetan paragraphs.
  const translations = useTranslationsStore();
  const reviewedReports = computed<ReadonlyMap<string, KioskReport>>(
    () => new Map([...reports.value].map(([id, r]) => [id, { ...r, document: translations.reviewed(r.document) }])),
  );

  return {
    settings,
    kioskId,
    reports: reviewedReports,
    asOf,
    lastRefresh,
    offline,
    stale,
    loaded,
    load,
    refresh,
    sendHeartbeat,
    saveSettings,
    hasPin,
    setPin,
    checkPin,
  };
});
