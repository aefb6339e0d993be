import { hostname } from 'node:os';
import { newRunId } from '../journal/paths.js';
import { syncCountsOf } from '../journal/recordOutcomes.js';
import { emptyCounts, sumCounts, type ObjectSummary, type RunMeta } from '../journal/runMeta.js';
import type { RunState } from '../journal/runState.js';
import type { RunJournal } from '../journal/runStore.js';
import { runDeferredPass } from '../load/deferredPass.js';
import { findDeletions, runDeletionPass } from '../load/deletionPass.js';
import type { EngineRun } from '../load/engineRun.js';
import { STOP_STATES, toRunStop } from '../load/runStop.js';
import { startBulkReads } from '../load/sourceReader.js';
import type { RetryScope } from '../retry/retryScope.js';
import type { ObjectSyncSpec } from '../transform/recordTransformer.js';
import { buildEngineRun } from './buildEngineRun.js';
import { startHeapGovernor } from './heapGovernor.js';
import { startMemoryLog } from './memoryLog.js';
import { pendingSummary, RunTally } from './runTally.js';
import { matchText } from '../template/matchMode.js';
import type { SyncRunInput, SyncRunResult } from './syncRunTypes.js';
import { itemsLeftOff, type RunAutomation } from '../automation/automationTypes.js';
import { addPasses, preloadOutsideReferences, runObjects } from './scheduleObjects.js';

/** Records in a run (in its source, or synced) from which the heap governor collects whenever the heap grows. */
const GOVERNED_FROM_RECORDS = 250_000;

/**
 * Runs a sync (or, dry, a scan) from a computed plan: objects start as soon as the records they look up are
 * in the target (several at once), then the deferred-lookup update pass, journaling everything. Per-record
 * failures never stop the run; a RunStop (session, limits, interrupt) ends it in a resumable state.
 */
export async function runSync(input: SyncRunInput): Promise<SyncRunResult> {
  const journal = input.continueRun?.journal ?? input.store.create(initialMeta(input));
  const specs = input.continueRun ? retrySpecs(input.specs, input.continueRun.scope) : input.specs;
  if (input.continueRun) {
    journal.meta.attempts++;
    journal.meta.finishedAt = undefined;
  }
  journal.meta.pid = process.pid;
  journal.meta.host = hostname();
  const tally = new RunTally(
    specs.map((spec) => ({ name: spec.object.name, match: matchText(spec.object) })),
    journal.events,
    input.listener
  );
  const engine = buildEngineRun(input, journal, specs, tally.handle);
  const setState = (state: RunState, reason?: string): void => {
    journal.meta.state = state;
    journal.meta.stateReason = reason;
    journal.events.append({ type: 'state', at: new Date().toISOString(), state, reason });
    journal.saveMeta();
    input.listener?.({ type: 'state', state, runId: journal.meta.runId });
  };

  let deferred = { updated: 0, failed: 0, unresolved: 0 };
  setState(input.dryRun ? 'scanning' : 'syncing');
  const stopMemoryLog = startMemoryLog(engine);
  const stopHeapGovernor = governHeap(engine, specs);
  const automation = input.dryRun ? undefined : input.automation;
  try {
    // Before the first write (bulk reads only read); journaled item by item before each is switched.
    if (automation) await automation.control.switchOff(journal, automation.requested, automation.items);
    for (const [object, job] of startBulkReads(engine, specs)) engine.services.bulkReads.set(object, job);
    preloadOutsideReferences(engine, specs);
    // The deleted records are read and matched while the sync runs; they are deleted after it (see findDeletions).
    const deletions = input.sync?.meta.includeDeleted ? findDeletions(engine, specs) : undefined;
    // A sync that stops first leaves them unused: their failure is then no one's.
    deletions?.catch(() => undefined);
    const early = await runObjects(specs, engine);
    input.checkStop?.();
    deferred = addPasses(early, await runDeferredPass(engine));
    input.checkStop?.();
    if (deletions) await runDeletionPass(engine, specs, (object) => tally.summaries.get(object)!, deletions);
    input.checkStop?.();
    const failed = tally.anyFailed || deferred.failed > 0;
    if (input.dryRun) setState('scanned');
    else setState(failed ? 'synced_with_errors' : 'synced');
  } catch (caught) {
    // Failures of reads end a run as failed writes do (see toRunStop); anything else is a bug or a broken org.
    const stop = toRunStop(caught);
    if (!stop) {
      setState('failed', caught instanceof Error ? caught.message : String(caught));
      throw caught;
    }
    setState(STOP_STATES[stop.reason], stop.message);
  } finally {
    stopMemoryLog();
    stopHeapGovernor();
    // However the run ended (done, stopped, a bug): what it switched off goes back on, or stays journaled as off.
    if (automation) await automation.control.restore(journal);
    // A retry updates the objects it ran and keeps the others as the run left them.
    const summaries = withReads(tally.summaries, specs, input.sync);
    journal.meta.objects = journal.meta.objects.map((entry) => summaries.get(entry.object) ?? entry);
    for (const entry of summaries.values()) if (!journal.meta.objects.some((o) => o.object === entry.object)) journal.meta.objects.push(entry);
    journal.meta.finishedAt = new Date().toISOString();
    journal.saveMeta();
    journal.events.close();
  }
  // A resume or retry reports the whole run, counted from the journal: the run's history is one.
  const objects = input.continueRun ? await recountFromJournal(journal) : journal.meta.objects;
  return {
    runId: journal.meta.runId,
    state: journal.meta.state,
    stateReason: journal.meta.stateReason,
    objects,
    totals: sumCounts(objects),
    deferred,
    notes: tally.noteCounts,
    failures: tally.failureCounts,
    journalDir: journal.dir,
    ...(journal.meta.automation ? { automation: automationOf(journal.meta.automation) } : {}),
  };
}

function automationOf(automation: RunAutomation): NonNullable<SyncRunResult['automation']> {
  return { switched: automation.items, leftOff: itemsLeftOff(automation) };
}

/**
 * The heap governor for large runs (see heapGovernor): a run counted below GOVERNED_FROM_RECORDS source
 * records (counts asked before the run; unknown counts: governed) leaves its heap to V8.
 */
function governHeap(engine: EngineRun, specs: readonly ObjectSyncSpec[]): () => void {
  let smallRun = true;
  Promise.all(specs.map((spec) => engine.services.counts.source(spec.object.name))).then(
    (counts) => (smallRun = counts.reduce((sum, count) => sum + count, 0) < GOVERNED_FROM_RECORDS),
    () => (smallRun = false)
  );
  return startHeapGovernor({ small: () => smallRun && engine.state.idMap.size < GOVERNED_FROM_RECORDS });
}

/**
 * What a retry runs: objects the run never finished, whole (already-synced records are matched and left
 * alone); finished objects only for their failed records; the others not at all.
 */
function retrySpecs(specs: ObjectSyncSpec[], scope: RetryScope): ObjectSyncSpec[] {
  const unfinished = new Set(scope.unfinished);
  return specs.flatMap((spec) => {
    // Insert-only objects check their in-doubt inserts in the target before sending them again.
    const inDoubt = scope.inDoubt.get(spec.object.name);
    const checked = inDoubt ? { ...spec, inDoubt } : spec;
    if (unfinished.has(spec.object.name)) return [checked];
    const failed = scope.failed.get(spec.object.name);
    return failed && failed.length > 0 ? [{ ...checked, onlySourceIds: failed }] : [];
  });
}

function initialMeta(input: SyncRunInput): RunMeta {
  const now = new Date().toISOString();
  return {
    runId: newRunId(),
    command: input.command,
    state: 'planning',
    startedAt: now,
    updatedAt: now,
    source: input.sourceOrg,
    target: input.targetOrg,
    templatePath: input.templatePath,
    template: input.template,
    plan: input.plan,
    dryRun: input.dryRun,
    objects: input.specs.map((spec) => ({ ...pendingSummary(spec.object.name, matchText(spec.object)), ...readOf(spec.object.name, input.sync) })),
    attempts: 1,
    ...(input.sync ? { sync: input.sync.meta } : {}),
  };
}

/** How the object's source is read, as run.json keeps it (see ObjectDelta). */
function readOf(object: string, sync: SyncRunInput['sync']): Pick<ObjectSummary, 'delta'> {
  const window = sync?.windows.get(object);
  if (!window) return {};
  const { since, lastSyncAt, lastRunId, definition } = window;
  return { delta: { since, definition, ...(lastSyncAt ? { lastSyncAt } : {}), ...(lastRunId ? { lastRunId } : {}) } };
}

/**
 * This attempt's summaries with how each object was read; an object this attempt read whole (not a retry of
 * some of its records) that ended without a failure gets the run's read start as its new last sync date.
 */
function withReads(summaries: ReadonlyMap<string, ObjectSummary>, specs: readonly ObjectSyncSpec[], sync: SyncRunInput['sync']): Map<string, ObjectSummary> {
  const readWhole = new Set(specs.filter((spec) => !spec.onlySourceIds).map((spec) => spec.object.name));
  const result = new Map<string, ObjectSummary>();
  for (const [object, summary] of summaries) {
    const { delta } = readOf(object, sync);
    const clean = delta && sync && readWhole.has(object) && summary.status === 'done' && summary.failed === 0;
    result.set(object, delta ? { ...summary, delta: clean ? { ...delta, syncedAsOf: sync.meta.readStartedAt } : delta } : summary);
  }
  return result;
}

/** Sets run.json's per-object counts to what the journal tells of the whole run, and answers them. */
async function recountFromJournal(journal: RunJournal): Promise<ObjectSummary[]> {
  const counts = await syncCountsOf(journal.eventsPath);
  journal.meta.objects = journal.meta.objects.map((entry) => ({ ...entry, ...(counts.get(entry.object) ?? emptyCounts()) }));
  journal.saveMeta();
  return journal.meta.objects;
}
