/**
 * PostgreSQL: every server process on one database hears of each publication, whichever process
 * made it. A publication sends `NOTIFY lotho_published` in its own transaction (delivered at
 * commit, never for a rollback); each watcher holds one connection of its own that LISTENs and
 * keeps only the notifications of its own schema (tests give each run one). A connection lost is
 * opened again; what was published meanwhile is caught by the pages' version check
 * (report-pages.ts), which never serves an older page.
 * Review decisions go the same way on the same channel (`{"schema", "reviewed": true}`, sent in the
 * decisions' transaction): every process builds its reviewed Tibetan again and renders its pages.
 */
import pg from 'pg';
import type { PoolClient } from 'pg';
import * as v from 'valibot';
import type { PublicationListener, PublicationWatch } from '../sections/reports.ts';
import { query } from './tx.ts';

export const PUBLISHED_CHANNEL = 'lotho_published';

const PayloadSchema = v.object({ schema: v.string(), id: v.string(), version: v.pipe(v.number(), v.integer(), v.minValue(1)) });
const ReviewedSchema = v.object({ schema: v.string(), reviewed: v.literal(true) });

/** Sends the notification of a publication inside its transaction (delivered at commit). */
export async function notifyPublished(client: PoolClient, id: string, version: number): Promise<void> {
  await query(client, `SELECT pg_notify('${PUBLISHED_CHANNEL}', json_build_object('schema', current_setting('search_path'), 'id', $1::text, 'version', $2::int)::text)`, [id, version]);
}

/** Sends the notification of review decisions inside their transaction (delivered at commit). */
export async function notifyReviewed(client: PoolClient): Promise<void> {
  await query(client, `SELECT pg_notify('${PUBLISHED_CHANNEL}', json_build_object('schema', current_setting('search_path'), 'reviewed', true)::text)`, []);
}

/** Time before a lost listening connection is opened again (doubling up to a minute). */
const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 60_000;

export interface WatcherOptions {
  connectionString: string;
  schema?: string;
}

/**
 * Starts listening; resolves once the first connection listens (so a publication committed after
 * it is heard), rejects when it cannot connect at all.
 */
export function watchPublications(options: WatcherOptions, listener: PublicationListener): Promise<PublicationWatch> {
  return watchChannel(options, (payload, schema) => {
    const parsed = v.safeParse(PayloadSchema, payload);
    if (parsed.success && parsed.output.schema === schema) listener({ id: parsed.output.id, version: parsed.output.version });
  });
}

/** As watchPublications, for review decisions committed by any process. */
export function watchReviews(options: WatcherOptions, listener: () => void): Promise<PublicationWatch> {
  return watchChannel(options, (payload, schema) => {
    const parsed = v.safeParse(ReviewedSchema, payload);
    if (parsed.success && parsed.output.schema === schema) listener();
  });
}

/** Listens on the channel; `heard` gets each payload with this connection's schema to compare. */
async function watchChannel(options: WatcherOptions, heard: (payload: unknown, schema: string | undefined) => void): Promise<PublicationWatch> {
  let stopped = false;
  let client: pg.Client | undefined;
  let retryMs = FIRST_RETRY_MS;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({
      connectionString: options.connectionString,
      ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
    });
    const lost = (): void => {
      next.removeAllListeners();
      void next.end().catch(() => undefined);
      if (client === next) client = undefined;
      if (stopped) return;
      timer = setTimeout(() => void connect().catch(lost), retryMs);
      retryMs = Math.min(retryMs * 2, LAST_RETRY_MS);
    };
    next.on('error', lost);
    next.on('end', lost);
    await next.connect();
    const { rows } = await next.query<{ path: string }>("SELECT current_setting('search_path') AS path");
    const schema = rows[0]?.path;
    next.on('notification', (message) => {
      if (message.channel !== PUBLISHED_CHANNEL || message.payload === undefined) return;
      let payload: unknown;
      try {
        payload = JSON.parse(message.payload);
      } catch {
        return;
      }
      heard(payload, schema);
    });
    await next.query(`LISTEN ${PUBLISHED_CHANNEL}`);
    if (stopped) {
      next.removeAllListeners();
      await next.end();
      return;
    }
    client = next;
    retryMs = FIRST_RETRY_MS;
  };

  await connect();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      const open = client;
      client = undefined;
      if (open !== undefined) {
        open.removeAllListeners();
        open.on('error', () => undefined);
        await open.end().catch(() => undefined);
      }
    },
  };
}

/** Closes every watcher of a storage (its `close()`). */
export function watchers(options: WatcherOptions): {
  watch: (listener: PublicationListener) => Promise<PublicationWatch>;
  watchReviews: (listener: () => void) => Promise<PublicationWatch>;
  stopAll: () => Promise<void>;
} {
  const open = new Set<PublicationWatch>();
  const tracked = async (started: Promise<PublicationWatch>): Promise<PublicationWatch> => {
    const watch = await started;
    const one: PublicationWatch = {
      async stop() {
        open.delete(one);
        await watch.stop();
      },
    };
    open.add(one);
    return one;
  };
  return {
    watch: (listener) => tracked(watchPublications(options, listener)),
    watchReviews: (listener) => tracked(watchReviews(options, listener)),
    stopAll: async () => {
      await Promise.all([...open].map((w) => w.stop()));
    },
  };
}
