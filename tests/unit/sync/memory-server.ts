/** An in-memory server running the protocol's decide(): the reference the SQL storages must match. */
import type { FieldKey, FieldValue } from '../../../src/report/fields.ts';
import { decide } from '../../../src/sync/protocol.ts';
import type { Ack, Change, Conflict, FieldState, Mutation } from '../../../src/contract/sync.ts';

interface Write {
  cursor: number;
  draftId: string;
  field: FieldKey;
  value: FieldValue;
  rev: number;
  clientId: string;
  seq: number;
}

export class MemoryServer {
  readonly fields = new Map<string, FieldState>();
  readonly acks = new Map<string, Ack>();
  readonly writes: Write[] = [];
  readonly conflicts: Conflict[] = [];
  private conflictCount = 0;

  push(mutations: readonly Mutation[]): Ack[] {
    return mutations.map((mutation) => {
      const fieldId = `${mutation.draftId}\u0000${mutation.field}`;
      const current = this.fields.get(fieldId);
      const decision = decide({
        mutation,
        current,
        previousAck: this.acks.get(`${mutation.clientId}:${mutation.seq}`),
        foreignWriteSinceBase: this.writes.some(
          (w) => w.draftId === mutation.draftId && w.field === mutation.field && w.rev > mutation.baseRev && w.clientId !== mutation.clientId,
        ),
        newConflictId: `c${this.conflictCount + 1}`,
      });
      if (decision.repeat) return decision.ack;
      this.acks.set(`${mutation.clientId}:${mutation.seq}`, decision.ack);
      if (decision.write !== undefined) {
        this.fields.set(fieldId, decision.write);
        this.writes.push({ cursor: this.writes.length + 1, draftId: mutation.draftId, field: mutation.field, value: decision.write.value, rev: decision.write.rev, clientId: mutation.clientId, seq: mutation.seq });
      }
      if (decision.conflict !== undefined) {
        this.conflictCount += 1;
        this.conflicts.push(decision.conflict);
      }
      return decision.ack;
    });
  }

  pull(cursor: number): { changes: Change[]; cursor: number } {
    const changes = this.writes
      .filter((w) => w.cursor > cursor)
      .map((w) => ({ draftId: w.draftId, field: w.field, value: w.value, rev: w.rev, cursor: w.cursor }));
    return { changes, cursor: this.writes.length };
  }

  value(draftId: string, field: FieldKey): FieldValue | undefined {
    return this.fields.get(`${draftId}\u0000${field}`)?.value;
  }
}
