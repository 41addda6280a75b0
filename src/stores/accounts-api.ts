/**
 * The accounts page's side of `/api/accounts` and the sign-in page's `POST /api/auth/password`
 * (src/server/routes/accounts.ts, auth.ts): each call's outcome as a value the page words. Online
 * only: who may sign in is the server's record.
 */
import * as v from 'valibot';
import {
  AccountResponseSchema,
  AccountsResponseSchema,
  OneTimeCodeResponseSchema,
  type AccountChangeRequest,
  type AccountResponse,
  type AccountsResponse,
  type NewAccountRequest,
  type OneTimeCodeResponse,
} from '../contract/accounts.ts';
import { API_BASE } from './reports-api.ts';

export type AccountsOutcome<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'unauthenticated' }
  /** Not an admin. */
  | { kind: 'forbidden' }
  /** A refusal the page words: exists, not_found, own_account, wrong_current, bad_password… */
  | { kind: 'refused'; code: string }
  | { kind: 'offline' }
  | { kind: 'error' };

async function call<T>(path: string, schema: v.GenericSchema<unknown, T> | null, init: RequestInit = {}): Promise<AccountsOutcome<T>> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      ...init,
      cache: 'no-store',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    });
  } catch {
    return { kind: 'offline' };
  }
  if (response.status === 401) return { kind: 'unauthenticated' };
  if (response.status === 204 && schema === null) return { kind: 'ok', value: undefined as T };
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { kind: 'error' };
  }
  if (response.ok && schema !== null) {
    const parsed = v.safeParse(schema, body);
    return parsed.success ? { kind: 'ok', value: parsed.output } : { kind: 'error' };
  }
  const code = typeof body === 'object' && body !== null && 'error' in body ? (body.error as { code?: unknown }).code : undefined;
  if (response.status === 403 && code === 'forbidden') return { kind: 'forbidden' };
  return typeof code === 'string' && response.status >= 400 && response.status < 500 ? { kind: 'refused', code } : { kind: 'error' };
}

const send = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body) });

export const fetchAccounts = () => call<AccountsResponse>('/accounts', AccountsResponseSchema);

export const addAccount = (request: NewAccountRequest) => call<OneTimeCodeResponse>('/accounts', OneTimeCodeResponseSchema, send('POST', request));

export const resetAccount = (id: number) => call<OneTimeCodeResponse>(`/accounts/${String(id)}/reset`, OneTimeCodeResponseSchema, send('POST', {}));

export const changeAccount = (id: number, change: AccountChangeRequest) => call<AccountResponse>(`/accounts/${String(id)}`, AccountResponseSchema, send('PATCH', change));

/** The signed-in user's new password (after a one-time code, or any time). */
export const choosePassword = (current: string, next: string) => call<undefined>('/auth/password', null, send('POST', { current, next }));
