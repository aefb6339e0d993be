import { shortId } from '../util/shortId.js';
import type { RecordError } from '../api/collections.js';
import { readEvents } from './eventLog.js';
import type { JournalEvent, JournalOperation } from './events.js';
import { emptyCounts, type ObjectCounts } from './runMeta.js';

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
  /** A failed sync outcome of a record the run had already written (see OutcomeFold). */
  wrote?: 'inserted' | 'updated';
};

const PHASE_OF: Record<JournalOperation, OutcomePhase> = {
  insert: 'sync',
  upsert: 'sync',
  update: 'sync',
  deferred: 'deferred',
  // The deletion of a source record's match is that record's sync: its only outcome in the run.
  deleteMatch: 'sync',
  delete: 'rollback',
  restore: 'rollback',
  undelete: 'rollback',
  reinsert: 'rollback',
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
    // A match deleted meanwhile (by someone, or with its parent): what the run wanted, not a failure.
    if (event.operation === 'deleteMatch' && event.error && ALREADY_DELETED_CODES.has(event.error.statusCode)) {
      return { ...base, status: 'unchanged', reason: 'already deleted in the target' };
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

/** The strongest write the run made of a record: inserted, else updated. */
const WRITE_RANK: Partial<Record<OutcomeStatus, number>> = { inserted: 2, updated: 1 };

/**
 * A later sync outcome of a record that the run already wrote: a success keeps the strongest write (the run
 * inserted it, then found it again); a failure is the record's state now, but remembers the write (`wrote`),
 * so that a retry that then succeeds counts it as the run's insert again.
 */
function keepWrite(previous: RecordOutcome | undefined, next: RecordOutcome): RecordOutcome {
  const wrote = strongest(previous?.wrote, previous?.status);
  if (!wrote) return next;
  if (next.status === 'failed') return { ...next, wrote };
  const status = strongest(wrote, next.status);
  return status && status !== next.status ? { ...next, status } : next;
}

function strongest(a: OutcomeStatus | undefined, b: OutcomeStatus | undefined): 'inserted' | 'updated' | undefined {
  const rank = Math.max(a ? (WRITE_RANK[a] ?? 0) : 0, b ? (WRITE_RANK[b] ?? 0) : 0);
  return rank === 2 ? 'inserted' : rank === 1 ? 'updated' : undefined;
}

function successStatus(operation: JournalOperation, created: boolean): OutcomeStatus {
  switch (operation) {
    case 'insert':
      return 'inserted';
    case 'upsert':
      return created ? 'inserted' : 'updated';
    case 'delete':
    case 'deleteMatch':
      return 'deleted';
    case 'restore':
    case 'undelete':
    case 'reinsert':
      return 'restored';
    default:
      return 'updated';
  }
}

/**
 * Folds a journal into the last outcome of every record per phase: a later event for the same record (a
 * retry that fixed a failure, a second rollback) supersedes an earlier one. One pass, in file order.
 *
 * A record's history within a run is the run's: once the run has inserted (or updated) a record, a later
 * attempt that finds it in the target unchanged (a resume re-reads an object it had not finished) does not
 * make it "unchanged": it stays inserted (or updated), as an uninterrupted run would have counted it.
 */
export class OutcomeFold {
  private readonly outcomes = new Map<string, RecordOutcome>();

  public add(event: JournalEvent): void {
    const outcome = outcomeOf(event);
    if (!outcome) return;
    const key = `${outcome.phase}\u0000${outcome.object}\u0000${shortId(outcome.sourceId)}`;
    this.outcomes.set(key, outcome.phase === 'sync' ? keepWrite(this.outcomes.get(key), outcome) : outcome);
  }

  public values(): IterableIterator<RecordOutcome> {
    return this.outcomes.values();
  }
}

/** Adds a sync-phase outcome to an object's counts. */
export function countSync(entry: ObjectCounts, outcome: RecordOutcome): void {
  if (outcome.status === 'inserted' || outcome.status === 'updated' || outcome.status === 'unchanged' || outcome.status === 'skipped' || outcome.status === 'deleted') {
    entry[outcome.status]++;
  }
  else if (outcome.status === 'failed') entry.failed++;
}

/**
 * Per object, a run's sync counts as its journal tells them: what `report` shows, and what a resume or retry
 * records in run.json for the whole run (an attempt alone would count records an earlier one inserted as
 * unchanged, or not at all).
 */
export async function syncCountsOf(eventsPath: string): Promise<Map<string, ObjectCounts>> {
  const fold = new OutcomeFold();
  for await (const event of readEvents<JournalEvent>(eventsPath)) fold.add(event);
  const counts = new Map<string, ObjectCounts>();
  for (const outcome of fold.values()) {
    if (outcome.phase !== 'sync') continue;
    let entry = counts.get(outcome.object);
    if (!entry) counts.set(outcome.object, (entry = emptyCounts()));
    countSync(entry, outcome);
  }
  return counts;
}
