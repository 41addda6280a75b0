/**
 * The report's figures as open data, offered as Blob download links: the cells JSON (the same
 * bytes as `lotho import --format cells`, from report/export) and a CSV with one line per cell
 * (key, row label, column label, value, unit) in the page's language. Object URLs are revoked
 * when the report changes and when the page goes away.
 */
import { computed, onScopeDispose, watch, shallowRef, type Ref } from 'vue';
import type { ReportDocument } from '../report/model.ts';
import { LABEL_SEPARATOR, toCellsJson } from '../report/export/json.ts';
import { cellLabelPath, orderedCellKeys } from '../report/tables/index.ts';
import { cellSpec, getTemplate } from '../report/templates/index.ts';

/** One CSV field (RFC 4180); a text starting like a formula is prefixed with ' (CSV injection). */
function csvField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The lines of the cells CSV, one at a time: a header line, then one line per cell the report
 * holds, in template order. Blank cells (null, M1) have an empty value.
 */
export function* cellsCsvLines(report: ReportDocument, translate: (key: string) => string, header: readonly string[]): Generator<string, void> {
  const template = getTemplate(report.meta.template);
  // A few dozen labels name hundreds of cells: look each up once.
  const labels = new Map<string, string>();
  const label = (key: string): string => {
    let text = labels.get(key);
    if (text === undefined) {
      text = translate(key);
      labels.set(key, text);
    }
    return text;
  };
  yield header.map(csvField).join(',');
  for (const key of orderedCellKeys(report)) {
    // Every merged header above the cell: a CSV line is read on its own.
    const keys = cellLabelPath(template, key, 'full');
    const value = report.cells[key];
    const unit = cellSpec(template, key)?.kind === 'money' ? (report.units[key] ?? cellSpec(template, key)?.unit ?? '') : '';
    yield [
      key,
      keys === undefined ? '' : keys.row.map(label).join(LABEL_SEPARATOR),
      keys === undefined ? '' : keys.column.map(label).join(LABEL_SEPARATOR),
      value === null || value === undefined ? '' : String(value),
      unit,
    ]
      .map(csvField)
      .join(',');
  }
}

/** The whole CSV file: UTF-8 with BOM and CRLF, so spreadsheet programs open the Chinese and Tibetan labels correctly. */
function csvFile(lines: readonly string[]): string {
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The cells as CSV (cellsCsvLines, as one file). */
export function cellsCsv(report: ReportDocument, translate: (key: string) => string, header: readonly string[]): string {
  return csvFile([...cellsCsvLines(report, translate, header)]);
}

/** A download link: an object URL and the file name to save it under. */
export interface DownloadLink {
  href: string;
  filename: string;
}

export interface ReportDownloadsOptions {
  /** Translates a label key in the page's language. */
  label: (key: string) => string;
  /** CSV header: key, row, column, value, unit, in the page's language. */
  header: () => readonly string[];
  lang: Ref<string>;
  /**
   * Whether links may be made now (default always). Object URLs exist only in this browser tab: a
   * pre-rendered page makes them after hydrating, so its first render matches the HTML.
   */
  enabled?: Ref<boolean>;
  /** How long one task may make CSV lines before the next task goes on (default 8 ms). */
  sliceMs?: number;
}

/** Download links for the report on screen (null while there is none). */
export function useReportDownloads(report: Ref<ReportDocument | null>, options: ReportDownloadsOptions) {
  const links = shallowRef<{ cells: DownloadLink; csv: DownloadLink } | null>(null);

  function revoke(): void {
    if (links.value === null) return;
    URL.revokeObjectURL(links.value.cells.href);
    URL.revokeObjectURL(links.value.csv.href);
    links.value = null;
  }

  /** The next task that makes CSV lines. */
  let pending: ReturnType<typeof setTimeout> | undefined;
  const sliceMs = options.sliceMs ?? 8;

  watch(
    [report, options.lang, () => options.enabled?.value ?? true],
    ([current, lang, enabled]) => {
      revoke();
      clearTimeout(pending);
      if (current === null || !enabled) return;
      // The JSON in this task, the CSV in the next ones, a few milliseconds of lines each: made at
      // once, each file was a long task on a slow phone (Lighthouse's Total Blocking Time, 4x
      // CPU). The links come together, once both files exist.
      const json = new Blob([toCellsJson(current)], { type: 'application/json' });
      const lines = cellsCsvLines(current, options.label, options.header());
      const made: string[] = [];
      const slice = (): void => {
        const until = performance.now() + sliceMs;
        for (let next = lines.next(); !next.done; next = lines.next()) {
          made.push(next.value);
          if (performance.now() >= until) {
            pending = setTimeout(slice, 0);
            return;
          }
        }
        const csv = new Blob([csvFile(made)], { type: 'text/csv;charset=utf-8' });
        links.value = {
          cells: { href: URL.createObjectURL(json), filename: `${current.id}-cells.json` },
          csv: { href: URL.createObjectURL(csv), filename: `${current.id}-cells-${lang}.csv` },
        };
      };
      pending = setTimeout(slice, 0);
    },
    { immediate: true },
  );
  onScopeDispose(() => {
    clearTimeout(pending);
    revoke();
  });

  return { links: computed(() => links.value) };
}
