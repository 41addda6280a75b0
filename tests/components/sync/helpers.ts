/** Replicas on fresh fake-indexeddb databases, and drafts to put in them. */
import { LothoDb, type DraftRow } from '../../../src/db/index.ts';
import { blankReport } from '../../../src/report/factory.ts';
import type { ReportDocument } from '../../../src/report/model.ts';
import { ReplicaStore } from '../../../src/sync/outbox.ts';
import { AGENCY } from './fake-api.ts';

let count = 0;

/** A database of its own for one test (the name is new each time). */
export function freshDb(): LothoDb {
  count += 1;
  return new LothoDb(`lotho-test-${count}-${Math.random().toString(36).slice(2)}`);
}

/** A replica of official `owner` on `db`, its bookkeeping row created. */
export async function replicaOn(db: LothoDb, owner = '1'): Promise<ReplicaStore> {
  const replica = new ReplicaStore(db, owner);
  await replica.meta();
  return replica;
}

/** 倾多镇's blank 2021 draft for `year`. */
export function blankDraft(year = 2024): ReportDocument {
  const doc = blankReport({ id: `${AGENCY.id}-${year}`, template: '2021', year, agencyZh: AGENCY.zh, level: AGENCY.level });
  doc.meta.agency.bo = AGENCY.bo;
  return doc;
}

/** A draft row as the sync client lists a server draft. */
export function serverRow(id: string, year = 2024): Omit<DraftRow, 'owner'> {
  return {
    id,
    serverId: id,
    template: '2021',
    year,
    source: 'blank',
    previousReportId: null,
    publishedVersion: null,
    createdAt: 1,
    updatedAt: 1,
    base: null,
    importReport: null,
  };
}

/** The key of 三 一、本年新收政府信息公开申请数量 · 总计. */
export const RECEIVED = 'cell:requests.new_received.total';
/** The key of 三 一、… · 自然人. */
export const RECEIVED_NP = 'cell:requests.new_received.natural_person';
