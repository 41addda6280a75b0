/**
 * A subtree as the county office reads it: the agency asked about first, then each agency below
 * its parent (governments before departments, then by Chinese name), at any depth. The storage
 * returns the subtree as a set; the order is decided here, once, for the page and the exports.
 */
import type { AdminLevel } from '../../report/model.ts';
import type { Agency } from '../storage/types.ts';
import type { OversightAgency } from '../../contract/oversight.ts';

/** Governments from the highest level down, then departments. */
const LEVEL_ORDER: Record<AdminLevel, number> = { region: 0, city: 1, county: 2, township: 3, department: 4 };
const byName = new Intl.Collator('zh-CN');

export function compareAgencies(a: Agency, b: Agency): number {
  return LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || byName.compare(a.nameZh, b.nameZh) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** An agency of the subtree and how far below the root it is. */
export interface TreeEntry {
  agency: Agency;
  depth: number;
}

/** The subtree of `rootId` in pre-order; agencies not reached from it are left out. */
export function treeOrder(rootId: string, agencies: readonly Agency[]): TreeEntry[] {
  const children = new Map<string, Agency[]>();
  let root: Agency | undefined;
  for (const agency of agencies) {
    if (agency.id === rootId) root = agency;
    else if (agency.parentId !== undefined) children.set(agency.parentId, [...(children.get(agency.parentId) ?? []), agency]);
  }
  if (root === undefined) return [];
  const out: TreeEntry[] = [];
  const seen = new Set<string>();
  const visit = (agency: Agency, depth: number): void => {
    if (seen.has(agency.id)) return;
    seen.add(agency.id);
    out.push({ agency, depth });
    for (const child of (children.get(agency.id) ?? []).sort(compareAgencies)) visit(child, depth + 1);
  };
  visit(root, 0);
  return out;
}

/** An agency on the wire. */
export function agencyWire(agency: Agency): OversightAgency {
  return {
    id: agency.id,
    zh: agency.nameZh,
    ...(agency.nameBo === undefined ? {} : { bo: agency.nameBo }),
    level: agency.level,
    parentId: agency.parentId ?? null,
  };
}
