/**
 * The residents' directory (home and agency pages): one page of the server's listing at a time
 * (GET /api/agencies[/:id], src/contract/directory.ts), never the whole index. A page rendered on
 * the server carries its listing (`prime`), so it hydrates without asking again. Online only: the
 * reports kept on this device are listed beside it by the reports store.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import * as v from 'valibot';
import { DirectoryListingSchema, directoryKey, directoryQueryString, type DirectoryListing, type DirectoryQuery } from '../contract/directory.ts';

export { directoryKey, parseDirectoryQuery } from '../contract/directory.ts';
import { API_BASE, servedFromCache } from './reports-api.ts';

export type DirectoryError = 'not_found' | 'network' | 'invalid';

export const useDirectoryStore = defineStore('directory', () => {
  const listing = shallowRef<DirectoryListing | null>(null);
  /** The key of `listing` (see directoryKey). */
  const key = ref<string | null>(null);
  const loading = ref(false);
  const error = ref<DirectoryError | null>(null);
  let token = 0;

  /** The listing a server-rendered page carries: its first render shows it. */
  function prime(primed: DirectoryListing, primedKey: string): void {
    listing.value = primed;
    key.value = primedKey;
  }

  /** Shows the listing of `agencyId` (null: the whole server) for `query`; a later call wins. */
  async function load(agencyId: string | null, query: DirectoryQuery): Promise<void> {
    const wanted = directoryKey(agencyId, query);
    if (key.value === wanted && listing.value !== null) return;
    const mine = ++token;
    loading.value = true;
    error.value = null;
    try {
      const path = agencyId === null ? '/agencies' : `/agencies/${encodeURIComponent(agencyId)}`;
      const response = await fetch(`${API_BASE}${path}${directoryQueryString(query)}`, { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (mine !== token) return;
      if (response.status === 404) {
        error.value = 'not_found';
        return;
      }
      // The service worker's old copy of a listing is not one: offline, the kept reports stand alone.
      if (!response.ok || servedFromCache(response) !== null) {
        error.value = 'network';
        return;
      }
      const parsed = v.safeParse(DirectoryListingSchema, await response.json());
      if (mine !== token) return;
      if (!parsed.success) {
        error.value = 'invalid';
        return;
      }
      listing.value = parsed.output;
      key.value = wanted;
    } catch {
      if (mine === token) error.value = 'network';
    } finally {
      if (mine === token) loading.value = false;
    }
  }

  return { listing, key, loading, error, prime, load };
});
