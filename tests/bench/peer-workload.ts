/**
 * The workload of `npm run bench:sync` on the CouchDB-protocol peer (sync-peer.ts), the same as on
 * Lotho's server: one database per draft, one document per count cell (its `value`), and devices
 * that push one edit at a time of a random cell of their draft.
 *
 * A push is one `POST /{db}/_bulk_docs` with `new_edits: false`, as PouchDB's replication writes:
 * the device made the revision (its own branch of the document's revision tree), and the peer
 * merges it, keeping concurrent edits as conflicts, as Lotho's server keeps them. Replication
 * would also ask `_revs_diff` first and write a checkpoint after: this leaves both out, in the
 * peer's favour. No authentication (admin party), also in its favour.
 */
import { randomBytes } from 'node:crypto';
import type { Send } from './http-client.ts';
import type { Push } from './push-load.ts';

interface Revision {
  start: number;
  id: string;
}

function parseRev(rev: string): Revision {
  const [start = '0', id = ''] = rev.split('-');
  return { start: Number(start), id };
}

async function couch(send: Send, method: string, path: string, body?: unknown): Promise<unknown> {
  const { status, text } = await send(method, path, body);
  if (status < 200 || status > 299) throw new Error(`peer: ${method} ${path}: ${status} ${text}`);
  return JSON.parse(text) as unknown;
}

/** The databases, one per draft, each with a document per cell; their revisions, by database. */
export async function preparePeer(send: Send, drafts: number, cells: readonly string[]): Promise<Map<string, Revision>[]> {
  const databases: Map<string, Revision>[] = [];
  for (let i = 0; i < drafts; i += 1) {
    await couch(send, 'PUT', `/draft${i}`);
    const results = (await couch(send, 'POST', `/draft${i}/_bulk_docs`, { docs: cells.map((cell) => ({ _id: cell, value: 0 })) })) as { id: string; rev: string }[];
    databases.push(new Map(results.map((r) => [r.id, parseRev(r.rev)])));
  }
  return databases;
}

/** A device of draft `index % drafts`: its own copy of the revisions it knows, its own branch. */
export function peerDevice(send: Send, databases: readonly Map<string, Revision>[], cells: readonly string[], index: number): Push {
  const database = index % databases.length;
  const known = new Map(databases[database]);
  return async () => {
    const cell = cells[Math.floor(Math.random() * cells.length)] ?? '';
    const parent = known.get(cell) ?? { start: 0, id: '' };
    const next = { start: parent.start + 1, id: randomBytes(16).toString('hex') };
    const doc = {
      _id: cell,
      _rev: `${next.start}-${next.id}`,
      _revisions: { start: next.start, ids: parent.id === '' ? [next.id] : [next.id, parent.id] },
      value: Math.floor(Math.random() * 100),
    };
    const { status } = await send('POST', `/draft${database}/_bulk_docs`, { new_edits: false, docs: [doc] });
    const ok = status >= 200 && status <= 299;
    if (ok) known.set(cell, next);
    return { ok, conflicts: 0 };
  };
}
