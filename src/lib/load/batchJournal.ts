import type { JournalEvent, JournalOperation } from '../journal/events.js';
import type { WriteItem, WriteOutcome, WriteRequest } from './batchWriter.js';

/** The API operation behind each journaled operation (REST collections and Bulk API 2.0 alike). */
export const API_OPERATION: Record<JournalOperation, 'insert' | 'upsert' | 'update' | 'delete'> = {
  insert: 'insert',
  upsert: 'upsert',
  update: 'update',
  deferred: 'update',
  restore: 'update',
  delete: 'delete',
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
