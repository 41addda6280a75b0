/**
 * The recursive CTE of a subtree, one text for both databases: `sub(id)` is the agency bound to `root`
 * (a parameter in the database's own form: `?`, `@root`, `$1`) and every agency below it at any depth.
 * UNION, not UNION ALL: a cycle in the parent links would end instead of recursing for ever.
 */
export function subtreeCte(root: string): string {
  return `WITH RECURSIVE sub(id) AS (
  SELECT id FROM agencies WHERE id = ${root}
  UNION
  SELECT a.id FROM agencies a JOIN sub ON a.parent_id = sub.id
)`;
}
