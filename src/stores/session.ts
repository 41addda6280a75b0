/**
 * The signed-in official. Once signed in on a device, drafting works offline for days: the user
 * is kept in IndexedDB and the server's session cookie is only needed to sync. A 401 marks the
 * session expired: the official is asked to sign in again and nothing on the device is dropped.
 * Signing out is refused while anything is not on the server yet (unsent edits, drafts not
 * created there); once it is, sign-out removes this official's drafts from the
 * device (a shared office phone). Whether an official is kept here is also mirrored in
 * localStorage (modules/official-flag.ts), so that boot.ts starts the sync on any page for them
 * and on none for a resident.
 */
import { defineStore } from 'pinia';
import { precacheOfficialChunks } from '../modules/official-precache.ts';
import { computed, ref, shallowRef } from 'vue';
import * as v from 'valibot';
import { db } from '../db/index.ts';
import { rememberOfficial } from '../modules/official-flag.ts';
import { ApiUserSchema, type ApiUser, type LoginResponse } from '../contract/auth.ts';
import { choosePassword } from './accounts-api.ts';
import { staffApi, type StaffApi } from '../sync/api.ts';
import { ApiFailure } from '../sync/http.ts';
import { ReplicaStore } from '../sync/outbox.ts';
import { clearUndo } from './undo-history.ts';
import { clearUnsaved } from './unsaved-edits.ts';

/** Where the session stands. `expired`: the server said 401; the device keeps everything. */
export type SessionStatus = 'unknown' | 'signed-out' | 'signed-in' | 'expired';

/** Why sign-in failed, for auth.errors.<code>. */
export type SignInError = 'invalid_credentials' | 'too_many_attempts' | 'account_disabled' | 'network' | 'server';

/** Why choosing a new password failed, for auth.newPassword.errors.<code>. */
export type NewPasswordError = 'mismatch' | 'bad_password' | 'wrong_current' | 'network' | 'server';

/** What keeps an official from signing out. */
export interface SignOutBlock {
  /** Edits not acknowledged by the server (including those waiting for a valid value). */
  unsent: number;
  /** Drafts created on this device the server does not have yet. */
  unsentDrafts: number;
}

let api: StaffApi = staffApi();

/** Replaces the API (tests). */
export function setStaffApi(next: StaffApi): void {
  api = next;
}

/** The API the stores use. */
export function currentApi(): StaffApi {
  return api;
}

export const useSessionStore = defineStore('session', () => {
  const user = ref<ApiUser | null>(null);
  const status = ref<SessionStatus>('unknown');
  const expiresAt = ref<string | null>(null);
  const signingIn = ref(false);
  const signInError = ref<SignInError | null>(null);
  /**
   * Sign-in is locked for this username (too many wrong passwords): minutes until it can be tried
   * again, rounded up, from the server's Retry-After; null when unknown or not locked.
   */
  const lockedMinutes = ref<number | null>(null);
  const signOutBlock = ref<SignOutBlock | null>(null);
  /**
   * Signed in with a one-time code: the answer and the code, held in memory only until a new
   * password is chosen. Nothing is kept on the device before that: the server refuses everything
   * else to such a session.
   */
  const pendingPassword = shallowRef<{ answer: LoginResponse; code: string } | null>(null);
  const newPasswordError = ref<NewPasswordError | null>(null);
  /** The replica of the official on this device (kept while expired: the outbox waits). */
  const replica = shallowRef<ReplicaStore | null>(null);

  const canPublish = computed(() => user.value?.role === 'publisher' || user.value?.role === 'admin');

  function useReplicaOf(next: ApiUser): void {
    const owner = String(next.id);
    if (replica.value?.owner !== owner) replica.value = new ReplicaStore(db, owner);
  }

  let restoring: Promise<void> | null = null;

  /** Reads the official kept on this device (once); checks the session with the server in the background. */
  function restore(): Promise<void> {
    restoring ??= (async () => {
      // undefined: IndexedDB could not be read, which says nothing about who is signed in.
      const read = await db.session.get('current').then((found) => ({ found }), () => undefined);
      const row = read?.found;
      const parsed = row === undefined ? undefined : v.safeParse(ApiUserSchema, row.user);
      if (row === undefined || parsed?.success !== true) {
        status.value = 'signed-out';
        // Nobody kept here: boot.ts stops loading the sync code.
        if (read !== undefined) rememberOfficial(false);
        return;
      }
      rememberOfficial(true);
      user.value = parsed.output;
      expiresAt.value = row.expiresAt;
      status.value = row.expired ? 'expired' : 'signed-in';
      useReplicaOf(parsed.output);
      void check();
    })();
    return restoring;
  }

  /** Asks the server whether the session still holds; 401 marks it expired, no answer changes nothing. */
  async function check(): Promise<void> {
    try {
      const me = await api.me();
      if (me.user.id !== user.value?.id) return;
      expiresAt.value = me.expiresAt;
      status.value = 'signed-in';
      await db.session.update('current', { expiresAt: me.expiresAt, expired: false });
    } catch (error) {
      if (error instanceof ApiFailure && error.kind === 'auth') await markExpired();
    }
  }

  /** The server answered 401: ask to sign in again, keep the outbox and everything else. */
  async function markExpired(): Promise<void> {
    if (user.value === null) return;
    status.value = 'expired';
    await db.session.update('current', { expired: true }).catch(() => undefined);
  }

  async function signIn(username: string, password: string): Promise<boolean> {
    signingIn.value = true;
    signInError.value = null;
    newPasswordError.value = null;
    lockedMinutes.value = null;
    try {
      const answer = await api.login(username.trim(), password);
      if (answer.mustChangePassword === true) {
        pendingPassword.value = { answer, code: password };
        newPasswordError.value = null;
        return false;
      }
      await adopt(answer);
      return true;
    } catch (error) {
      if (error instanceof ApiFailure) {
        const wait = error.details.retryAfter;
        if (error.code === 'invalid_credentials' || error.code === 'too_many_attempts' || error.code === 'account_disabled') signInError.value = error.code;
        if (error.code === 'too_many_attempts' && typeof wait === 'number') lockedMinutes.value = Math.max(1, Math.ceil(wait / 60));
        else if (error.code === 'account_disabled') return false;
        else if (error.kind === 'validation' || error.kind === 'auth') signInError.value = 'invalid_credentials';
        else signInError.value = error.kind === 'network' ? 'network' : 'server';
      } else signInError.value = 'server';
      return false;
    } finally {
      signingIn.value = false;
    }
  }

  /** Keeps the signed-in official on this device. */
  async function adopt(answer: LoginResponse): Promise<void> {
    await db.session.put({ key: 'current', user: answer.user, expiresAt: answer.expiresAt, expired: false });
    rememberOfficial(true);
    user.value = answer.user;
    expiresAt.value = answer.expiresAt;
    status.value = 'signed-in';
    signOutBlock.value = null;
    useReplicaOf(answer.user);
    await replica.value?.meta();
    // Everything the officials' pages need, on this device from now on (offline means offline).
    void precacheOfficialChunks();
  }

  /** After a one-time code: the official's own password; true when the server took it and the official is signed in. */
  async function chooseNewPassword(next: string, repeated: string): Promise<boolean> {
    const pending = pendingPassword.value;
    if (pending === null) return false;
    if (next !== repeated) {
      newPasswordError.value = 'mismatch';
      return false;
    }
    signingIn.value = true;
    newPasswordError.value = null;
    try {
      const result = await choosePassword(pending.code, next);
      if (result.kind === 'ok') {
        pendingPassword.value = null;
        await adopt(pending.answer);
        return true;
      }
      if (result.kind === 'refused' && result.code === 'bad_password') newPasswordError.value = 'bad_password';
      else if (result.kind === 'refused' || result.kind === 'unauthenticated') {
        // The code no longer opens the account (reset again, or the session ended): sign in anew.
        newPasswordError.value = 'wrong_current';
        pendingPassword.value = null;
      } else newPasswordError.value = result.kind === 'offline' ? 'network' : 'server';
      return false;
    } finally {
      signingIn.value = false;
    }
  }

  /** What is not on the server yet, or null when signing out loses nothing. */
  async function unsynced(): Promise<SignOutBlock | null> {
    const r = replica.value;
    if (r === null) return null;
    // Open conflicts do not count: the server keeps both values of each, for every device.
    const [pending, drafts] = await Promise.all([r.pending(), r.drafts()]);
    const block = { unsent: pending.length, unsentDrafts: drafts.filter((d) => d.serverId === null).length };
    return block.unsent + block.unsentDrafts === 0 ? null : block;
  }

  /**
   * Signs out, unless something would be lost: then `signOutBlock` says what, and nothing
   * happens. Returns true when signed out.
   */
  async function signOut(): Promise<boolean> {
    const block = await unsynced();
    signOutBlock.value = block;
    if (block !== null) return false;
    try {
      await api.logout();
    } catch {
      // Offline or already expired: the server forgets the session when it expires.
    }
    await replica.value?.clear();
    clearUndo();
    clearUnsaved();
    await db.session.delete('current');
    rememberOfficial(false);
    replica.value = null;
    user.value = null;
    expiresAt.value = null;
    status.value = 'signed-out';
    return true;
  }

  return {
    user,
    status,
    expiresAt,
    signingIn,
    signInError,
    lockedMinutes,
    signOutBlock,
    pendingPassword,
    newPasswordError,
    replica,
    canPublish,
    restore,
    check,
    markExpired,
    signIn,
    chooseNewPassword,
    signOut,
    unsynced,
  };
});
