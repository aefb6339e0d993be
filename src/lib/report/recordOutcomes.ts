import type { RecordError } from '../api/collections.js';
import type { JournalEvent, JournalOperation } from '../journal/events.js';

/**
 * The three things that can happen to one record, each with its own last word: the sync itself
 * (insert/upsert/update, or a decision taken before any write), the deferred-lookup update pass, and a rollback.
 */
export type OutcomePhase = 'sync' | 'deferred' | 'rollback';

export type OutcomeStatus =
  | 'inserted'
  | 'updated'
  | 'unchanged'
  | 'skipped'
  | 'failed'
  | 'deleted'
  | 'restored'
  | 'alreadyUndone'
  | 'undoSkipped';

/** `none`: the run decided not to write the record (no match key, ambiguous match...): nothing was sent. */
export type OutcomeOperation = JournalOperation | 'none';

export type RecordOutcome = {
  object: string;
  sourceId: string;
  targetId: string | null;
  phase: OutcomePhase;
  operation: OutcomeOperation;
  status: OutcomeStatus;
  error?: RecordError;
  /** Failures only: the values sent (or prepared), for the error export. */
  values?: Record<string, unknown>;
  /** undoSkipped: why. */
  reason?: string;
};

const PHASE_OF: Record<JournalOperation, OutcomePhase> = {
  insert: 'sync',
  upsert: 'sync',
  update: 'sync',
  deferred: 'deferred',
  delete: 'rollback',
  restore: 'rollback',
};

/** Delete errors that mean the record is already gone (deleted again, or cascaded with its parent). */
export const ALREADY_DELETED_CODES: ReadonlySet<string> = new Set(['ENTITY_IS_DELETED', 'INVALID_CROSS_REFERENCE_KEY']);

/**
 * The outcome a journal event gives a record, or undefined for events that are not about one record.
 * Successful outcomes carry no values: only failures are exported, and a large run must fit in memory.
 */
export function outcomeOf(event: JournalEvent): RecordOutcome | undefined {
  if (event.type === 'record') {
    const base = { object: event.object, sourceId: event.sourceId, targetId: event.targetId, phase: PHASE_OF[event.operation], operation: event.operation };
    if (event.ok) return { ...base, status: successStatus(event.operation, event.created === true) };
    if (event.operation === 'delete' && event.error && ALREADY_DELETED_CODES.has(event.error.statusCode)) {
      return { ...base, status: 'alreadyUndone' };
    }
    return { ...base, status: 'failed', error: event.error, values: event.values };
  }
  if (event.type === 'outcome') {
    const base = { object: event.object, sourceId: event.sourceId, targetId: event.targetId, phase: 'sync' as const, operation: 'none' as const };
    if (event.kind === 'failed') return { ...base, status: 'failed', error: event.error, values: event.values };
    return { ...base, status: event.kind, reason: event.reason };
  }
  if (event.type === 'undoOutcome') {
    const base = { object: event.object, sourceId: event.sourceId, targetId: event.targetId, phase: 'rollback' as const, operation: event.operation };
    return { ...base, status: event.kind === 'alreadyUndone' ? 'alreadyUndone' : 'undoSkipped', reason: event.reason };
  }
  return undefined;
}

function successStatus(operation: JournalOperation, created: boolean): OutcomeStatus {
  switch (operation) {
    case 'insert':
      return 'inserted';
    case 'upsert':
      return created ? 'inserted' : 'updated';
    case 'delete':
      return 'deleted';
    case 'restore':
      return 'restored';
    default:
      return 'updated';
  }
}

/**
 * Folds a journal into the last outcome of every record per phase: a later event for the same record (a
 * retry that fixed a failure, a second rollback) supersedes an earlier one. One pass, in file order.
 */
export class OutcomeFold {
  private readonly outcomes = new Map<string, RecordOutcome>();

  public add(event: JournalEvent): void {
    const outcome = outcomeOf(event);
    if (!outcome) return;
    this.outcomes.set(`${outcome.phase}\u0000${outcome.object}\u0000${outcome.sourceId}`, outcome);
  }

  public values(): IterableIterator<RecordOutcome> {
    return this.outcomes.values();
  }
}
