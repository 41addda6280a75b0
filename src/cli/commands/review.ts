/**
 * `lotho review grant|import|export`: the Tibetan review from the server's machine, on the
 * server's database. `grant` lets an official review (any role: reading Tibetan is what counts);
 * `import` reads a file a translation bureau sent back (XLIFF 2.0 or CSV), prints what it would
 * change and applies it only with --apply, recorded under --as; `export` writes the file to send.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { planDecisions, planImport, readReviewFile, ReviewFileError, toCsv, toXliff } from '../../server/review/files.ts';
import { DecisionError, reviewService } from '../../server/review/service.ts';
import type { ServerStorage } from '../../server/storage/types.ts';
import { CliFailure, oneLine, type Io } from '../output.ts';

const usage = (detail: string) => new CliFailure('usage', undefined, `${detail}; lotho help review`);

function parse(args: string[], options: Record<string, { type: 'string' | 'boolean' }>) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usage(oneLine(error instanceof Error ? error.message : String(error)));
  }
}

async function grant(args: string[], storage: ServerStorage, io: Io): Promise<number> {
  const { positionals } = parse(args, {});
  const [username, ...more] = positionals;
  if (username === undefined || more.length > 0) throw usage('review grant USERNAME');
  if (!(await storage.grantReviewer(username, 'lotho review grant'))) throw new CliFailure('no_such_user', username);
  io.stdout(`可以审校藏文 (may review Tibetan): ${username.toLowerCase()}\n`);
  return 0;
}

async function importFile(args: string[], storage: ServerStorage, io: Io): Promise<number> {
  const { values, positionals } = parse(args, { as: { type: 'string' }, apply: { type: 'boolean' } });
  const [file, ...more] = positionals;
  if (file === undefined || more.length > 0) throw usage('review import FILE --as USERNAME [--apply]');
  const as = typeof values.as === 'string' ? values.as.trim().toLowerCase() : '';
  if (as === '') throw usage('missing --as USERNAME (the decisions are recorded under this name)');
  const credentials = await storage.getCredentials(as);
  if (credentials === undefined) throw new CliFailure('no_such_user', as);
  if (!(await storage.isReviewer(credentials.user.id))) throw new CliFailure('not_reviewer', as);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new CliFailure('file_not_found', file);
  }
  const review = reviewService(storage);
  try {
    const { format, units } = await readReviewFile(text);
    const plan = planImport(units, await review.items(), await storage.reviewLog());
    for (const c of plan.changes) {
      io.stdout(`${c.action}\t${c.itemId}\n  zh: ${oneLine(c.zh)}\n  -  ${oneLine(c.before)}\n${c.after === undefined ? '' : `  +  ${oneLine(c.after)}\n`}${c.comment === undefined ? '' : `  #  ${oneLine(c.comment)}\n`}`);
    }
    for (const id of plan.unknown) io.stdout(`unknown\t${id}\n`);
    const apply = values.apply === true && plan.changes.length > 0;
    if (apply) await review.decide(planDecisions(plan), { username: as, via: format });
    io.stdout(
      `${format}: ${plan.changes.length} 处更改 (changes), ${plan.unchanged} 未变 (unchanged), ${plan.unknown.length} 未知 (unknown) — ${apply ? '已应用 (applied)' : values.apply === true ? '无需应用 (nothing to apply)' : '未应用, 加 --apply 应用 (not applied: add --apply)'}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof ReviewFileError) throw new CliFailure('unreadable', file, error.code);
    if (error instanceof DecisionError) throw new CliFailure('unreadable', file, `${error.code} ${error.itemId}`);
    throw error;
  }
}

async function exportFile(args: string[], storage: ServerStorage, io: Io): Promise<number> {
  const { values, positionals } = parse(args, { format: { type: 'string' }, out: { type: 'string' }, all: { type: 'boolean' } });
  if (positionals.length > 0) throw usage('review export --format xliff|csv [--all] [--out FILE]');
  const format = values.format ?? 'xliff';
  if (format !== 'xliff' && format !== 'csv') throw usage(`--format ${String(format)}: xliff, csv`);
  const items = (await reviewService(storage).items()).filter((item) => values.all === true || item.status === 'unreviewed');
  const text = format === 'xliff' ? await toXliff(items) : toCsv(items);
  if (typeof values.out === 'string') await writeFile(values.out, text, 'utf8');
  else io.stdout(text);
  return 0;
}

export async function reviewCommand(args: string[], storage: ServerStorage, io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'grant') return grant(rest, storage, io);
  if (sub === 'import') return importFile(rest, storage, io);
  if (sub === 'export') return exportFile(rest, storage, io);
  throw usage(`review ${sub ?? ''}: grant, import or export`);
}
