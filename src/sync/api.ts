/**
 * The staff API (src/server/API.md) as typed calls: sign-in, drafts, push/pull and publishing.
 * Every answer is checked against the server's own wire schemas (src/server/api-drafts.ts); a
 * failure is an ApiFailure saying what kind it is (http.ts).
 */
import {
  DraftListSchema,
  DraftResponseSchema,
  LoginResponseSchema,
  MeResponseSchema,
  PublishResponseSchema,
  PullResponseSchema,
  PushResponseSchema,
  type DraftList,
  type DraftResponse,
  type LoginResponse,
  type MeResponse,
  type PublishResponse,
  type PullResponse,
  type PushResponse,
} from '../server/api.ts';
import * as v from 'valibot';
import { apiCall, type FetchLike } from './http.ts';
import type { Mutation } from './protocol.ts';

export type { ApiUser, DraftList, DraftResponse, DraftSummaryWire, LoginResponse, PublishResponse, PullResponse } from '../server/api.ts';

const Empty = v.unknown();

/** Where a new draft starts (POST /api/drafts). */
export type NewDraftRequest =
  | { from: 'blank'; template: '2019' | '2021'; year: number }
  | { from: 'previous'; reportId?: string }
  | { from: 'document'; document: unknown };

/** The staff API over one fetch. */
export interface StaffApi {
  login(username: string, password: string): Promise<LoginResponse>;
  logout(): Promise<void>;
  me(): Promise<MeResponse>;
  listDrafts(): Promise<DraftList>;
  getDraft(id: string): Promise<DraftResponse>;
  createDraft(request: NewDraftRequest): Promise<DraftResponse>;
  push(mutations: readonly Mutation[]): Promise<PushResponse>;
  pull(cursor: number): Promise<PullResponse>;
  publish(id: string, body: { acknowledgeWarnings: boolean; note?: string }): Promise<PublishResponse>;
}

/** The staff API over `fetchImpl` (the global fetch by default, looked up at each call). */
export function staffApi(fetchImpl: FetchLike = (input, init) => fetch(input, init)): StaffApi {
  const call = <S extends v.GenericSchema>(method: 'GET' | 'POST', path: string, schema: S, body?: unknown) =>
    apiCall(fetchImpl, method, path, schema, body);
  return {
    login: (username, password) => call('POST', '/api/auth/login', LoginResponseSchema, { username, password }),
    logout: async () => {
      await call('POST', '/api/auth/logout', Empty);
    },
    me: () => call('GET', '/api/auth/me', MeResponseSchema),
    listDrafts: () => call('GET', '/api/drafts', DraftListSchema),
    getDraft: (id) => call('GET', `/api/drafts/${encodeURIComponent(id)}`, DraftResponseSchema),
    createDraft: (request) => call('POST', '/api/drafts', DraftResponseSchema, request),
    // Only the protocol's keys: an outbox row may one day carry more, and the server is strict.
    push: (mutations) =>
      call('POST', '/api/sync/push', PushResponseSchema, {
        mutations: mutations.map(({ clientId, seq, draftId, field, value, baseRev, resolves }) =>
          resolves === undefined ? { clientId, seq, draftId, field, value, baseRev } : { clientId, seq, draftId, field, value, baseRev, resolves }),
      }),
    pull: (cursor) => call('GET', `/api/sync/pull?cursor=${cursor}`, PullResponseSchema),
    publish: (id, body) => call('POST', `/api/drafts/${encodeURIComponent(id)}/publish`, PublishResponseSchema, body),
  };
}
