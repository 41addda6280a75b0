/**
 * The workload of `npm run bench:sync` on the CouchDB-protocol peer (sync-peer.ts), the same as on
 * Lotho's server: one database per draft, one document per count cell (its `value`), and devices
 * that push one edit at a time of a random cell of their draft.
 *
 * A push (`bulk`) is one `POST /{db}/_bulk_docs` with `new_edits: false`, as PouchDB's
 * replication writes: the device made the revision (its own branch of the document's revision
 * tree), and the peer merges it, keeping concurrent edits as conflicts, as Lotho's server keeps
 * them. That is the least the protocol allows for one edit. PouchDB's replication itself
 * (`replication`) does what a device running `db.replicate.to(server, { live: true })` sends for
 * each edit: `POST /{db}/_revs_diff` (which revisions the server lacks), the `_bulk_docs` write,
 * then `PUT /{db}/_local/{replication id}`, its checkpoint, so that it knows after a restart what
 * it has pushed (what Lotho's push records in the same transaction as the edit: its
 * `(clientId, seq)`). No authentication (admin party), in the peer's favour in both.
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

/** What a push of one edit sends: see the top of this file. */
export type PeerPush = 'bulk' | 'replication';

/** A device of draft `index % drafts`: its own copy of the revisions it knows, its own branch. */
export function peerDevice(send: Send, databases: readonly Map<string, Revision>[], cells: readonly string[], index: number, how: PeerPush = 'bulk'): Push {
  const database = index % databases.length;
  const known = new Map(databases[database]);
  // The replication's checkpoint: a local document per replication (device), as PouchDB keeps it.
  const checkpointId = `_local/bench-device-${String(index)}-${randomBytes(4).toString('hex')}`;
  const session = randomBytes(8).toString('hex');
  let checkpointRev: string | undefined;
  let seq = 0;
  const history: { last_seq: number; session_id: string }[] = [];
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
    const db = `/draft${database}`;
    if (how === 'replication') {
      const diff = await send('POST', `${db}/_revs_diff`, { [cell]: [doc._rev] });
      if (diff.status !== 200) return { ok: false, conflicts: 0 };
    }
    const { status } = await send('POST', `${db}/_bulk_docs`, { new_edits: false, docs: [doc] });
    let ok = status >= 200 && status <= 299;
    if (ok && how === 'replication') {
      seq += 1;
      history.unshift({ last_seq: seq, session_id: session });
      history.length = Math.min(history.length, 5);
      const checkpoint = { _id: checkpointId, ...(checkpointRev === undefined ? {} : { _rev: checkpointRev }), last_seq: seq, session_id: session, history, replicator: 'pouchdb', version: 1 };
      const saved = await send('PUT', `${db}/${checkpointId}`, checkpoint);
      ok = saved.status >= 200 && saved.status <= 299;
      if (ok) checkpointRev = (JSON.parse(saved.text) as { rev: string }).rev;
    }
    if (ok) known.set(cell, next);
    return { ok, conflicts: 0 };
  };
}
