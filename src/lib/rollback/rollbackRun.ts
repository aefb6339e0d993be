import pLimit, { type LimitFunction } from 'p-limit';
import { DEFAULT_BACKOFF, type BackoffPolicy } from '../api/backoff.js';
import { MAX_COLLECTION_SIZE } from '../api/collections.js';
import type { OrgApi } from '../api/orgApi.js';
import { readEvents } from '../journal/eventLog.js';
import type { JournalEvent, UndoOutcomeEvent } from '../journal/events.js';
import { recordState } from '../journal/recordState.js';
import type { RunJournal } from '../journal/runStore.js';
import { BatchWriter } from '../load/batchWriter.js';
import type { WriteItem, WriteOutcome } from '../load/writeTypes.js';
import { RunStop } from '../load/runStop.js';
import { ALREADY_DELETED_CODES } from '../journal/recordOutcomes.js';
import type { DescribeSObject } from '../schema/describeTypes.js';
import { assertRollbackable } from './rollbackGuard.js';
import { targetNamesOf } from './targetNames.js';
import { sobjectIn, type TargetName } from '../util/targetNames.js';
import { RollbackPlanner, type InsertedRecord, type RollbackPlan, type UpdatedRecord } from './rollbackPlan.js';
import { RollbackTally, type RollbackOperation, type RollbackRecord, type RollbackResult } from './rollbackResult.js';
import { bringBack, relinked, type Relinks, type Undeleter } from './undeleteMatches.js';
import { undeleteRecords } from '../api/soapUndelete.js';
import { AutomationSwitch } from '../automation/automationSwitch.js';
import { itemsForRollback } from '../automation/rollbackAutomation.js';
import { checkDeletes, checkRestores, DEFAULT_CLOCK_SKEW_MS, type CheckOptions, type Checked } from './targetCheck.js';

export type RollbackInput = {
  journal: RunJournal;
  /** The run's target org (checked by the caller: see rollbackTargetOrg). */
  target: OrgApi;
  force: boolean;
  dryRun: boolean;
  clockSkewMs?: number;
  /** Write requests in flight at once. */
  concurrency?: number;
  backoff?: BackoffPolicy;
  /** Called before every write: throws RunStop to stop (Ctrl-C). */
  beforeCall?: () => void;
  /** Brings deleted records back from the target's recycle bin (default: the SOAP API's undelete). */
  undelete?: Undeleter;
};

type Work = {
  restores: Array<Checked<UpdatedRecord>>;
  /** Children first. */
  deletes: Array<{ object: string; checked: Array<Checked<InsertedRecord>> }>;
};

/**
 * Undoes a run in its target: puts back the previous values of the records it updated, then deletes the
 * records it inserted, children before parents (reverse migration order), in batches of up to 200. Every
 * record is checked first; records changed after the run are skipped (unless `force`). Restores go first so
 * that no restored lookup ever points to a record about to be deleted. Journaled in the run's own log, so
 * running it again after an interruption finishes the job.
 */
export async function rollbackRun(input: RollbackInput): Promise<RollbackResult> {
  const { journal } = input;
  assertRollbackable(journal.meta);
  const plan = await readPlan(journal);
  const deleteOrder = objectOrder(journal, plan).reverse();
  const tally = new RollbackTally(deleteOrder);
  for (const [object, count] of plan.alreadyUndone) tally.add(object, 'alreadyUndone', count);
  const work = await checkTarget(input, plan, deleteOrder);
  const result: RollbackResult = {
    runId: journal.meta.runId,
    state: journal.meta.state,
    dryRun: input.dryRun,
    force: input.force,
    target: journal.meta.target,
    objects: [],
    totals: tally.totals(),
    skipped: [],
    failed: [],
    planned: [],
  };
  const undo = settleVerdicts(work, tally, result);
  const undeletes = [...plan.undeletes.values()].flat().map((record): RollbackRecord => ({ object: record.object, sourceId: record.sourceId, targetId: record.targetId, operation: 'undelete', values: record.values }));
  if (input.dryRun) {
    for (const record of [...undeletes, ...undo]) tally.add(record.object, record.operation === 'delete' ? 'deleted' : 'restored');
    result.planned = [...undeletes, ...undo];
    return finish(result, tally);
  }

  journal.meta.attempts++;
  recordState(journal, 'rolling_back');
  // The run's automation stays off for the rollback's writes too (the rules that blocked the run would block
  // putting the old values back), and goes back on however the rollback ends.
  const automation = journal.meta.automation ? new AutomationSwitch(input.target) : undefined;
  try {
    if (automation) await automation.switchOff(journal, journal.meta.automation!.requested, await itemsForRollback(input.target, journal.meta.automation));
    journal.events.append(...undoOutcomes(work));
    const concurrency = Math.max(1, input.concurrency ?? 4);
    const writer = new BatchWriter({
      api: input.target,
      journal: journal.events,
      limiter: pLimit(concurrency),
      backoff: input.backoff ?? DEFAULT_BACKOFF,
    });
    const targetName = targetNamesOf(journal.meta.template);
    const write: BatchSender = { writer, limit: pLimit(concurrency), beforeCall: input.beforeCall, targetName };
    // Deleted records first, parents first: restored lookups and kept children may point to them.
    const relinks = await bringBack(
      {
        target: input.target,
        journal: journal.events,
        writer,
        undelete: input.undelete ?? ((ids) => undeleteRecords(input.target, ids)),
        describe: describer(input.target, targetName),
        targetName,
        beforeCall: input.beforeCall,
      },
      [...deleteOrder].reverse(),
      plan.undeletes,
      tally,
      result.failed
    );
    const restores = undo.filter((record) => record.operation === 'restore').map((record) => ({ ...record, values: relinkedValues(record.values, relinks) }));
    await writeAll(write, 'restore', restores, tally, result);
    // Object by object, so that children are gone before their parents are deleted.
    for (const object of deleteOrder) {
      const records = undo.filter((record) => record.operation === 'delete' && record.object === object);
      await writeAll(write, 'delete', records, tally, result);
    }
    const totals = tally.totals();
    recordState(journal, totals.skipped + totals.failed > 0 ? 'rollback_partial' : 'rolled_back');
  } catch (error) {
    recordState(journal, 'rollback_partial', error instanceof Error ? error.message : String(error));
    if (!(error instanceof RunStop)) throw error;
  } finally {
    if (automation) await automation.restore(journal);
    journal.events.close();
  }
  result.state = journal.meta.state;
  result.stateReason = journal.meta.stateReason;
  return finish(result, tally);
}

function describer(target: OrgApi, targetName: TargetName): (object: string) => Promise<DescribeSObject> {
  return (object) => target.request<DescribeSObject>('GET', `/sobjects/${targetName(object)}/describe`);
}

function relinkedValues(values: Record<string, unknown> | undefined, relinks: Relinks): Record<string, unknown> | undefined {
  if (!values || relinks.size === 0) return values;
  return Object.fromEntries(Object.entries(values).map(([field, value]) => [field, relinked(value, relinks)]));
}

async function readPlan(journal: RunJournal): Promise<RollbackPlan> {
  const planner = new RollbackPlanner();
  for await (const event of readEvents<JournalEvent>(journal.eventsPath)) planner.add(event);
  return planner.plan();
}

/** The run's objects in migration order (run.json lists them in plan order), then any other journaled one. */
function objectOrder(journal: RunJournal, plan: RollbackPlan): string[] {
  const order = journal.meta.objects.map((entry) => entry.object);
  for (const object of [...plan.undeletes.keys(), ...plan.restores.keys(), ...plan.deletes.keys(), ...plan.alreadyUndone.keys()]) {
    if (!order.includes(object)) order.push(object);
  }
  return order;
}

/** Checks every record before anything is written, so no write of this rollback can look like someone else's change. */
async function checkTarget(input: RollbackInput, plan: RollbackPlan, deleteOrder: string[]): Promise<Work> {
  const options: CheckOptions = {
    force: input.force,
    clockSkewMs: input.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS,
    fallbackWriteAt: input.journal.meta.finishedAt ?? input.journal.meta.updatedAt,
  };
  const describe = describer(input.target, targetNamesOf(input.journal.meta.template));
  const protectedIds = new Set<string>();
  const work: Work = { restores: [], deletes: [] };
  // Sequential, children first: a skipped record protects the records it refers to from being deleted.
  for (const object of deleteOrder) {
    const records = plan.restores.get(object);
    if (records) work.restores.push(...(await checkRestores(input.target, await describe(object), records, protectedIds, options)));
  }
  for (const object of deleteOrder) {
    const records = plan.deletes.get(object);
    if (records) work.deletes.push({ object, checked: await checkDeletes(input.target, await describe(object), records, protectedIds, options) });
  }
  return work;
}

/** Counts what needs no write and lists what is skipped; returns the records to write, restores first. */
function settleVerdicts(work: Work, tally: RollbackTally, result: RollbackResult): RollbackRecord[] {
  const undo: RollbackRecord[] = [];
  const settle = (operation: RollbackOperation, { record, verdict }: Checked<InsertedRecord>, values?: Record<string, unknown>): void => {
    const entry: RollbackRecord = { object: record.object, sourceId: record.sourceId, targetId: record.targetId, operation };
    if (verdict.kind === 'undo') undo.push(values ? { ...entry, values } : entry);
    else if (verdict.kind === 'alreadyUndone') tally.add(record.object, 'alreadyUndone');
    else {
      tally.add(record.object, 'skipped');
      result.skipped.push({ ...entry, reason: verdict.reason });
    }
  };
  for (const checked of work.restores) settle('restore', checked, checked.record.before);
  for (const { checked } of work.deletes) for (const entry of checked) settle('delete', entry);
  return undo;
}

function undoOutcomes(work: Work): UndoOutcomeEvent[] {
  const at = new Date().toISOString();
  const events: UndoOutcomeEvent[] = [];
  const add = (operation: RollbackOperation, { record, verdict }: Checked<InsertedRecord>): void => {
    if (verdict.kind === 'undo') return;
    events.push({ type: 'undoOutcome', at, object: record.object, sourceId: record.sourceId, targetId: record.targetId, operation, kind: verdict.kind, reason: verdict.reason });
  };
  for (const checked of work.restores) add('restore', checked);
  for (const { checked } of work.deletes) for (const entry of checked) add('delete', entry);
  return events;
}

/**
 * The batch writer, the limit on batches in flight, and the stop check. The check runs here, before each
 * batch, not inside BatchWriter: there a thrown RunStop would be taken for a failed request and journaled
 * as every record of the batch failing.
 */
type BatchSender = { writer: BatchWriter; limit: LimitFunction; beforeCall?: () => void; targetName: TargetName };

/** Sends records in batches of up to 200 (several in flight) and counts their outcomes. */
async function writeAll(sender: BatchSender, operation: 'delete' | 'restore', records: RollbackRecord[], tally: RollbackTally, result: RollbackResult): Promise<void> {
  const batches: RollbackRecord[][] = [];
  for (const object of new Set(records.map((record) => record.object))) {
    const ofObject = records.filter((record) => record.object === object);
    for (let start = 0; start < ofObject.length; start += MAX_COLLECTION_SIZE) batches.push(ofObject.slice(start, start + MAX_COLLECTION_SIZE));
  }
  const sends = batches.map((batch) =>
    sender.limit(async () => {
      sender.beforeCall?.();
      const items: WriteItem[] = batch.map((record) => ({ sourceId: record.sourceId, targetId: record.targetId, values: record.values ?? {} }));
      countOutcomes(operation, batch, await sender.writer.write({ object: batch[0].object, ...sobjectIn(sender.targetName, batch[0].object), operation, items }), tally, result);
    })
  );
  // allSettled first, so a stop in one batch lets the others finish and be journaled.
  const failure = (await Promise.allSettled(sends)).find((outcome) => outcome.status === 'rejected');
  if (failure) throw failure.reason;
}

function countOutcomes(operation: RollbackOperation, batch: RollbackRecord[], outcomes: WriteOutcome[], tally: RollbackTally, result: RollbackResult): void {
  outcomes.forEach((outcome, index) => {
    const record = batch[index];
    if (outcome.ok) tally.add(record.object, operation === 'delete' ? 'deleted' : 'restored');
    // Deleted since the check, or with a parent (cascade): what the rollback wanted.
    else if (operation === 'delete' && outcome.error && ALREADY_DELETED_CODES.has(outcome.error.statusCode)) tally.add(record.object, 'alreadyUndone');
    else {
      tally.add(record.object, 'failed');
      result.failed.push({ ...record, error: outcome.error });
    }
  });
}

function finish(result: RollbackResult, tally: RollbackTally): RollbackResult {
  result.objects = tally.results();
  result.totals = tally.totals();
  return result;
}
