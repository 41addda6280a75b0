/**
 * Against burn-in on screens that show the same layout for weeks: the whole content moves by a
 * few pixels every few minutes, visiting a 5×5 grid of offsets within ±amplitude in a path that
 * never jumps more than one grid step (so a passer-by does not see it move).
 */

/** Largest shift in each direction, in CSS px. */
export const BURN_IN_AMPLITUDE = 8;
/** Minutes between two shifts. */
export const BURN_IN_MINUTES = 3;

const GRID = [-2, -1, 0, 1, 2];

/** The offset for step `n` (any integer): a boustrophedon walk over the grid, then back. */
export function burnInOffset(step: number, amplitude = BURN_IN_AMPLITUDE): { x: number; y: number } {
  const cells = GRID.length * GRID.length;
  // Forward over the 25 cells, then backward (48 steps a cycle): consecutive steps are neighbours.
  const cycle = 2 * cells - 2;
  const k = ((Math.trunc(step) % cycle) + cycle) % cycle;
  const cell = k < cells ? k : cycle - k;
  const row = Math.floor(cell / GRID.length);
  const col = row % 2 === 0 ? cell % GRID.length : GRID.length - 1 - (cell % GRID.length);
  const unit = amplitude / 2;
  return { x: (GRID[col] ?? 0) * unit, y: (GRID[row] ?? 0) * unit };
}
