/**
 * What the lotho command says: its messages (from locales/, printed in Chinese with the code for
 * searching), one-line errors, and the importer's report of what it could not do.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang } from '../report/model.ts';
import { formatMessage, lookupMessage, ZH_MESSAGES, type MessageTree } from '../report/labels.ts';
import type { ImportReport, TableKey } from '../report/import/types.ts';
import { rowLabelPath } from '../report/tables/index.ts';
import { getTemplate, isTemplateId } from '../report/templates/index.ts';
import { PROJECT_ROOT } from '../server/project-root.ts';

/** Where the command writes; tests pass their own. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

function isMessageTree(value: unknown): value is MessageTree {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((v) => typeof v === 'string' || isMessageTree(v));
}

const cache = new Map<Lang, MessageTree>();

/**
 * The message tree of a language. bo.json is read at run time so that a locale file being edited
 * (or not yet written) never stops the command: a missing or broken file gives an empty tree.
 */
export function messagesFor(lang: Lang): MessageTree {
  if (lang === 'zh') return ZH_MESSAGES;
  let tree = cache.get(lang);
  if (tree === undefined) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(join(PROJECT_ROOT, 'locales', 'bo.json'), 'utf8'));
      tree = isMessageTree(parsed) ? parsed : {};
    } catch {
      tree = {};
    }
    cache.set(lang, tree);
  }
  return tree;
}

/** A Chinese message of the CLI; the key itself when missing, so a gap is visible. */
export function zh(key: string, params?: Record<string, string | number>): string {
  const text = lookupMessage(ZH_MESSAGES, key) ?? key;
  return params === undefined ? text : formatMessage(text, params);
}

/** Collapses whitespace so that whatever is quoted stays on one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * A failure the user can act on: exit status 2, one line on stderr,
 * `lotho: [context: ]<zh message> (<code>)[: subject][ — detail]`.
 */
export class CliFailure extends Error {
  constructor(
    readonly code: string,
    readonly subject?: string,
    readonly detail?: string,
    readonly context?: string,
    /** The error behind it, shown with LOTHO_DEBUG=1. */
    cause?: unknown,
  ) {
    super(detail ?? code, { cause });
    this.name = 'CliFailure';
  }

  /** The same failure said about another input (e.g. the --previous report). */
  about(context: string): CliFailure {
    return new CliFailure(this.code, this.subject, this.detail, context, this.cause);
  }

  line(): string {
    const context = this.context === undefined ? '' : `${this.context}: `;
    const subject = this.subject === undefined ? '' : `: ${this.subject}`;
    const detail = this.detail === undefined || this.detail === '' ? '' : ` — ${oneLine(this.detail)}`;
    return `lotho: ${context}${zh(`cli.errors.${this.code}`)} (${this.code})${subject}${detail}\n`;
  }
}

const LIST_LIMIT = 20;

function limited<T>(items: readonly T[], show: (item: T) => string): string[] {
  const lines = items.slice(0, LIST_LIMIT).map((item) => `    ${oneLine(show(item))}`);
  if (items.length > LIST_LIMIT) lines.push(`    … (+${items.length - LIST_LIMIT})`);
  return lines;
}

const TABLE_SECTION: Record<TableKey, string> = {
  active: 'template.sections.active',
  requests: 'template.sections.requests',
  appeals: 'template.sections.appeals',
};

/** A missing row by its key and its label path from the table model (any registered template). */
function rowLabel(report: ImportReport, table: TableKey, row: string): string {
  const path = isTemplateId(report.template.id) ? rowLabelPath(getTemplate(report.template.id), `${table}.${row}`, 'short') : [];
  return path.length === 0 ? `${table}.${row}` : `${table}.${row} ${path.map((key) => zh(key)).join(zh('labels.separator'))}`;
}

/**
 * The importer's report as readable lines (Chinese labels, codes in parentheses), headed by
 * `headingKey` (e.g. cli.importReport.incomplete). Empty lists are left out.
 */
export function importReportLines(report: ImportReport, headingKey: string, file: string): string {
  const ir = 'cli.importReport';
  const lines = [`lotho: ${zh(headingKey)}: ${file}`];
  const list = (labelKey: string, items: string[]): void => {
    if (items.length > 0) lines.push(`  ${zh(`${ir}.${labelKey}`)}:`, ...limited(items, (s) => s));
  };
  list('missingSections', report.missingSections.map((s) => zh(`template.sections.${s}`)));
  list('missingTables', report.missingTables.map((t) => zh(TABLE_SECTION[t])));
  list('missingRows', report.missingRows.map((r) => rowLabel(report, r.table, r.row)));
  list(
    'unplaced',
    report.unplaced.map(
      (u) => `[${u.table}] ${u.context}: ${u.values.join(' ')} (${u.reason} ${zh(`${ir}.unplacedReasons.${u.reason}`)})`,
    ),
  );
  list('sums', report.sums.map((j) => zh(`${ir}.sumsLine`, { table: zh(TABLE_SECTION[j.table]), checked: j.checked, holding: j.holding })));
  list('uncertain', report.uncertain.map((u) => `${u.cell} (${u.reason} ${zh(`${ir}.uncertainReasons.${u.reason}`)})`));
  list('skipped', report.skipped.map((s) => `${JSON.stringify(s.text)} (${s.reason} ${zh(`${ir}.skippedReasons.${s.reason}`)})`));
  list('needs', report.needs.map((field) => `${zh(`${ir}.fields.${field}`)} (--${field})`));
  list('missingMeta', report.missingMeta.length > 0 ? [report.missingMeta.join(', ')] : []);
  list(
    'notes',
    report.notes.map((n) => {
      const params = Object.entries(n.params).map(([k, v]) => `${k}=${String(v)}`);
      return [n.code, ...params].join(' ');
    }),
  );
  return `${lines.join('\n')}\n`;
}
