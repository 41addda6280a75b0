/**
 * The floor of `npm run bench:sync`: a bare HTTP route doing the same database write as
 * `POST /api/sync/push` and nothing else (node:http, JSON.parse, storage.pushMutations,
 * JSON.stringify; the session looked up once per token and then kept). What the real server costs
 * per push beyond this is its own: session lookup, validation, logging, the HTTP framework.
 * Same database as the server (DATA_DIR or DATABASE_URL); prints a "listening" line like it.
 */
import { createServer } from 'node:http';
import { tokenHash } from '../../src/server/auth/session.ts';
import { openStorage, storageConfigFromEnv } from '../../src/server/storage/open.ts';
import type { UserContext } from '../../src/server/storage/types.ts';
import type { Mutation } from '../../src/contract/sync.ts';

const storage = openStorage(storageConfigFromEnv(process.env));
await storage.migrate();
const sessions = new Map<string, UserContext>();

async function context(authorization: string | undefined): Promise<UserContext | undefined> {
  const token = authorization?.replace(/^Bearer /u, '') ?? '';
  const known = sessions.get(token);
  if (known !== undefined) return known;
  const record = await storage.getSession(tokenHash(token), new Date().toISOString());
  if (record === undefined) return undefined;
  const ctx = { userId: record.user.id, agencyId: record.agency.id };
  sessions.set(token, ctx);
  return ctx;
}

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    void (async () => {
      const ctx = await context(request.headers.authorization);
      if (ctx === undefined) {
        response.writeHead(401).end();
        return;
      }
      const { mutations } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { mutations: Mutation[] };
      const acks = await storage.pushMutations(ctx, mutations);
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ acks }));
    })().catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ msg: 'listening', port: typeof address === 'object' && address !== null ? address.port : 0 })}\n`);
});
process.once('SIGTERM', () => {
  server.close();
  void storage.close();
});
