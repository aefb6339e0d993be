import { readEvents } from '../journal/eventLog.js';
import type { JournalEvent } from '../journal/events.js';
import { emptyCounts, type ObjectCounts, type ObjectSummary, type OrgRef } from '../journal/runMeta.js';
import type { RunState } from '../journal/runState.js';
import type { RunJournal } from '../journal/runStore.js';
import { failedRecordOf, groupFailures, type FailedRecord, type FailureGroup } from './failureGroups.js';
import { countSync, OutcomeFold, type RecordOutcome } from '../journal/recordOutcomes.js';

export type ObjectReport = ObjectCounts & {
  object: string;
  status: ObjectSummary['status'];
  elapsedMs: number;
  /** How the object was matched (`key Name`, `history`...; empty for runs written before history matching). */
  match: string;
  /** A delta's lower bound (`SystemModstamp` after it); null: the source was read in full. */
  since: string | null;
};

export type RollbackCounts = { deleted: number; restored: number; alreadyUndone: number; skipped: number; failed: number };

export type ObjectRollbackReport = RollbackCounts & { object: string };

/** What `sf isync report` shows and returns: the run's header, per-object counts, and its failures. */
import type { SwitchedItem } from '../automation/automationTypes.js';

export type RunReport = {
  runId: string;
  command: 'execute' | 'scan';
  state: RunState;
  stateReason?: string;
  startedAt: string;
  finishedAt?: string;
  dryRun: boolean;
  source: OrgRef;
  target: OrgRef;
  journalDir: string;
  /** Counts from the journal's last outcome of every record (a retry's fix supersedes the failure). */
  objects: ObjectReport[];
  totals: ObjectCounts;
  deferred: { updated: number; failed: number };
  /** Present once the run was rolled back (or a rollback was attempted). */
  rollback?: { objects: ObjectRollbackReport[]; totals: RollbackCounts };
  failures: FailureGroup[];
  /** The journal ended with a partial line: the run was killed mid-write (that last write never completed). */
  partialTail: boolean;
  /** `--disable-automation`: what the run switched off in the target, each item's state now. */
  automation?: SwitchedItem[];
};

export type RunReportData = { report: RunReport; failedRecords: FailedRecord[] };

/** Reads a run's journal in one streaming pass and aggregates it. */
export async function buildRunReport(journal: RunJournal): Promise<RunReportData> {
  const fold = new OutcomeFold();
  let partialTail = false;
  for await (const event of readEvents<JournalEvent>(journal.eventsPath, () => (partialTail = true))) fold.add(event);
  return aggregate(journal, fold.values(), partialTail);
}

function aggregate(journal: RunJournal, outcomes: Iterable<RecordOutcome>, partialTail: boolean): RunReportData {
  const { meta } = journal;
  const objects = new Map<string, ObjectReport>(
    meta.objects.map((entry) => [entry.object, { object: entry.object, status: entry.status, elapsedMs: entry.elapsedMs, match: entry.match ?? '', since: entry.delta?.since ?? null, ...emptyCounts() }])
  );
  const rollback = new Map<string, ObjectRollbackReport>();
  const deferred = { updated: 0, failed: 0 };
  const failedRecords: FailedRecord[] = [];
  for (const outcome of outcomes) {
    if (outcome.status === 'failed') failedRecords.push(failedRecordOf(outcome));
    if (outcome.phase === 'deferred') deferred[outcome.status === 'failed' ? 'failed' : 'updated']++;
    else if (outcome.phase === 'rollback') countRollback(rollbackEntry(rollback, outcome.object), outcome);
    else countSync(objectEntry(objects, outcome.object), outcome);
  }
  const order = [...objects.keys()];
  const report: RunReport = {
    runId: meta.runId,
    command: meta.command,
    state: meta.state,
    stateReason: meta.stateReason,
    startedAt: meta.startedAt,
    finishedAt: meta.finishedAt,
    dryRun: meta.dryRun,
    source: meta.source,
    target: meta.target,
    journalDir: journal.dir,
    objects: [...objects.values()],
    totals: sum([...objects.values()], emptyCounts()),
    deferred,
    failures: groupFailures(failedRecords, order),
    partialTail,
    ...(meta.automation ? { automation: meta.automation.items } : {}),
  };
  if (rollback.size > 0) {
    const entries = [...rollback.values()].sort((a, b) => order.indexOf(b.object) - order.indexOf(a.object));
    report.rollback = { objects: entries, totals: sum(entries, emptyRollbackCounts()) };
  }
  return { report, failedRecords };
}

function objectEntry(objects: Map<string, ObjectReport>, object: string): ObjectReport {
  let entry = objects.get(object);
  if (!entry) {
    entry = { object, status: 'done', elapsedMs: 0, match: '', since: null, ...emptyCounts() };
    objects.set(object, entry);
  }
  return entry;
}

function rollbackEntry(rollback: Map<string, ObjectRollbackReport>, object: string): ObjectRollbackReport {
  let entry = rollback.get(object);
  if (!entry) {
    entry = { object, ...emptyRollbackCounts() };
    rollback.set(object, entry);
  }
  return entry;
}

function countRollback(entry: RollbackCounts, outcome: RecordOutcome): void {
  if (outcome.status === 'deleted' || outcome.status === 'restored' || outcome.status === 'alreadyUndone' || outcome.status === 'failed') entry[outcome.status]++;
  else if (outcome.status === 'undoSkipped') entry.skipped++;
}

function emptyRollbackCounts(): RollbackCounts {
  return { deleted: 0, restored: 0, alreadyUndone: 0, skipped: 0, failed: 0 };
}

/** Adds up the counters of `totals` over the rows (each row has at least those counters). */
function sum<U extends Record<string, number>>(rows: ReadonlyArray<Record<keyof U, number>>, totals: U): U {
  const keys = Object.keys(totals) as Array<keyof U>;
  for (const row of rows) for (const key of keys) totals[key] = (totals[key] + row[key]) as U[keyof U];
  return totals;
}
