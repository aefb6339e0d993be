import type { JournalEvent, RecordEvent } from '../journal/events.js';
import { shortId } from '../util/shortId.js';
import { ALREADY_DELETED_CODES } from '../journal/recordOutcomes.js';

/** A record the run created in the target: rollback deletes it. */
export type InsertedRecord = {
  object: string;
  sourceId: string;
  targetId: string;
  /** When the run last wrote the record (its batch's `batchEnd.at`): later changes are someone else's. */
  lastWriteAt: string | undefined;
};

/** An existing target record the run updated: rollback puts back the values it had before. */
export type UpdatedRecord = InsertedRecord & {
  /** Each field's value before the run first changed it. */
  before: Record<string, unknown>;
  /** Each field's value as the run last wrote it: if the target differs now, someone changed it since. */
  written: Record<string, unknown>;
  /** The run changed the record without journaling its previous values (an upsert matched it). */
  missingBefore: boolean;
};

export type RollbackPlan = {
  /** Per object, the inserted records not yet deleted by an earlier rollback. */
  deletes: Map<string, InsertedRecord[]>;
  /** Per object, the updated records (not inserted by the run) not yet restored by an earlier rollback. */
  restores: Map<string, UpdatedRecord[]>;
  /** Per object, records an earlier rollback already undid. */
  alreadyUndone: Map<string, number>;
};

const SYNC_WRITES = new Set(['insert', 'upsert', 'update', 'deferred']);


/**
 * Folds a run's journal into what its rollback must undo. Inserted ids come ONLY from successful record
 * events with `created: true`, so a rollback never deletes a record the run did not create. Rollback's own
 * events (delete/restore results, already-undone outcomes) mark records done, which makes a second rollback
 * finish the job of an interrupted one.
 */
export class RollbackPlanner {
  private readonly inserted = new Map<string, InsertedRecord>();
  private readonly updated = new Map<string, UpdatedRecord>();
  private readonly undone = new Set<string>();
  /** Records of the batch being read: a batch's records are written together with its batchEnd. */
  private pending: Array<{ batch: string; record: InsertedRecord }> = [];

  public add(event: JournalEvent): void {
    switch (event.type) {
      case 'record':
        this.addRecord(event);
        break;
      case 'batchEnd':
        for (const entry of this.pending) if (entry.batch === event.batch) entry.record.lastWriteAt = event.at;
        this.pending = this.pending.filter((entry) => entry.batch !== event.batch);
        break;
      case 'undoOutcome':
        if (event.kind === 'alreadyUndone') this.undone.add(shortId(event.targetId));
        break;
      default:
        break;
    }
  }

  public plan(): RollbackPlan {
    const plan: RollbackPlan = { deletes: new Map(), restores: new Map(), alreadyUndone: new Map() };
    const undone = (object: string): void => {
      plan.alreadyUndone.set(object, (plan.alreadyUndone.get(object) ?? 0) + 1);
    };
    for (const [key, record] of this.inserted) {
      if (this.undone.has(key)) undone(record.object);
      else push(plan.deletes, record.object, record);
    }
    for (const [key, record] of this.updated) {
      // A record the run created and then updated (deferred lookups, a retry) is deleted, not restored.
      if (this.inserted.has(key)) continue;
      if (this.undone.has(key)) undone(record.object);
      else push(plan.restores, record.object, record);
    }
    return plan;
  }

  private addRecord(event: RecordEvent): void {
    if (event.operation === 'delete' || event.operation === 'restore') {
      const gone = event.operation === 'delete' && event.error !== undefined && ALREADY_DELETED_CODES.has(event.error.statusCode);
      if ((event.ok || gone) && event.targetId) this.undone.add(shortId(event.targetId));
      return;
    }
    if (!event.ok || !event.targetId || !SYNC_WRITES.has(event.operation)) return;
    const key = shortId(event.targetId);
    if (event.created === true) {
      const record = this.inserted.get(key) ?? { object: event.object, sourceId: event.sourceId, targetId: event.targetId, lastWriteAt: undefined };
      this.inserted.set(key, record);
      this.pending.push({ batch: event.batch, record });
      return;
    }
    // A later write to a record the run created (deferred lookups, a retry) moves its last-write time.
    const inserted = this.inserted.get(key);
    if (inserted) this.pending.push({ batch: event.batch, record: inserted });
    let record = this.updated.get(key);
    if (!record) {
      record = { object: event.object, sourceId: event.sourceId, targetId: event.targetId, lastWriteAt: undefined, before: {}, written: {}, missingBefore: false };
      this.updated.set(key, record);
    }
    if (!event.before) record.missingBefore = true;
    for (const [field, value] of Object.entries(event.before ?? {})) if (!(field in record.before)) record.before[field] = value;
    Object.assign(record.written, event.values ?? {});
    this.pending.push({ batch: event.batch, record });
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
