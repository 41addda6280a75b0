/** PostgreSQL transactions with retry, and the error codes the storage tells apart. */
import type { Pool, PoolClient, QueryConfig, QueryResult } from 'pg';

/** The SQLSTATE of a driver error, when it has one. */
export function pgCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';
/** Serialization failure and deadlock: the transaction may simply be run again. */
const TRANSIENT = new Set(['40001', '40P01']);

export interface TransactionOptions {
  /** BEGIN's options, e.g. 'ISOLATION LEVEL REPEATABLE READ READ ONLY'. */
  mode?: string;
  /** Extra SQLSTATEs that mean "run it again" (a push retries on unique violations). */
  retryOn?: readonly string[];
  attempts?: number;
}

/**
 * Runs `work` in a transaction on one pooled connection; commits, or rolls back and rethrows.
 * Transient failures (and `retryOn`) run it again, up to `attempts` times in all.
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 5;
  for (let attempt = 1; ; attempt += 1) {
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query(options.mode === undefined ? 'BEGIN' : `BEGIN ${options.mode}`);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      const code = pgCode(error);
      const again = code !== undefined && (TRANSIENT.has(code) || (options.retryOn ?? []).includes(code));
      if (!again || attempt >= attempts) throw error;
    } finally {
      client.release(broken);
    }
  }
}

const names = new Map<string, string>();

/**
 * Runs a parameterised statement as a named prepared statement: PostgreSQL parses and plans it
 * once per connection instead of on every push. Names are handed out per statement text.
 */
export function query(on: Pool | PoolClient, text: string, values: unknown[] = []): Promise<QueryResult> {
  let name = names.get(text);
  if (name === undefined) {
    name = `lotho_${names.size + 1}`;
    names.set(text, name);
  }
  const config: QueryConfig = { name, text, values };
  return on.query(config);
}
