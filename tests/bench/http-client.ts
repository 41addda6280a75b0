/**
 * The HTTP client of `npm run bench:sync`, the same for every server it measures: node:http over
 * kept-alive connections, one per device. Not `fetch`: on this 2-core machine the client shares
 * the CPU with the server it measures, and fetch (undici's streams, a Headers object per answer)
 * cost the client 0.4–0.8 ms of CPU a push, as much as the server's whole push: on a quiet
 * machine the client, not the server, set the pushes/s. node:http costs a fraction of that.
 *
 * Each request carries what a browser's would that matters to a server (Accept, Accept-Encoding,
 * User-Agent), so no server is measured on a lighter request than a device sends.
 */
import { Agent, request } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

export interface Answer {
  status: number;
  text: string;
}

export type Send = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Answer>;

const BROWSER_LIKE = {
  Accept: 'application/json',
  'Accept-Encoding': 'gzip, deflate, br',
  'User-Agent': 'Mozilla/5.0 (Linux; Android 14) lotho-bench',
};

const DECODE: Record<string, (bytes: Buffer) => Buffer> = { gzip: gunzipSync, deflate: inflateSync, br: brotliDecompressSync };

/** A client of the server at `base` (http://host:port), keeping up to `connections` connections open. */
export function httpClient(base: string, connections: number): Send {
  const { hostname, port } = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  return (method, path, body, headers = {}) =>
    new Promise<Answer>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        {
          host: hostname,
          port,
          method,
          path,
          agent,
          headers: {
            ...BROWSER_LIKE,
            ...headers,
            ...(payload === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(payload)) }),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.once('end', () => {
            const bytes = Buffer.concat(chunks);
            const decode = DECODE[response.headers['content-encoding'] ?? ''];
            resolve({ status: response.statusCode ?? 0, text: (decode === undefined ? bytes : decode(bytes)).toString('utf8') });
          });
          response.once('error', reject);
        },
      );
      req.once('error', reject);
      req.end(payload);
    });
}
