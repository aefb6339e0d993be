import type { RecordError } from '../api/collections.js';
import type { RunState } from './runState.js';

/**
 * The operations a batch performs. `deferred` is the update pass that fills deferred lookups; `deleteMatch`
 * deletes the target match of a source record deleted since the last sync (`--include-deleted`), journaling
 * its values in `before`. Rollback's: `delete` (a record the run inserted), `restore` (previous values of an
 * update), `undelete` (a deleteMatch, from the target's recycle bin) and `reinsert` (a deleteMatch no longer
 * in the recycle bin, inserted again from its journaled values).
 */
export type JournalOperation = 'insert' | 'upsert' | 'update' | 'deferred' | 'deleteMatch' | 'delete' | 'restore' | 'undelete' | 'reinsert';

/** Rollback's operations (see JournalOperation). */
export type UndoOperation = 'delete' | 'restore' | 'undelete' | 'reinsert';

/**
 * Written (and fsynced) BEFORE a batch's request is sent: if the process dies before the batch's `batchEnd`,
 * the batch is "in doubt" and a resume must find out what got in before sending it again.
 */
export type BatchStartEvent = {
  type: 'batchStart';
  at: string;
  batch: string;
  object: string;
  operation: JournalOperation;
  sourceIds: string[];
  /**
   * update: each record's values before the update, by source id; deleteMatch: the values of the target
   * record about to be deleted. Journaled with the intent, so that a write whose answer a crash lost is still
   * undone exactly by rollback once a resume finds it applied.
   */
  before?: Record<string, Record<string, unknown>>;
};

/** One record's outcome in a batch. */
export type RecordEvent = {
  type: 'record';
  batch: string;
  object: string;
  operation: JournalOperation;
  sourceId: string;
  targetId: string | null;
  ok: boolean;
  /** insert/upsert: true when the record was created by this run (rollback deletes only these). */
  created?: boolean;
  error?: RecordError;
  /** The values sent: kept for failures (error export, retry) and updates (rollback checks them). */
  values?: Record<string, unknown>;
  /** update: the target's values before this run changed them (rollback restores them). */
  before?: Record<string, unknown>;
};

export type BatchEndEvent = { type: 'batchEnd'; at: string; batch: string };

/** A source record that the run decided not to write, with why; kept so `report` and `retry` see every record. */
export type OutcomeEvent = {
  type: 'outcome';
  object: string;
  sourceId: string;
  targetId: string | null;
  kind: 'unchanged' | 'skipped' | 'failed';
  reason?: string;
  error?: RecordError;
  values?: Record<string, unknown>;
};

/** Lookups inserted empty, to fill in the update pass once their parents exist. */
export type DeferredEvent = {
  type: 'deferred';
  object: string;
  sourceId: string;
  targetId: string;
  lookups: Array<{ field: string; sourceParentId: string }>;
  /** The values the target record has in those fields now (absent: an inserted record, all empty). */
  current?: Record<string, unknown>;
};

export type StateEvent = { type: 'state'; at: string; state: RunState; reason?: string };

export type NoteEvent = { type: 'note'; object: string; sourceId: string; note: string };

/**
 * A record that a rollback did not write, with why: already undone (gone from the target, or back to its
 * previous values: done, a later rollback leaves it alone), changed in the target after the run (skipped
 * unless --force; a later rollback checks it again), or not restorable (no previous values were journaled,
 * or the record was deleted in the target since).
 */
export type UndoOutcomeEvent = {
  type: 'undoOutcome';
  at: string;
  object: string;
  sourceId: string;
  targetId: string;
  operation: UndoOperation;
  kind: 'alreadyUndone' | 'changed' | 'notRestorable';
  reason: string;
};

export type JournalEvent =
  | BatchStartEvent
  | RecordEvent
  | BatchEndEvent
  | OutcomeEvent
  | DeferredEvent
  | StateEvent
  | NoteEvent
  | UndoOutcomeEvent;
