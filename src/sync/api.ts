/**
 * The staff API (src/server/API.md) as typed calls: sign-in, drafts, push/pull and publishing.
 * Every answer is checked against the wire schemas of src/contract; a failure is an ApiFailure
 * saying what kind it is (http.ts).
 */
import * as v from 'valibot';
import { LoginResponseSchema, MeResponseSchema, type LoginResponse, type MeResponse } from '../contract/auth.ts';
import {
  DraftListSchema,
  DraftResponseSchema,
  PublishResponseSchema,
  type DraftList,
  type DraftResponse,
  type NewDraftRequest,
  type PublishRequest,
  type PublishResponse,
} from '../contract/drafts.ts';
import { PullResponseSchema, PushResponseSchema, type Mutation, type PullResponse, type PushResponse } from '../contract/sync.ts';
import { apiCall, type FetchLike } from './http.ts';


const Empty = v.unknown();

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
  publish(id: string, body: PublishRequest): Promise<PublishResponse>;
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
