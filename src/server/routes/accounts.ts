/**
 * `/api/accounts`: an admin manages the accounts of their subtree (their agency and every agency
 * below it) in the app: lists them with their last sign-in and the audit history, adds one, resets
 * a password to a one-time code, disables or enables one, changes its role. An account outside the
 * subtree, or an agency above or beside it, is a 404, as in oversight: the admin does not learn it
 * exists. An admin changes their own account only by choosing a new password
 * (`POST /api/auth/password`): disabling or demoting oneself would lock the subtree out.
 */
import { Hono, type Context } from 'hono';
import {
  AccountChangeRequestSchema,
  NewAccountRequestSchema,
  type AccountAuditWire,
  type AccountResponse,
  type AccountsResponse,
  type AccountWire,
  type OneTimeCodeResponse,
} from '../../contract/accounts.ts';
import type { AuthOptions } from '../auth/options.ts';
import { canonicalCode, newOneTimeCode } from '../auth/one-time-code.ts';
import { hashPassword } from '../auth/password.ts';
import { requireRole, requireSession, type AuthEnv } from '../auth/session.ts';
import { ApiError } from '../errors.ts';
import { agencyWire } from '../oversight/tree.ts';
import { readJson } from '../request.ts';
import { StorageError, type Account, type AccountAuditEntry, type Agency, type ServerStorage } from '../storage/types.ts';

/** The newest changes the page shows. */
const AUDIT_SHOWN = 200;

function accountWire(account: Account, agency: Agency | undefined): AccountWire {
  return {
    id: account.id,
    username: account.username,
    role: account.role,
    agency: {
      id: account.agencyId,
      zh: agency?.nameZh ?? account.agencyId,
      ...(agency?.nameBo === undefined ? {} : { bo: agency.nameBo }),
      level: agency?.level ?? 'department',
    },
    createdAt: account.createdAt,
    lastSignInAt: account.lastSignInAt ?? null,
    disabled: account.disabled,
    mustChangePassword: account.mustChangePassword,
  };
}

function auditWire(entry: AccountAuditEntry): AccountAuditWire {
  const { id, at, actor, action, username, agencyId, role, roleBefore } = entry;
  return { id, at, actor, action, username, agencyId, ...(role === undefined ? {} : { role }), ...(roleBefore === undefined ? {} : { roleBefore }) };
}

const notFound = () => new ApiError(404, 'not_found', 'No such account among those you manage');

export function accountRoutes(storage: ServerStorage, options: AuthOptions, now: () => Date): Hono<AuthEnv> {
  const routes = new Hono<AuthEnv>();
  routes.use('*', requireSession(storage, options, now));
  routes.use('*', async (c, next) => {
    requireRole(c.var.session, 'admin');
    await next();
    c.header('Cache-Control', 'no-store');
  });

  /** Whether `agencyId` is the admin's agency or below it. */
  const inSubtree = async (c: Context<AuthEnv>, agencyId: string) => (await storage.agencyPath(agencyId)).some((a) => a.id === c.var.session.agency.id);

  /** The account of `:id` when the admin manages it, with its agency; 404 otherwise. */
  const managed = async (c: Context<AuthEnv>): Promise<{ account: Account; agency: Agency | undefined }> => {
    const id = Number(c.req.param('id'));
    const account = Number.isSafeInteger(id) && id > 0 ? await storage.getAccount(id) : undefined;
    if (account === undefined || !(await inSubtree(c, account.agencyId))) throw notFound();
    if (account.id === c.var.session.user.id) {
      throw new ApiError(409, 'own_account', 'Your own account is not changed here: choose a new password on the sign-in page');
    }
    return { account, agency: await storage.getAgency(account.agencyId) };
  };

  routes.get('/', async (c) => {
    const root = c.var.session.agency.id;
    const [agencies, accounts, audit] = await Promise.all([
      storage.subtreeAgencies(root),
      storage.subtreeAccounts(root),
      storage.subtreeAccountAudit(root, AUDIT_SHOWN),
    ]);
    const byId = new Map(agencies.map((a) => [a.id, a]));
    const body: AccountsResponse = {
      agencies: agencies.map(agencyWire),
      accounts: accounts.map((a) => accountWire(a, byId.get(a.agencyId))),
      audit: audit.map(auditWire),
    };
    return c.json(body);
  });

  routes.post('/', async (c) => {
    const request = await readJson(c, NewAccountRequestSchema);
    if (!(await inSubtree(c, request.agencyId))) throw new ApiError(404, 'not_found', `No agency ${request.agencyId} among those you manage`);
    const code = newOneTimeCode();
    try {
      const account = await storage.addAccount(
        { username: request.username, agencyId: request.agencyId, role: request.role, passwordHash: await hashPassword(canonicalCode(code), options.scrypt) },
        c.var.session.user.username,
      );
      const body: OneTimeCodeResponse = { account: accountWire(account, await storage.getAgency(account.agencyId)), code };
      return c.json(body, 201);
    } catch (error) {
      if (error instanceof StorageError && error.code === 'exists') throw new ApiError(409, 'exists', `The username ${request.username} is taken`);
      throw error;
    }
  });

  routes.post('/:id/reset', async (c) => {
    const { account, agency } = await managed(c);
    const code = newOneTimeCode();
    const passwordHash = await hashPassword(canonicalCode(code), options.scrypt);
    const changed = await storage.changeAccount(account.id, { kind: 'reset', passwordHash }, c.var.session.user.username);
    const body: OneTimeCodeResponse = { account: accountWire(changed, agency), code };
    return c.json(body);
  });

  routes.patch('/:id', async (c) => {
    const request = await readJson(c, AccountChangeRequestSchema);
    const { account, agency } = await managed(c);
    const change = 'role' in request ? { kind: 'role' as const, role: request.role } : { kind: 'disabled' as const, disabled: request.disabled };
    const unchanged = change.kind === 'role' ? account.role === change.role : account.disabled === change.disabled;
    // Nothing to do is not a change: no audit entry saying something happened.
    const changed = unchanged ? account : await storage.changeAccount(account.id, change, c.var.session.user.username);
    const body: AccountResponse = { account: accountWire(changed, agency) };
    return c.json(body);
  });

  return routes;
}
