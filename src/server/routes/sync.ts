/**
 * `/api/sync`: push (mutations → acks) and pull (changes after a cursor). Every mutation's draft
 * must be of the session's agency (else 403 for the whole batch) and every value must fit its
 * field (else 422 naming it); nothing of a refused batch is stored.
 */
import { Hono } from 'hono';
import type { PullResponse, PushResponse } from '../api.ts';
import { checkFieldValue } from '../../report/field-rules.ts';
import { getTemplate } from '../../report/templates/index.ts';
import { pushRequestSchema } from '../../sync/protocol.ts';
import type { AuthOptions } from '../auth/options.ts';
import { requireSession, type AuthEnv } from '../auth/session.ts';
import { ApiError } from '../errors.ts';
import { queryInt, readJson } from '../request.ts';
import { StorageError, type ServerStorage } from '../storage/types.ts';
import { conflictWire } from './wire.ts';

const notOurs = () => new ApiError(403, 'forbidden', 'A mutation names a draft that is not one of your agency');
const PULL_PAGE = 1_000;
const MAX_PULL_PAGE = 5_000;

export function syncRoutes(storage: ServerStorage, options: AuthOptions, now: () => Date): Hono<AuthEnv> {
  const routes = new Hono<AuthEnv>();
  routes.use('*', requireSession(storage, options, now));

  routes.post('/push', async (c) => {
    const { user, agency } = c.var.session;
    const { mutations } = await readJson(c, pushRequestSchema);
    mutations.forEach((m, i) => {
      if (m.seq > Number.MAX_SAFE_INTEGER || m.baseRev > Number.MAX_SAFE_INTEGER) {
        throw new ApiError(400, 'invalid_body', `mutations.${i}: seq and baseRev are at most ${Number.MAX_SAFE_INTEGER}`);
      }
    });
    const ids = [...new Set(mutations.map((m) => m.draftId))];
    const drafts = await storage.getDrafts(ids);
    if (drafts.length !== ids.length || drafts.some((d) => d.agencyId !== agency.id)) throw notOurs();
    const templates = new Map(drafts.map((d) => [d.id, getTemplate(d.template)]));
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
    c.header('Cache-Control', 'no-store');
    const body: PushResponse = { acks };
    return c.json(body);
  });

  routes.get('/pull', async (c) => {
    const { agency } = c.var.session;
    const cursor = queryInt(c, 'cursor', 0);
    const limit = Math.max(1, queryInt(c, 'limit', PULL_PAGE, MAX_PULL_PAGE));
    const page = await storage.pull({ agencyId: agency.id, cursor, limit });
    const conflicts = (await storage.openConflicts(agency.id)).map(conflictWire);
    c.header('Cache-Control', 'no-store');
    const body: PullResponse = { changes: page.changes, conflicts, cursor: page.cursor, more: page.more };
    return c.json(body);
  });

  return routes;
}
