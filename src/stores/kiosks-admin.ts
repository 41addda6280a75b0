/**
 * The admin's view of the kiosks (GET /api/kiosks): each noticeboard screen's last heartbeat and
 * whether it is stale. Online only, no copy kept: it is a status board, and the server is the
 * authority on who may see it (401: not signed in, 403: not an admin). The session cookie set at
 * sign-in goes with the request.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import * as v from 'valibot';
import { KioskListSchema, type KioskStatus } from '../contract/kiosks.ts';
import { API_BASE } from './reports-api.ts';

export type KioskAdminState = 'idle' | 'loading' | 'ready' | 'unauthenticated' | 'forbidden' | 'error';

export const useKioskAdminStore = defineStore('kiosk-admin', () => {
  const kiosks = shallowRef<KioskStatus[]>([]);
  const state = ref<KioskAdminState>('idle');
  /** When the list was fetched (ms since epoch). */
  const fetchedAt = ref<number | null>(null);

  async function load(): Promise<void> {
    state.value = 'loading';
    try {
      const response = await fetch(`${API_BASE}/kiosks`, { headers: { Accept: 'application/json' }, cache: 'no-store', credentials: 'same-origin' });
      if (response.status === 401) {
        state.value = 'unauthenticated';
        return;
      }
      if (response.status === 403) {
        state.value = 'forbidden';
        return;
      }
      const parsed = response.ok ? v.safeParse(KioskListSchema, await response.json()) : undefined;
      if (parsed?.success !== true) {
        state.value = 'error';
        return;
      }
      kiosks.value = parsed.output.kiosks;
      fetchedAt.value = Date.now();
      state.value = 'ready';
    } catch {
      state.value = 'error';
    }
  }

  return { kiosks, state, fetchedAt, load };
});
