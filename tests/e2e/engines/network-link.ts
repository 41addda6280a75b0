/**
 * A device's own network link to the server: a TCP relay on 127.0.0.1 that a test can cut, the
 * one way to take a browser offline that works alike in every engine (Chromium alone emulates
 * offline, and the device's other tabs and its service worker must lose the server as well).
 *
 * Cut, it resets every open connection and every new one at once, as a phone with a signal but
 * no data does: `navigator.onLine` stays true, so the app has to notice the failed requests.
 * Each link has its own port, so each device is its own origin on the same server.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface NetworkLink {
  /** http://127.0.0.1:<port>, no trailing slash. */
  readonly url: string;
  readonly isCut: boolean;
  /** Resets every connection and refuses new ones until restore(). */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function openNetworkLink(serverURL: string): Promise<NetworkLink> {
  const target = new URL(serverURL);
  const pairs = new Set<[Socket, Socket]>();
  let cut = false;

  const server: Server = createServer((client) => {
    if (cut) {
      client.resetAndDestroy();
      return;
    }
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const drop = (): void => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the network link has no port');

  const cutAll = (): void => {
    cut = true;
    for (const [client, upstream] of pairs) {
      client.resetAndDestroy();
      upstream.destroy();
    }
    pairs.clear();
  };
  return {
    url: `http://127.0.0.1:${String(address.port)}`,
    get isCut() {
      return cut;
    },
    cut: cutAll,
    restore() {
      cut = false;
    },
    close() {
      cutAll();
      return new Promise((resolve) => server.close(() => { resolve(); }));
    },
  };
}
