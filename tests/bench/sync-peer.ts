/**
 * The classic CouchDB-protocol peer of `npm run bench:sync`: express-pouchdb (what pouchdb-server
 * serves, in its default full CouchDB mode) over PouchDB's in-memory adapter, in its own process
 * like the real server. Prints a "listening" line like it. Nothing is written to disk: its
 * configuration is kept in memory and its log goes to a temporary directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The little of PouchDB's constructor this file touches (the packages ship no types). */
interface PouchDBConstructor {
  plugin(plugin: unknown): PouchDBConstructor;
  defaults(options: { adapter: string }): PouchDBConstructor;
}
type ExpressPouchDB = (pouch: PouchDBConstructor, options: { inMemoryConfig: boolean; logPath: string }) => {
  listen(port: number, host: string, ready: () => void): Server;
};

const require = createRequire(import.meta.url);
const PouchDB = (require('pouchdb-core') as PouchDBConstructor)
  .plugin(require('pouchdb-adapter-memory'))
  .plugin(require('pouchdb-adapter-http'))
  .plugin(require('pouchdb-mapreduce'))
  .plugin(require('pouchdb-replication'));
const expressPouchDB = require('express-pouchdb') as ExpressPouchDB;

const logDir = mkdtempSync(join(tmpdir(), 'lotho-bench-peer-'));
const logPath = join(logDir, 'log.txt');
const app = expressPouchDB(PouchDB.defaults({ adapter: 'memory' }), { inMemoryConfig: true, logPath });
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ msg: 'listening', port: typeof address === 'object' && address !== null ? address.port : 0 })}\n`);
});
process.once('SIGTERM', () => {
  rmSync(logDir, { recursive: true, force: true });
  process.exit(0);
});
