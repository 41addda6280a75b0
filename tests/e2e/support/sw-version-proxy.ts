/**
 * A proxy in front of the served app that can publish "a new version" of the service worker
 * without a second build: once `publishNewWorker()` is called, `/sw.js` comes with a comment
 * appended. The browser compares the script byte by byte, so it installs that copy as a new
 * version, which then waits as a real update does (same precache, same code).
 *
 * Its own origin (another port): the browser tests' shared server keeps its one worker for the
 * other tests.
 */
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WorkerVersionProxy {
  /** http://127.0.0.1:<port>, no trailing slash. */
  baseURL: string;
  /** From now on `/sw.js` differs from what the browser installed. */
  publishNewWorker(): void;
  close(): Promise<void>;
}

/** Headers that would let the app server answer the altered script with the original's bytes. */
const VALIDATORS = ['accept-encoding', 'if-none-match', 'if-modified-since'];

export async function startWorkerVersionProxy(target: string): Promise<WorkerVersionProxy> {
  const upstream = new URL(target);
  let newVersion = false;
  const server = createServer((incoming, outgoing) => {
    const altered = newVersion && (incoming.url ?? '').split('?')[0] === '/sw.js';
    const kept = Object.entries(incoming.headers).filter(([name]) => !altered || !VALIDATORS.includes(name));
    const headers: IncomingHttpHeaders = { ...Object.fromEntries(kept), host: upstream.host };
    const forwarded = request(
      { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers },
      (answer) => {
        if (!altered || answer.statusCode !== 200) {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.concat([...chunks, Buffer.from('\n// lotho e2e: the next version\n')]);
          const headers = Object.entries(answer.headers).filter(([name]) => name !== 'etag' && name !== 'content-length');
          outgoing.writeHead(200, { ...Object.fromEntries(headers), 'content-length': String(body.length) });
          outgoing.end(body);
        });
      },
    );
    forwarded.on('error', () => {
      outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${String(port)}`,
    publishNewWorker() {
      newVersion = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => { resolve(); });
      }),
  };
}
