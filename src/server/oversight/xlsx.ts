/**
 * Every figure of every agency as an Excel workbook (write-excel-file, a kept library: no
 * hand-written XML): one sheet, the columns as people read them in the chosen language over the
 * machine names (the CSV's header), both rows frozen with the agency's id and name; status, level
 * and late in words; numbers as numbers.
 */
import writeXlsxFile from 'write-excel-file/node';
import type { Row } from 'write-excel-file/node';
import { labelIn } from '../../report/export/table-layout.ts';
import { formatMessage, type MessageTree } from '../../report/labels.ts';
import type { FiguresTable, TableValue } from './figures-table.ts';

/** Words for the coded columns; everything else as it is. */
function readable(key: string, value: TableValue, messages: MessageTree): TableValue {
  if (value === null) return null;
  if (key === 'status') return labelIn(messages, `export.oversight.status.${value}`);
  if (key === 'level') return labelIn(messages, `labels.levels.${value}`);
  if (key === 'late') return labelIn(messages, value === 1 ? 'export.oversight.yes' : 'export.oversight.no');
  return value;
}

export async function figuresWorkbook(table: FiguresTable, year: number, messages: MessageTree): Promise<Buffer> {
  const header: Row = table.labels.map((label) => ({ value: label, fontWeight: 'bold', wrap: true, alignVertical: 'top' }));
  const keys: Row = table.keys.map((key) => ({ value: key, textColor: '#666666' }));
  const rows: Row[] = table.rows.map((values) => values.map((value, i) => readable(table.keys[i] ?? '', value, messages)));
  const columns = table.keys.map((key) => ({ width: key === 'agency_zh' || key === 'agency_bo' ? 28 : key.includes('.') || key.startsWith('unit:') ? 14 : 12 }));
  return writeXlsxFile([header, keys, ...rows], {
    sheet: formatMessage(labelIn(messages, 'export.oversight.sheet'), { year }),
    columns,
    stickyRowsCount: 2,
    stickyColumnsCount: 2,
  }).toBuffer();
}
