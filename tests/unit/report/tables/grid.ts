/**
 * Lays merged cells out on a grid the way HTML does (a cell takes the next free place; rowSpan
 * and colSpan reserve the places below and beside it), for tests that the model's merges tile
 * its tables exactly: no hole, no overlap.
 */
export interface Spanned {
  colSpan: number;
  rowSpan: number;
}

/** How many cells cover each place of a grid `width` wide; throws when a row overflows. */
export function coverage(rows: readonly (readonly Spanned[])[], width: number): number[][] {
  const grid: number[][] = rows.map(() => Array<number>(width).fill(0));
  rows.forEach((row, r) => {
    let column = 0;
    for (const cell of row) {
      while ((grid[r]?.[column] ?? 0) > 0) column += 1;
      if (column + cell.colSpan > width) throw new Error(`row ${r} overflows the grid of ${width}`);
      for (let dr = 0; dr < cell.rowSpan; dr += 1) {
        for (let dc = 0; dc < cell.colSpan; dc += 1) {
          const line = grid[r + dr];
          if (line === undefined) throw new Error(`row ${r} spans below the grid`);
          line[column + dc] = (line[column + dc] ?? 0) + 1;
        }
      }
      column += cell.colSpan;
    }
  });
  return grid;
}

/** True when every place of the grid is covered by exactly one cell. */
export function tiles(rows: readonly (readonly Spanned[])[], width: number): boolean {
  return coverage(rows, width).every((line) => line.every((n) => n === 1));
}
