/**
 * The accounts page's data: the admin's subtree (agencies, accounts, audit), and each change
 * sent one at a time, the list read again after it so the audit shows it. A one-time code is kept
 * here until the admin closes it: shown once, never stored on the device.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { AccountChangeRequest, AccountsResponse, NewAccountRequest, OneTimeCodeResponse } from '../contract/accounts.ts';
import { addAccount, changeAccount, fetchAccounts, resetAccount, type AccountsOutcome } from './accounts-api.ts';

export type AccountsState = 'idle' | 'loading' | 'ready' | Exclude<AccountsOutcome<unknown>['kind'], 'ok' | 'refused'>;

/** A code to hand over, and whose. */
export interface HandOver {
  username: string;
  code: string;
}

export const useAccountsStore = defineStore('accounts', () => {
  const state = ref<AccountsState>('idle');
  const data = shallowRef<AccountsResponse | null>(null);
  const busy = ref(false);
  /** Why the last change was refused: a server code, or offline/error. */
  const refusal = ref<string | null>(null);
  const handOver = ref<HandOver | null>(null);

  async function load(): Promise<void> {
    if (data.value === null) state.value = 'loading';
    const result = await fetchAccounts();
    if (result.kind === 'ok') data.value = result.value;
    state.value = result.kind === 'ok' ? 'ready' : result.kind === 'refused' ? 'error' : result.kind;
  }

  /** Sends one change; true when it was made. */
  async function run<T>(work: () => Promise<AccountsOutcome<T>>, done: (value: T) => void = () => undefined): Promise<boolean> {
    busy.value = true;
    refusal.value = null;
    try {
      const result = await work();
      if (result.kind !== 'ok') {
        refusal.value = result.kind === 'refused' ? result.code : result.kind;
        return false;
      }
      done(result.value);
      await load();
      return true;
    } finally {
      busy.value = false;
    }
  }

  const showCode = (answer: OneTimeCodeResponse) => {
    handOver.value = { username: answer.account.username, code: answer.code };
  };

  return {
    state,
    data,
    busy,
    refusal,
    handOver,
    load,
    add: (request: NewAccountRequest) => run(() => addAccount(request), showCode),
    reset: (id: number) => run(() => resetAccount(id), showCode),
    change: (id: number, change: AccountChangeRequest) => run(() => changeAccount(id, change)),
    closeCode: () => {
      handOver.value = null;
    },
  };
});
