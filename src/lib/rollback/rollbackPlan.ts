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

/** A target record the run deleted because its source record was deleted: rollback brings it back. */
export type DeletedMatchRecord = {
  object: string;
  sourceId: string;
  targetId: string;
  /** Its values when the run deleted it (journaled with the batch's intent): what a re-insert writes. */
  values: Record<string, unknown>;
  /** The delete's answer was lost (a crash): it may not have happened, which the undelete finds out. */
  inDoubt: boolean;
};

export type RollbackPlan = {
  /** Per object, the records the run deleted (`--include-deleted`) and no rollback brought back yet. */
  undeletes: Map<string, DeletedMatchRecord[]>;
  /** Per object, the inserted records not yet deleted by an earlier rollback. */
  deletes: Map<string, InsertedRecord[]>;
  /** Per object, the updated records (not inserted by the run) not yet restored by an earlier rollback. */
  restores: Map<string, UpdatedRecord[]>;
  /** Per object, records an earlier rollback already undid. */
  alreadyUndone: Map<string, number>;
};

const SYNC_WRITES = new Set(['insert', 'upsert', 'update', 'deferred']);
const UNDO_WRITES = new Set(['delete', 'restore', 'undelete', 'reinsert']);


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
  /** Deletions of matches by target id: journaled intents, confirmed or in doubt until their record event. */
  private readonly deletedMatches = new Map<string, DeletedMatchRecord>();
  /** Records of the batch being read: a batch's records are written together with its batchEnd. */
  private pending: Array<{ batch: string; record: InsertedRecord }> = [];

  public add(event: JournalEvent): void {
    switch (event.type) {
      case 'batchStart':
        if (event.operation === 'deleteMatch') this.addDeleteIntent(event);
        break;
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
    const plan: RollbackPlan = { undeletes: new Map(), deletes: new Map(), restores: new Map(), alreadyUndone: new Map() };
    const undone = (object: string): void => {
      plan.alreadyUndone.set(object, (plan.alreadyUndone.get(object) ?? 0) + 1);
    };
    for (const [key, record] of this.deletedMatches) {
      if (this.undone.has(key)) undone(record.object);
      else push(plan.undeletes, record.object, record);
    }
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

  /** A deletion's intent: each target id with its values, in doubt until its record event says. */
  private addDeleteIntent(event: Extract<JournalEvent, { type: 'batchStart' }>): void {
    for (const sourceId of event.sourceIds) {
      const values = event.before?.[sourceId];
      const targetId = typeof values?.Id === 'string' ? values.Id : undefined;
      if (!values || !targetId) continue;
      const { Id: _id, ...fields } = values;
      this.deletedMatches.set(shortId(targetId), { object: event.object, sourceId, targetId, values: fields, inDoubt: true });
    }
  }

  private addRecord(event: RecordEvent): void {
    if (event.operation === 'deleteMatch') {
      const key = event.targetId ? shortId(event.targetId) : undefined;
      const record = key ? this.deletedMatches.get(key) : undefined;
      // A delete the org refused left the record as it was: nothing to bring back.
      if (record && event.ok) record.inDoubt = false;
      else if (key && !event.ok) this.deletedMatches.delete(key);
      return;
    }
    if (event.operation === 'undelete' || event.operation === 'reinsert') {
      // The record is back (a reinsert under a new id): an interrupted rollback does not bring it back twice.
      if (event.ok) this.undone.add(shortId(deletedTargetOf(event)));
      return;
    }
    if (UNDO_WRITES.has(event.operation)) {
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

/** The target id a rollback's undelete or reinsert brought back (a reinsert journals the old one in `before.Id`). */
function deletedTargetOf(event: RecordEvent): string {
  const old = event.before?.Id;
  return typeof old === 'string' ? old : (event.targetId ?? '');
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
