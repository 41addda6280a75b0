/**
 * Random agency trees for the property tests of the subtree rules: each node's parent is an
 * earlier node or none, so every forest `lotho agency add` allows and no cycle.
 */
import fc from 'fast-check';

/** The raw draw: per node, a number that picks an earlier node as its parent, or none. */
export const forest = fc.array(fc.option(fc.nat(), { nil: undefined }), { minLength: 1, maxLength: 14 });

/** The parent index of each node (undefined for a top one). */
export function parentsOf(drawn: readonly (number | undefined)[]): (number | undefined)[] {
  return drawn.map((p, i) => (p === undefined || i === 0 ? undefined : p % i));
}

/** The nodes of the subtree of `root`: itself and every node below it. */
export function subtreeOf(parentOf: readonly (number | undefined)[], root: number): Set<number> {
  const found = new Set<number>([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [i, p] of parentOf.entries()) {
      if (p !== undefined && found.has(p) && !found.has(i)) {
        found.add(i);
        grew = true;
      }
    }
  }
  return found;
}
