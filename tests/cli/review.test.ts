/**
 * `lotho review grant|export|import` on the server's database: a grant lets a user review; an
 * exported CSV edited and imported shows its diff, applies only with --apply, and importing it
 * again changes nothing; `lotho import --lang bo` exports with the reviewed Tibetan.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { DATABASES, useDatabases, type TestDatabase } from '../server/databases.ts';
import { seedAccounts } from '../server/accounts.ts';
import { toReportJson } from '../../src/report/export/index.ts';
import { reviewService } from '../../src/server/review/service.ts';
import { seedLike } from '../unit/report/export/reports.ts';
import { capture, tempFile } from './run.ts';

const database = useDatabases(afterEach);

async function lotho(db: TestDatabase, args: string[]) {
  const io = capture();
  const code = await run(args, io, { env: db.env });
  return { code, out: io.out, err: io.err };
}

describe('lotho review', () => {
  it('grants, exports, shows an import’s diff, applies it with --apply and once only', async () => {
    const db = await database(DATABASES[0].create);
    const storage = await db.open();
    await seedAccounts(storage);
    await storage.close();

    const refused = await lotho(db, ['review', 'import', 'x.csv', '--as', 'editor-a']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('(not_reviewer)');
    expect((await lotho(db, ['review', 'grant', 'nobody'])).err).toContain('(no_such_user)');
    expect(await lotho(db, ['review', 'grant', 'Editor-A'])).toEqual({ code: 0, out: '可以审校藏文 (may review Tibetan): editor-a\n', err: '' });

    const dir = mkdtempSync(join(tmpdir(), 'lotho-review-'));
    const file = join(dir, 'review.csv');
    expect((await lotho(db, ['review', 'export', '--format', 'csv', '--out', file])).code).toBe(0);
    const csv = readFileSync(file, 'utf8');
    writeFileSync(file, csv.replace('ui:app.offline,ui,app.offline,离线,དྲ་རྒྱ་མེད།,no,', 'ui:app.offline,ui,app.offline,离线,སྐུད་བྲལ།,no,'));

    const preview = await lotho(db, ['review', 'import', file, '--as', 'editor-a']);
    expect(preview.out).toContain('edit\tui:app.offline\n  zh: 离线\n  -  དྲ་རྒྱ་མེད།\n  +  སྐུད་བྲལ།\n');
    expect(preview.out).toMatch(/csv: 1 处更改 \(changes\), \d+ 未变 \(unchanged\), 0 未知 \(unknown\) — 未应用/u);
    const applied = await lotho(db, ['review', 'import', file, '--as', 'editor-a', '--apply']);
    expect(applied.out).toContain('已应用 (applied)');
    const again = await lotho(db, ['review', 'import', file, '--as', 'editor-a', '--apply']);
    expect(again.out).toMatch(/csv: 0 处更改 \(changes\).*无需应用/u);

    const check = await db.open();
    expect((await check.reviewLog()).map((e) => [e.itemId, e.action, e.boAfter, e.via, e.username])).toEqual([['ui:app.offline', 'edit', 'སྐུད་བྲལ།', 'csv', 'editor-a']]);
    await check.close();
  });

  it('exports in Tibetan with the reviewed terms of the server it runs beside, as the app shows them', async () => {
    const db = await database(DATABASES[0].create);
    const storage = await db.open();
    await seedAccounts(storage);
    const input = tempFile('review-export-input.json', toReportJson(seedLike('2021')));
    const before = await lotho(db, ['import', input, '--format', 'html', '--lang', 'bo']);
    expect(before.code, before.err).toBe(0);
    // A template term the Tibetan fragment prints, edited by a reviewer.
    const items = await reviewService(storage).items();
    const term = items.find((item) => item.kind === 'term' && item.bo.length > 8 && before.out.includes(item.bo));
    if (term === undefined) throw new Error('no template term of the fragment is on the review list');
    const reviewed = `${term.bo.replace(/།$/u, '')}་ཞིབ་དག།`;
    await reviewService(storage).decide([{ itemId: term.id, action: 'edit', bo: reviewed }], { username: 'editor-a', via: 'app' });
    await storage.close();

    const after = await lotho(db, ['import', input, '--format', 'html', '--lang', 'bo']);
    expect(after.code, after.err).toBe(0);
    expect(after.err).toBe('');
    expect(after.out).toContain(reviewed);
    expect(before.out).not.toContain(reviewed);
    // Chinese is the source: unchanged.
    const zh = await lotho(db, ['import', input, '--format', 'html']);
    expect(zh.out).not.toContain(reviewed);
  });
});
