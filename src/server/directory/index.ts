/**
 * The residents' directory in memory: every agency and the latest version of every published
 * report (no documents: about 200 bytes each, 3 MB for a region's 16,000), sorted once, so that a
 * page of any agency's subtree, with a year, a search and a page number, is a few milliseconds of
 * filtering and never a query per reader. It is read again when the database changed: asked at
 * most once a second (`directoryStamp`, a count and a maximum), at once after a publication this
 * process made or heard of (`changed`).
 */
import { DIRECTORY_PAGE_SIZE, type DirectoryAgency, type DirectoryEntry, type DirectoryListing, type DirectoryQuery } from '../../contract/directory.ts';
import type { Agency, ReportSummaryRow, ServerStorage } from '../storage/types.ts';
import { matcher } from '../../contract/directory-search.ts';

/** How long a stamp read from the database is trusted (ms). */
const STAMP_TTL_MS = 1_000;

interface Snapshot {
  stamp: string;
  agencies: Map<string, Agency>;
  children: Map<string | undefined, Agency[]>;
  /** Every report's latest version in listing order (agency by Chinese collation, newest year first, id). */
  entries: ReportSummaryRow[];
  /** Per agency, the positions in `entries` of its own reports. */
  own: Map<string, number[]>;
  /** Per agency, the reports of its subtree. */
  subtreeCount: Map<string, number>;
}

const collator = new Intl.Collator('zh-Hans-CN');

function snapshot(stamp: string, agencyRows: Agency[], reportRows: ReportSummaryRow[]): Snapshot {
  const agencies = new Map(agencyRows.map((a) => [a.id, a]));
  const children = new Map<string | undefined, Agency[]>();
  for (const agency of agencyRows) {
    // A parent the table does not hold makes the agency a top one, not an orphan nobody reaches.
    const parent = agency.parentId !== undefined && agencies.has(agency.parentId) ? agency.parentId : undefined;
    const list = children.get(parent) ?? [];
    list.push(agency);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => collator.compare(a.nameZh, b.nameZh) || (a.id < b.id ? -1 : 1));
  // A report published without its Tibetan name is listed (and found) by its agency's.
  const named = reportRows.map((row) => {
    const nameBo = row.agencyId === undefined ? undefined : agencies.get(row.agencyId)?.nameBo;
    return row.agency.bo !== undefined || nameBo === undefined ? row : { ...row, agency: { ...row.agency, bo: nameBo } };
  });
  const entries = named.sort(
    (a, b) => collator.compare(a.agency.zh, b.agency.zh) || b.year - a.year || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const own = new Map<string, number[]>();
  entries.forEach((entry, position) => {
    if (entry.agencyId === undefined || !agencies.has(entry.agencyId)) return;
    const list = own.get(entry.agencyId) ?? [];
    list.push(position);
    own.set(entry.agencyId, list);
  });
  const subtreeCount = new Map<string, number>();
  const count = (agency: Agency, depth: number): number => {
    const known = subtreeCount.get(agency.id);
    if (known !== undefined) return known;
    // A cycle in hand-made data ends here rather than overflowing the stack.
    if (depth > 64) return 0;
    let total = own.get(agency.id)?.length ?? 0;
    for (const child of children.get(agency.id) ?? []) total += count(child, depth + 1);
    subtreeCount.set(agency.id, total);
    return total;
  };
  for (const agency of agencyRows) count(agency, 0);
  return { stamp, agencies, children, entries, own, subtreeCount };
}

function toDirectoryAgency(agency: Agency): DirectoryAgency {
  return { id: agency.id, zh: agency.nameZh, ...(agency.nameBo === undefined ? {} : { bo: agency.nameBo }), level: agency.level };
}

function toEntry(row: ReportSummaryRow, snapshotAgencies: Map<string, Agency>): DirectoryEntry {
  const known = row.agencyId !== undefined && snapshotAgencies.has(row.agencyId);
  return {
    id: row.id,
    agency: { ...row.agency },
    ...(known ? { agencyId: row.agencyId } : {}),
    level: row.level,
    year: row.year,
    updatedAt: row.publishedAt,
  };
}

/** The positions in `entries` of every report of the subtree of `rootId`, in listing order. */
function subtreePositions(data: Snapshot, rootId: string): number[] {
  const positions: number[] = [];
  const seen = new Set<string>();
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop();
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    positions.push(...(data.own.get(id) ?? []));
    for (const child of data.children.get(id) ?? []) stack.push(child.id);
  }
  return positions.sort((a, b) => a - b);
}

export interface Directory {
  /**
   * One page of the listing of `agencyId`'s subtree (null: every report on the server), or
   * undefined for an agency the server does not know. A page past the last is empty.
   */
  listing(agencyId: string | null, query: DirectoryQuery): Promise<DirectoryListing | undefined>;
  /** The latest version of each report of one agency (`own`) or of its subtree; undefined for an unknown agency. */
  reports(agencyId: string, scope: 'own' | 'subtree'): Promise<ReportSummaryRow[] | undefined>;
  /** The stamp of the data the next answer is made from (for caches of what is made from it). */
  stamp(): Promise<string>;
  /** A publication was committed: the next answer reads the database again. */
  changed(): void;
}

export function directory(storage: ServerStorage, options: { stampTtlMs?: number } = {}): Directory {
  const ttl = options.stampTtlMs ?? STAMP_TTL_MS;
  let data: Snapshot | undefined;
  let checkedAt = -Infinity;
  let loading: Promise<Snapshot> | undefined;

  const load = async (): Promise<Snapshot> => {
    const at = performance.now();
    const stamp = await storage.directoryStamp();
    checkedAt = at;
    if (data?.stamp === stamp) return data;
    const [agencyRows, reportRows] = await Promise.all([storage.listAgencies(), storage.listReports()]);
    data = snapshot(stamp, agencyRows, reportRows);
    return data;
  };

  const current = async (): Promise<Snapshot> => {
    if (data !== undefined && performance.now() - checkedAt < ttl) return data;
    loading ??= load().finally(() => {
      loading = undefined;
    });
    return loading;
  };

  return {
    async listing(agencyId, query) {
      const snap = await current();
      const agency = agencyId === null ? undefined : snap.agencies.get(agencyId);
      if (agencyId !== null && agency === undefined) return undefined;
      const positions = agency === undefined ? undefined : subtreePositions(snap, agency.id);
      const scope = positions === undefined ? snap.entries : positions.map((p) => snap.entries[p]).filter((e) => e !== undefined);
      const years = [...new Set(scope.map((e) => e.year))].sort((a, b) => b - a);
      const q = (query.q ?? '').trim();
      const matches = matcher(q);
      const found = scope.filter((e) => (query.year === undefined || e.year === query.year) && matches(e));
      const size = DIRECTORY_PAGE_SIZE;
      const pages = Math.ceil(found.length / size);
      const number = Math.max(1, query.page ?? 1);
      const path: DirectoryAgency[] = [];
      for (let up = agency?.parentId; up !== undefined && path.length < 64; ) {
        const above = snap.agencies.get(up);
        if (above === undefined) break;
        path.unshift(toDirectoryAgency(above));
        up = above.parentId;
      }
      return {
        agency: agency === undefined ? null : toDirectoryAgency(agency),
        path,
        children: (snap.children.get(agency?.id) ?? []).map((child) => ({ ...toDirectoryAgency(child), reports: snap.subtreeCount.get(child.id) ?? 0 })),
        years,
        filter: { year: query.year ?? null, q },
        page: { number, size, entries: found.length, pages },
        reports: found.slice((number - 1) * size, number * size).map((row) => toEntry(row, snap.agencies)),
      };
    },

    async reports(agencyId, scope) {
      const snap = await current();
      if (!snap.agencies.has(agencyId)) return undefined;
      const positions = scope === 'own' ? (snap.own.get(agencyId) ?? []) : subtreePositions(snap, agencyId);
      return positions.map((p) => snap.entries[p]).filter((e) => e !== undefined);
    },

    async stamp() {
      return (await current()).stamp;
    },

    changed() {
      checkedAt = -Infinity;
    },
  };
}
