/**
 * Copies every table from one database to another (storage/transfer/sides.ts) and proves it:
 * per table, the rows counted on both sides and a digest of their content (times and integers in
 * one form) read back from the target, all within the caller's transactions. Any difference
 * throws, and the caller's write transaction is then rolled back: nothing is half-copied.
 */
import { createHash } from 'node:crypto';
import { parentsFirst, type TablePlan } from './plan.ts';
import { normalize, type ColumnKinds, type Row, type TransferSide } from './sides.ts';

export interface TableCopy {
  table: string;
  rows: number;
}

const BATCH = 1_000;

/** An order-free digest of a table's rows: the sum of their hashes (the order of reading differs). */
function digestOf(rows: Iterable<Row>, table: TablePlan, sum = 0n): bigint {
  let total = sum;
  for (const row of rows) {
    const hash = createHash('sha256').update(JSON.stringify(table.columns.map((c) => row[c] ?? null))).digest();
    total = (total + hash.readBigUInt64BE(0) * 2n ** 64n + hash.readBigUInt64BE(8)) % 2n ** 128n;
  }
  return total;
}

function normalized(rows: readonly Row[], kinds: ColumnKinds): Row[] {
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([column, value]) => [column, normalize(kinds[column], value)])));
}

/** Every row of `table` on `side`, a batch at a time, normalized; `each` sees every batch. */
async function readAll(side: TransferSide, table: TablePlan, kinds: ColumnKinds, each: (rows: Row[]) => Promise<void>): Promise<void> {
  let after: unknown[] | undefined;
  for (;;) {
    const rows = normalized(await side.batch(table, after, BATCH), kinds);
    if (rows.length === 0) return;
    await each(rows);
    const last = rows.at(-1) ?? {};
    after = table.primaryKey.map((c) => last[c]);
    if (rows.length < BATCH) return;
  }
}

/** Rows and content digest of `table` on `side` (what copyTables compares). */
export async function tableDigest(side: TransferSide, table: TablePlan, kinds: ColumnKinds): Promise<{ rows: number; digest: string }> {
  let rows = 0;
  let digest = 0n;
  await readAll(side, table, kinds, (batch) => {
    rows += batch.length;
    digest = digestOf(batch, table, digest);
    return Promise.resolve();
  });
  return { rows, digest: digest.toString(16) };
}

export async function copyTables(
  plan: readonly TablePlan[],
  from: TransferSide,
  to: TransferSide,
  kindsOf: (table: TablePlan) => Promise<ColumnKinds>,
  progress: (copy: TableCopy) => void = () => undefined,
): Promise<TableCopy[]> {
  const copies: TableCopy[] = [];
  for (const table of plan) {
    const kinds = await kindsOf(table);
    if ((await to.count(table)) > 0) throw new Error(`the target's ${table.name} is not empty`);
    let rows = 0;
    let sent = 0n;
    if (table.parentColumn === undefined) {
      await readAll(from, table, kinds, async (batch) => {
        await to.insert(table, batch);
        rows += batch.length;
        sent = digestOf(batch, table, sent);
      });
    } else {
      const all: Row[] = [];
      await readAll(from, table, kinds, (batch) => Promise.resolve(void all.push(...batch)));
      await to.insert(table, parentsFirst(all, table));
      rows = all.length;
      sent = digestOf(all, table);
    }
    await to.finishTable(table);
    const received = await tableDigest(to, table, kinds);
    const source = await from.count(table);
    if (source !== rows || received.rows !== rows) {
      throw new Error(`${table.name}: ${String(source)} rows in the source, ${String(rows)} copied, ${String(received.rows)} in the target`);
    }
    if (received.digest !== sent.toString(16)) throw new Error(`${table.name}: the copied rows differ from the source's`);
    copies.push({ table: table.name, rows });
    progress({ table: table.name, rows });
  }
  return copies;
}
