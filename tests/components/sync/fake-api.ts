/**
 * The staff API for tests: a fake fetch in front of tests/unit/sync/memory-server.ts (the
 * protocol's reference server), with drafts, sessions and faults a phone meets: no network, a
 * push whose answer is lost after the server applied it, an expired session, a server error.
 */
import { toFields, type FieldKey } from '../../../src/report/fields.ts';
import type { ReportDocument } from '../../../src/report/model.ts';
import type { Mutation } from '../../../src/contract/sync.ts';
import { MemoryServer } from '../../unit/sync/memory-server.ts';

export const AGENCY = { id: 'qingduo', zh: '波密县倾多镇人民政府', bo: 'སྤོ་མེས་རྫོང་ཆིང་ཏོ་གྲོང་རྡལ་མི་དམངས་སྲིད་གཞུང་།', level: 'township' as const };

export function apiUser(id = 1, role: 'editor' | 'publisher' = 'publisher') {
  return { id, username: `user${id}`, role, agency: AGENCY };
}

interface FakeDraft {
  id: string;
  reportId: string;
  year: number;
  template: '2019' | '2021';
  source: 'blank' | 'previous' | 'document';
  createdAt: string;
  publishedVersion: number | null;
}

/** A fault for the next matching request. */
export type Fault = 'network' | 'drop-answer' | 401 | 500;

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function error(status: number, code: string): Response {
  return json({ error: { code, message: code } }, status);
}

export class FakeApi {
  readonly server = new MemoryServer();
  readonly drafts: FakeDraft[] = [];
  /** Every request, as `METHOD path`. */
  readonly requests: string[] = [];
  /** Bodies of push requests, as sent. */
  readonly pushes: Mutation[][] = [];
  readonly faults: { path: string; fault: Fault }[] = [];
  sessionValid = true;
  readonly resolved = new Set<string>();
  /** Bodies of draft creations, as sent. */
  readonly creationRequests: Record<string, unknown>[] = [];
  /** Publish requests, as sent. */
  readonly published: { draftId: string; body: unknown }[] = [];
  private creations = 0;

  private gate: Promise<void> | null = null;

  /** Holds the next push until the returned function is called (a request in flight). */
  holdNextPush(): () => void {
    let release!: () => void;
    this.gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    return release;
  }

  /** The next request to `path` (prefix) meets `fault`. */
  fail(path: string, fault: Fault): void {
    this.faults.push({ path, fault });
  }

  /** A draft created on the server (by a colleague): every field written at rev 1 by `~server`. */
  createDraft(document: ReportDocument, source: FakeDraft['source'] = 'document', id = `d${this.drafts.length + 1}`): FakeDraft {
    const draft: FakeDraft = {
      id,
      reportId: `${AGENCY.id}-${document.meta.year}`,
      year: document.meta.year,
      template: document.meta.template,
      source,
      createdAt: '2025-01-02T03:04:05.000Z',
      publishedVersion: null,
    };
    this.drafts.push(draft);
    this.server.push(
      [...toFields({ ...document, id: draft.reportId })].map(([field, value]) => ({
        clientId: '~server',
        seq: (this.creations += 1),
        draftId: draft.id,
        field,
        value,
        baseRev: 0,
      })),
    );
    return draft;
  }

  private snapshot(draft: FakeDraft): unknown {
    const fields: Record<string, { value: unknown; rev: number }> = {};
    for (const [key, state] of this.server.fields) {
      const [draftId, field] = key.split('\u0000') as [string, string];
      if (draftId === draft.id) fields[field] = { value: state.value, rev: state.rev };
    }
    return { draft: { ...this.summary(draft), fields, conflicts: this.openConflicts().filter((c) => c.draftId === draft.id), cursor: this.server.writes.length } };
  }

  /** The server's open conflicts as the wire carries them (who and when as the real storage adds them). */
  private openConflicts() {
    return this.server.conflicts
      .filter((c) => !this.resolved.has(c.id))
      .map((c) => {
        const theirs = this.server.writes.findLast((w) => w.draftId === c.draftId && w.field === c.field && w.rev === c.theirsRev);
        const by = theirs === undefined ? {} : { theirsClientId: theirs.clientId };
        return { ...c, createdAt: '2025-01-02T03:04:05.000Z', mineBy: `by-${c.mineClientId}`, theirsBy: 'dolma', theirsAt: '2025-01-02T03:00:00.000Z', ...by };
      });
  }

  private summary(draft: FakeDraft): Record<string, unknown> {
    const { id, reportId, year, template, source, createdAt, publishedVersion } = draft;
    return { id, agencyId: AGENCY.id, reportId, year, template, source, createdAt, publishedVersion };
  }

  /** The fetch to stub with. */
  readonly fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = url.replace(/^https?:\/\/[^/]+/u, '');
    const method = init?.method ?? 'GET';
    this.requests.push(`${method} ${path}`);
    const faultAt = this.faults.findIndex((f) => path.startsWith(f.path));
    const fault = faultAt === -1 ? undefined : this.faults.splice(faultAt, 1)[0]?.fault;
    if (fault === 'network') return Promise.reject(new TypeError('Failed to fetch'));
    if (fault === 401) return Promise.resolve(error(401, 'unauthenticated'));
    if (fault === 500) return Promise.resolve(error(500, 'internal_error'));
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const gate = path === '/api/sync/push' ? this.gate : null;
    if (gate !== null) {
      this.gate = null;
      return gate.then(() => this.answer(method, path, body));
    }
    const answer = this.answer(method, path, body);
    if (fault === 'drop-answer') return Promise.reject(new TypeError('Failed to fetch'));
    return Promise.resolve(answer);
  };

  private answer(method: string, path: string, body: unknown): Response {
    if (path === '/api/auth/login') {
      const { username, password } = body as { username: string; password: string };
      if (password !== 'secret') return error(401, 'invalid_credentials');
      this.sessionValid = true;
      return json({ user: { ...apiUser(), username }, token: 't', expiresAt: '2030-01-01T00:00:00.000Z' });
    }
    if (path === '/api/auth/logout') return new Response(null, { status: 204 });
    if (!this.sessionValid) return error(401, 'unauthenticated');
    if (path === '/api/auth/me') return json({ user: apiUser(), expiresAt: '2030-01-01T00:00:00.000Z' });
    if (path === '/api/drafts' && method === 'GET') return json({ drafts: this.drafts.map((d) => this.summary(d)) });
    if (path === '/api/drafts' && method === 'POST') {
      const request = body as { from: string; document: ReportDocument; id?: string; source?: FakeDraft['source'] };
      this.creationRequests.push(body as Record<string, unknown>);
      const repeated = this.drafts.find((d) => d.id === request.id);
      if (repeated !== undefined) return json(this.snapshot(repeated));
      if (this.drafts.some((d) => d.year === request.document.meta.year)) return error(409, 'draft_exists');
      return json(this.snapshot(this.createDraft(request.document, request.source ?? 'document', request.id)), 201);
    }
    const publishMatch = /^\/api\/drafts\/([^/]+)\/publish$/u.exec(path);
    if (publishMatch !== null) {
      const draft = this.drafts.find((d) => d.id === publishMatch[1]);
      if (draft === undefined) return error(404, 'draft_not_found');
      this.published.push({ draftId: draft.id, body });
      draft.publishedVersion = (draft.publishedVersion ?? 0) + 1;
      return json({ report: { id: draft.reportId, version: draft.publishedVersion, publishedAt: '2025-01-03T00:00:00.000Z' }, warnings: [] }, 201);
    }
    const draftMatch = /^\/api\/drafts\/([^/]+)$/u.exec(path);
    if (draftMatch !== null) {
      const draft = this.drafts.find((d) => d.id === draftMatch[1]);
      return draft === undefined ? error(404, 'draft_not_found') : json(this.snapshot(draft));
    }
    if (path === '/api/sync/push') {
      const { mutations } = body as { mutations: Mutation[] };
      this.pushes.push(mutations);
      if (mutations.some((m) => !this.drafts.some((d) => d.id === m.draftId))) return error(403, 'forbidden');
      const acks = this.server.push(mutations);
      // As the real storage does: a resolution that was applied closes its conflict.
      mutations.forEach((m, i) => {
        if (m.resolves !== undefined && acks[i]?.status === 'applied') this.resolved.add(m.resolves);
      });
      return json({ acks });
    }
    if (path.startsWith('/api/sync/pull')) {
      const cursor = Number(new URL(path, 'http://x').searchParams.get('cursor') ?? '0');
      const page = this.server.pull(cursor);
      return json({ changes: page.changes, conflicts: this.openConflicts(), cursor: page.cursor, more: false });
    }
    return error(404, 'not_found');
  }

  /** The value of a field on the server. */
  value(draftId: string, field: FieldKey): unknown {
    return this.server.value(draftId, field);
  }

  /** How many times the server wrote a field (its audit). */
  writesOf(draftId: string, field: string): number {
    return this.server.writes.filter((w) => w.draftId === draftId && w.field === field).length;
  }
}
