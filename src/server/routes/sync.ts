/**
 * `/api/sync`: push (mutations → acks) and pull (changes after a cursor). Every mutation's draft
 * must be of the session's agency (else 403 for the whole batch) and every value must fit its
 * field (else 422 naming it); nothing of a refused batch is stored.
 */
import { Hono } from 'hono';
import type { Mutation, PullResponse, PushResponse } from '../../contract/sync.ts';
import { checkFieldValue } from '../../report/field-rules.ts';
import { getTemplate } from '../../report/templates/index.ts';
import type { TemplateDef } from '../../report/templates/types.ts';
import { isPlainPush, PushRequestSchema } from '../../contract/sync.ts';
import { jsonAnswer } from '../answer-headers.ts';
import type { AuthOptions } from '../auth/options.ts';
import { requireSession, type AuthEnv } from '../auth/session.ts';
import { ApiError } from '../errors.ts';
import { queryInt, readJson } from '../request.ts';
import { StorageError, type DraftSummary, type ServerStorage } from '../storage/types.ts';
import { conflictWire } from './wire.ts';

const notOurs = () => new ApiError(403, 'forbidden', 'A mutation names a draft that is not one of your agency');
const PULL_PAGE = 1_000;
const MAX_PULL_PAGE = 5_000;
/** More drafts than a county writes in years: past it the memory of them starts again empty. */
const MAX_KNOWN_DRAFTS = 10_000;

/**
 * The template of each draft a push names, after checking that every one is of `agencyId` (else
 * 403). From memory when a push named the draft before: a draft keeps its agency and template for
 * life (drafts are never deleted or moved), so a device pushing edit after edit costs no query for
 * them, and one pass over the mutations: no list, set or map made for the usual push of one draft
 * but the answer. Only to check the values and answer 403 early: the storage checks the agency
 * again inside its transaction.
 */
function draftTemplates(storage: ServerStorage) {
  const known = new Map<string, Pick<DraftSummary, 'agencyId' | 'template'>>();
  return async (mutations: readonly Mutation[], agencyId: string): Promise<Map<string, TemplateDef>> => {
    let missing: Set<string> | undefined;
    for (const m of mutations) if (!known.has(m.draftId)) (missing ??= new Set()).add(m.draftId);
    if (missing !== undefined) {
      if (known.size + missing.size > MAX_KNOWN_DRAFTS) known.clear();
      for (const draft of await storage.getDrafts([...missing])) known.set(draft.id, { agencyId: draft.agencyId, template: draft.template });
    }
    const templates = new Map<string, TemplateDef>();
    for (const m of mutations) {
      if (templates.has(m.draftId)) continue;
      const facts = known.get(m.draftId);
      if (facts?.agencyId !== agencyId) throw notOurs();
      templates.set(m.draftId, getTemplate(facts.template));
    }
    return templates;
  };
}

export function syncRoutes(storage: ServerStorage, options: AuthOptions, now: () => Date): Hono<AuthEnv> {
  const routes = new Hono<AuthEnv>();
  routes.use('*', requireSession(storage, options, now));
  const templatesOf = draftTemplates(storage);

  routes.post('/push', async (c) => {
    // c.get, not c.var: c.var copies every variable of the request into a new object.
    const { user, agency } = c.get('session');
    const { mutations } = await readJson(c, PushRequestSchema, isPlainPush);
    mutations.forEach((m, i) => {
      if (m.seq > Number.MAX_SAFE_INTEGER || m.baseRev > Number.MAX_SAFE_INTEGER) {
        throw new ApiError(400, 'invalid_body', `mutations.${i}: seq and baseRev are at most ${Number.MAX_SAFE_INTEGER}`);
      }
    });
    const templates = await templatesOf(mutations, agency.id);
    mutations.forEach((m, i) => {
      const template = templates.get(m.draftId);
      const problem = template === undefined ? 'unknown draft' : checkFieldValue(template, m.field, m.value);
      if (problem !== undefined) throw new ApiError(422, 'invalid_field', `mutations.${i} (${m.field}): ${problem}`, { field: m.field });
    });
    let acks: PushResponse['acks'];
    try {
      acks = await storage.pushMutations({ userId: user.id, agencyId: agency.id }, mutations);
    } catch (error) {
      // The storage checks the agency again inside its transaction.
      if (error instanceof StorageError && error.code === 'forbidden') throw notOurs();
      throw error;
    }
    const body: PushResponse = { acks };
    return jsonAnswer(c, body);
  });

  routes.get('/pull', async (c) => {
    const { agency } = c.get('session');
    const cursor = queryInt(c, 'cursor', 0);
    const limit = Math.max(1, queryInt(c, 'limit', PULL_PAGE, MAX_PULL_PAGE));
    const page = await storage.pull({ agencyId: agency.id, cursor, limit });
    const conflicts = (await storage.openConflicts(agency.id)).map(conflictWire);
    const body: PullResponse = { changes: page.changes, conflicts, cursor: page.cursor, more: page.more };
    return jsonAnswer(c, body);
  });

  return routes;
}
