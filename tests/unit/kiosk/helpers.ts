/**
 * Helpers of the kiosk unit tests: the seed report, message lookup straight from locales/ (the
 * kiosk's KioskText without vue-i18n) and a fake measurer whose heights follow simple rules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import zhCN from '../../../locales/zh-CN.json' with { type: 'json' };
import boJson from '../../../locales/bo.json' with { type: 'json' };
import { formatMessage, lookupMessage, type MessageTree } from '../../../src/report/labels.ts';
import type { Lang, ReportDocument } from '../../../src/report/model.ts';
import { buildSeedReport, parseSeedTranslation } from '../../../src/report/seed/index.ts';
import type { KioskBlock, TableBlock } from '../../../src/kiosk/blocks.ts';
import type { Measurer, Piece } from '../../../src/kiosk/paginate.ts';
import type { KioskText } from '../../../src/kiosk/units.ts';

const SEED = join(process.cwd(), 'src/report/seed');

/** 波密县倾多镇人民政府 2020 with its Tibetan, as the server seeds it. */
export function seedReport(): ReportDocument {
  const text = readFileSync(join(SEED, 'qingduo-2020.txt'), 'utf8');
  const bo = parseSeedTranslation(JSON.parse(readFileSync(join(SEED, 'qingduo-2020.bo.json'), 'utf8')));
  return buildSeedReport(text, bo);
}

const MESSAGES: Record<Lang, MessageTree> = { zh: zhCN, bo: boJson };

/** KioskText over the locale files (bo falls back to zh, as vue-i18n does). */
export const localeText: KioskText = {
  message(key, lang, params = {}) {
    const own = lookupMessage(MESSAGES[lang], key);
    if (own !== undefined) return { text: formatMessage(own, params), lang };
    return { text: formatMessage(lookupMessage(MESSAGES.zh, key) ?? key, params), lang: 'zh' };
  },
};

/** Fake heights: text wraps at `perLine` characters of `line` px; tables have a head and rows. */
export interface FakeSizes {
  perLine: number;
  line: number;
  heading: number;
  cover: number;
  note: number;
  tableHead: number;
  row: number;
  groupRow: number;
}

export const SIZES: FakeSizes = { perLine: 30, line: 40, heading: 60, cover: 300, note: 30, tableHead: 120, row: 44, groupRow: 40 };

export function fakeBlockHeight(block: KioskBlock, from: number, to: number, sizes: FakeSizes = SIZES): number {
  switch (block.kind) {
    case 'text':
      return Math.ceil(block.text.slice(from, to).trim().length / sizes.perLine) * sizes.line;
    case 'heading':
      return sizes.heading;
    case 'cover':
      return sizes.cover;
    case 'note':
      return sizes.note;
    case 'table': {
      let h = sizes.tableHead;
      for (const row of block.rows.slice(from, to)) h += row.kind === 'group' ? sizes.groupRow : sizes.row;
      return h;
    }
  }
}

/** A measurer over fake heights, counting its calls. */
export function fakeMeasurer(sizes: FakeSizes = SIZES): Measurer & { calls: number } {
  const m = {
    calls: 0,
    piece(piece: Piece): number {
      m.calls += 1;
      return fakeBlockHeight(piece.block, piece.from, piece.to, sizes);
    },
    table(block: TableBlock) {
      m.calls += 1;
      return { head: sizes.tableHead, continued: sizes.tableHead, rows: block.rows.map((r) => (r.kind === 'group' ? sizes.groupRow : sizes.row)) };
    },
  };
  return m;
}
