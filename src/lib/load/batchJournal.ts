import type { BatchStartEvent, JournalEvent } from '../journal/events.js';
import type { WriteItem, WriteOperation, WriteOutcome, WriteRequest } from './writeTypes.js';

/** The API operation behind each journaled operation (REST collections and Bulk API 2.0 alike). */
export const API_OPERATION: Record<WriteOperation, 'insert' | 'upsert' | 'update' | 'delete'> = {
  insert: 'insert',
  upsert: 'upsert',
  update: 'update',
  deferred: 'update',
  restore: 'update',
  delete: 'delete',
  deleteMatch: 'delete',
  reinsert: 'insert',
};

/**
 * One record's outcome as the journal keeps it, whatever API wrote it: values sent are kept for failures
 * (error export, retry) and updates (rollback checks them), previous values for rollback to restore.
 */
export function recordEvent(batch: string, request: WriteRequest, item: WriteItem, outcome: WriteOutcome): JournalEvent {
  const event: JournalEvent = {
    type: 'record',
    batch,
    object: request.object,
    operation: request.operation,
    sourceId: outcome.sourceId,
    targetId: outcome.targetId,
    ok: outcome.ok,
  };
  if (outcome.created) event.created = true;
  if (outcome.error) event.error = outcome.error;
  if (!outcome.ok || request.operation === 'update' || request.operation === 'deferred') event.values = item.values;
  if (item.before) event.before = item.before;
  return event;
}

/**
 * A batch's intent, journaled before its request leaves. Updates carry each record's previous values: if the
 * answer is lost, the update may still have been applied, and rollback must be able to restore them.
 */
export function intentEvent(batch: string, request: WriteRequest): BatchStartEvent {
  const event: BatchStartEvent = {
    type: 'batchStart',
    at: new Date().toISOString(),
    batch,
    object: request.object,
    operation: request.operation,
    sourceIds: request.items.map((item) => item.sourceId),
  };
  if (request.operation === 'update' || request.operation === 'deleteMatch') {
    const before: Record<string, Record<string, unknown>> = {};
    for (const item of request.items) if (item.before) before[item.sourceId] = item.before;
    event.before = before;
  }
  return event;
}

/**
 * Whether a successful insert or upsert created the record for this run. An upsert that matched an existing
 * record created it all the same when an earlier attempt of this run sent its insert and lost the answer
 * (`insertInDoubt`): the run decided to insert because the target did not have the record.
 */
export function createdByRun(request: WriteRequest, item: WriteItem, result: { ok: boolean; created: boolean }): boolean {
  if (!result.ok) return false;
  if (request.operation === 'insert') return true;
  return request.operation === 'upsert' && (result.created || item.insertInDoubt === true);
}
