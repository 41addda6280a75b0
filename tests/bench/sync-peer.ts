/**
 * The classic CouchDB-protocol peer of `npm run bench:sync`: express-pouchdb (what pouchdb-server
 * serves, in its default full CouchDB mode) in its own process like the real server. Prints a
 * "listening" line like it.
 *
 * Its store is PEER_ADAPTER:
 * - `leveldb` (the default, and pouchdb-server's): LevelDB files (leveldown) in a temporary
 *   directory. PouchDB writes each `_bulk_docs` as one LevelDB batch without `sync`, so the batch
 *   is in LevelDB's log, handed to the kernel, before the answer: it survives the process being
 *   killed, not a power cut. That is the durability of Lotho's SQLite (WAL, synchronous=NORMAL),
 *   so both sides do the same kind of work.
 * - `memory` (pouchdb-server --in-memory): nothing written anywhere; lost with the process.
 * Its configuration is kept in memory and its log goes to the temporary directory, in both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The little of PouchDB's constructor this file touches (the packages ship no types). */
interface PouchDBConstructor {
  plugin(plugin: unknown): PouchDBConstructor;
  defaults(options: { adapter: string; prefix?: string }): PouchDBConstructor;
}
type ExpressPouchDB = (pouch: PouchDBConstructor, options: { inMemoryConfig: boolean; logPath: string }) => {
  listen(port: number, host: string, ready: () => void): Server;
};

export const PEER_ADAPTERS = ['leveldb', 'memory'] as const;
export type PeerAdapter = (typeof PEER_ADAPTERS)[number];

const adapter = (process.env.PEER_ADAPTER ?? 'leveldb') as PeerAdapter;
if (!PEER_ADAPTERS.includes(adapter)) throw new Error(`PEER_ADAPTER: one of ${PEER_ADAPTERS.join(', ')}`);

const require = createRequire(import.meta.url);
const PouchDB = (require('pouchdb-core') as PouchDBConstructor)
  .plugin(require(adapter === 'leveldb' ? 'pouchdb-adapter-leveldb' : 'pouchdb-adapter-memory'))
  .plugin(require('pouchdb-adapter-http'))
  .plugin(require('pouchdb-mapreduce'))
  .plugin(require('pouchdb-replication'));
const expressPouchDB = require('express-pouchdb') as ExpressPouchDB;

const dir = mkdtempSync(join(tmpdir(), 'lotho-bench-peer-'));
const logPath = join(dir, 'log.txt');
// pouchdb-server keeps each database as a LevelDB directory named after it under its directory.
const app = expressPouchDB(PouchDB.defaults({ adapter, ...(adapter === 'leveldb' ? { prefix: `${dir}/` } : {}) }), { inMemoryConfig: true, logPath });
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ msg: 'listening', port: typeof address === 'object' && address !== null ? address.port : 0, adapter, dir })}\n`);
});
process.once('SIGTERM', () => {
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
