import { hostname } from 'node:os';
import pLimit from 'p-limit';
import type { OrgApi } from '../api/orgApi.js';
import { DEFAULT_BACKOFF, type BackoffPolicy } from '../api/backoff.js';
import type { MigrationPlan } from '../graph/planTypes.js';
import { newRunId } from '../journal/paths.js';
import { emptyCounts, sumCounts, type ObjectCounts, type ObjectSummary, type OrgRef, type RunMeta } from '../journal/runMeta.js';
import type { RunState } from '../journal/runState.js';
import type { RunJournal, RunStore } from '../journal/runStore.js';
import { BatchWriter, type RecordWriter } from '../load/batchWriter.js';
import { BulkWriter } from '../load/bulkWriter.js';
import type { TextOrgApi } from '../api/orgApi.js';
import { DryRunWriter } from '../load/dryRunWriter.js';
import { runDeferredPass, type DeferredPassResult } from '../load/deferredPass.js';
import { ObjectSync } from '../load/objectSync.js';
import { ParentArrivals } from '../load/parentArrivals.js';
import { RunStop } from '../load/runStop.js';
import { classifyFailure } from '../api/failures.js';
import type { SyncContext } from '../load/syncContext.js';
import type { SyncTemplate } from '../template/syncTemplate.js';
import { IdMap } from '../transform/idMap.js';
import { ReferenceResolver } from '../transform/referenceResolver.js';
import { parentLookups, type ObjectSyncSpec } from '../transform/recordTransformer.js';
import { BUILT_IN_REFERENCE_KEYS } from '../transform/referenceKeys.js';
import { deferredParents, matchKeysByObject, scheduleDependencies, stepDependencies } from './objectSpecs.js';
import { chainLengths } from './criticalPath.js';
import { RecordCounts } from './recordCounts.js';
import { startBulkReads } from '../load/sourceReader.js';
import { startHeapGovernor } from './heapGovernor.js';
import { COLLECTIONS_PER_COMPOSITE, CompositeCollections } from '../api/compositeCollections.js';
import type { RunListener } from './runEvents.js';
import type { RetryScope } from '../retry/retryScope.js';
import { syncCountsOf } from '../journal/recordOutcomes.js';

/** The state a run ends in for each reason to stop early: paused runs wait for limits, the others for the user. */
const STOP_STATES: Record<RunStop['reason'], RunState> = {
  interrupted: 'aborted',
  session: 'failed',
  stopOnError: 'failed',
  dailyLimit: 'paused',
  apiBudget: 'paused',
};

export type SyncRunInput = {
  command: 'execute' | 'scan';
  source: OrgApi;
  target: OrgApi;
  sourceOrg: OrgRef;
  targetOrg: OrgRef;
  template: SyncTemplate;
  templatePath?: string;
  plan: MigrationPlan;
  specs: ObjectSyncSpec[];
  /** Source key prefix -> object name (describeGlobal), to type polymorphic lookups. */
  sourceKeyPrefixes: ReadonlyMap<string, string>;
  targetUserId: string;
  dryRun: boolean;
  concurrency: number;
  /** Record counts already asked (the API budget asked them first); absent: asked at the start of the run. */
  counts?: RecordCounts;
  store: RunStore;
  /** A retry: append to this run's journal, start from what it already did, redo only what the scope says. */
  continueRun?: { journal: RunJournal; scope: RetryScope };
  listener?: RunListener;
  backoff?: BackoffPolicy;
  /** Throws RunStop when the run must end as stopped although no request was refused (--stop-on-error). */
  checkStop?(): void;
};

export type SyncRunResult = {
  runId: string;
  state: RunState;
  stateReason?: string;
  objects: ObjectSummary[];
  totals: ObjectCounts;
  deferred: { updated: number; failed: number; unresolved: number };
  notes: Array<{ object: string; note: string; count: number }>;
  /** Failed records by object and error code. */
  failures: Array<{ object: string; code: string; count: number }>;
  journalDir: string;
};

/**
 * Runs a sync (or, dry, a scan) from a computed plan: objects start as soon as the objects they look up are
 * done (several at once), then the deferred-lookup update pass, journaling everything. Per-record failures
 * never stop the run; a RunStop (session, limits, interrupt) ends it in a resumable state.
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
  const notes = new Map<string, { object: string; note: string; count: number }>();
  const summaries = new Map(specs.map((spec) => [spec.object.name, summary(spec.object.name)]));
  const emit = input.listener ?? ((): void => {});
  const setState = (state: RunState, reason?: string): void => {
    journal.meta.state = state;
    journal.meta.stateReason = reason;
    journal.events.append({ type: 'state', at: new Date().toISOString(), state, reason });
    journal.saveMeta();
    emit({ type: 'state', state, runId: journal.meta.runId });
  };
  const context = createContext(input, journal, (object, note) => {
    // Notes repeat per record (e.g. "owner not found"): count them instead of listing each.
    const generic = note.replace(/\b[a-zA-Z0-9]{15,18}\b/g, '…');
    const key = `${object}\u0000${generic}`;
    const entry = notes.get(key) ?? { object, note: generic, count: 0 };
    entry.count++;
    notes.set(key, entry);
    if (entry.count === 1) journal.events.append({ type: 'note', object, sourceId: '', note });
  });
  const failures = new Map<string, { object: string; code: string; count: number }>();
  context.onFailure = (object, code): void => {
    const key = `${object}\u0000${code}`;
    const entry = failures.get(key) ?? { object, code, count: 0 };
    entry.count++;
    failures.set(key, entry);
  };
  // Record-level pipelining: every object starts at once and each record waits for its own parents only.
  // The rows held for parents across objects are bounded (four pages; each object may still hold one page).
  if (!input.template.options.objectByObject) {
    context.arrivals = new ParentArrivals(specs.map((spec) => spec.object.name), context.idMap, HELD_PAGES_IN_RUN * context.pageSize);
  }
  context.onProgress = (progress): void => {
    const entry = summaries.get(progress.object)!;
    Object.assign(entry, progress.counts, { status: progress.status, elapsedMs: progress.elapsedMs });
    emit({ type: 'object', progress });
  };

  let deferred = { updated: 0, failed: 0, unresolved: 0 };
  setState(input.dryRun ? 'scanning' : 'syncing');
  const stopMemoryLog = startMemoryLog(context);
  // Small: fewer source records than GOVERNED_FROM_RECORDS (counted before the run; unknown counts: governed).
  let smallRun = true;
  Promise.all(specs.map((spec) => context.counts.source(spec.object.name))).then(
    (counts) => (smallRun = counts.reduce((sum, count) => sum + count, 0) < GOVERNED_FROM_RECORDS),
    () => (smallRun = false)
  );
  const stopHeapGovernor = startHeapGovernor({ small: () => smallRun && context.idMap.size < GOVERNED_FROM_RECORDS });
  try {
    context.bulkReads = startBulkReads(context, specs);
    preloadOutsideReferences(context, specs);
    const early = await runObjects(specs, context);
    input.checkStop?.();
    deferred = addPasses(early, await runDeferredPass(context));
    input.checkStop?.();
    const failed = [...summaries.values()].some((entry) => entry.failed > 0) || deferred.failed > 0;
    if (input.dryRun) setState('scanned');
    else setState(failed ? 'synced_with_errors' : 'synced');
  } catch (caught) {
    const error = asRunStop(caught);
    if (!error) {
      setState('failed', caught instanceof Error ? caught.message : String(caught));
      throw caught;
    }
    setState(STOP_STATES[error.reason], error.message);
  } finally {
    stopMemoryLog();
    stopHeapGovernor();
    // A retry updates the objects it ran and keeps the others as the run left them.
    journal.meta.objects = journal.meta.objects.map((entry) => summaries.get(entry.object) ?? entry);
    for (const entry of summaries.values()) if (!journal.meta.objects.some((o) => o.object === entry.object)) journal.meta.objects.push(entry);
    journal.meta.finishedAt = new Date().toISOString();
    journal.saveMeta();
    journal.events.close();
  }
  // A resume or retry reports the whole run, counted from the journal: the run's history is one.
  const objects = input.continueRun ? await recountFromJournal(journal) : [...summaries.values()];
  return {
    runId: journal.meta.runId,
    state: journal.meta.state,
    stateReason: journal.meta.stateReason,
    objects,
    totals: sumCounts(objects),
    deferred,
    notes: [...notes.values()],
    failures: [...failures.values()],
    journalDir: journal.dir,
  };
}

/**
 * `ISYNC_MEMORY_LOG=<ms>`: writes the process's memory and the sizes of what grows with the data to stderr
 * every <ms>, for profiling large runs (`npm run bench` passes its environment to the tool). Off by default.
 */
function startMemoryLog(context: SyncContext): () => void {
  const every = Number(process.env.ISYNC_MEMORY_LOG);
  if (!Number.isFinite(every) || every <= 0) return () => {};
  const timer = setInterval(() => {
    const memory = process.memoryUsage();
    const mb = (bytes: number): number => Math.round(bytes / 1048576);
    process.stderr.write(
      `isync memory: rss ${mb(memory.rss)} MB, heap ${mb(memory.heapUsed)}/${mb(memory.heapTotal)} MB, external ${mb(memory.external)} MB, ` +
        `buffers ${mb(memory.arrayBuffers)} MB; id map ${context.idMap.size}, deferred ${context.deferred.length}, unwritten ${context.unwritten.records}\n`
    );
  }, every);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Failures of reads (queries) that end a run the same way as failed writes: an expired session or the daily
 * limit. Anything else is a bug or a broken org and fails the run.
 */
function asRunStop(error: unknown): RunStop | undefined {
  if (error instanceof RunStop) return error;
  const kind = classifyFailure(error);
  const message = error instanceof Error ? error.message : String(error);
  if (kind === 'session') return new RunStop('session', `The session of an org expired or was revoked (${message}).`);
  if (kind === 'dailyLimit') return new RunStop('dailyLimit', `The org's daily API request limit is used up (${message}).`);
  return undefined;
}

/**
 * Runs the objects side by side. With record-level pipelining (`context.arrivals`) they all start at once and
 * each record waits for its own parents (Contacts go as soon as their Account is in); with the template's
 * `objectByObject`, an object starts once every object it depends on is done. The deferred lookups of an
 * object are filled as soon as it and the objects they point to are done, while the rest of the run goes on
 * (the final pass takes what is left); answers what those early passes did.
 */
async function runObjects(specs: ObjectSyncSpec[], context: SyncContext): Promise<DeferredPassResult> {
  const dependencies = stepDependencies(specs);
  const { arrivals } = context;
  const done = new Map<string, Promise<void>>();
  for (const spec of specs) {
    const name = spec.object.name;
    const parents = arrivals ? [] : [...dependencies.get(name)!].map((parent) => done.get(parent)).filter((p) => p !== undefined);
    const run = Promise.all(parents).then(async () => {
      await new ObjectSync(spec, context).run();
    });
    done.set(
      name,
      run.then(
        () => arrivals?.finished(name),
        (error: unknown) => {
          // Children waiting for this object's records stop too, instead of waiting for ever.
          arrivals?.abort(error);
          throw error;
        }
      )
    );
  }
  const passes = specs
    .filter((spec) => spec.deferredLookups.size > 0)
    .map((spec) => {
      const waitFor = [spec.object.name, ...deferredParents(spec)].map((object) => done.get(object)).filter((p) => p !== undefined);
      return Promise.all(waitFor).then(() => runDeferredPass(context, new Set([spec.object.name])));
    });
  // allSettled first, so a RunStop in one object lets the others finish their in-flight batches.
  const outcomes = await Promise.allSettled([...done.values(), ...passes]);
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failure) throw failure.reason;
  const results = await Promise.all(passes);
  return results.reduce(addPasses, { updated: 0, failed: 0, unresolved: 0 });
}

/**
 * Starts reading whole, in both orgs, the small objects the run's lookups point to outside the template
 * (owners, record types, queues: see ReferenceResolver.preload), while the first source pages are read.
 */
function preloadOutsideReferences(context: SyncContext, specs: readonly ObjectSyncSpec[]): void {
  const objects = new Set<string>();
  for (const spec of specs) {
    for (const field of parentLookups(spec)) {
      for (const object of field.referenceTo) if (!context.templateObjects.has(object) && object in BUILT_IN_REFERENCE_KEYS) objects.add(object);
    }
  }
  // Not awaited: lookups of these objects wait for it; one that fails leaves them to be made record by record.
  for (const object of objects) context.resolver.preload(object).catch(() => undefined);
}

function addPasses(a: DeferredPassResult, b: DeferredPassResult): DeferredPassResult {
  return { updated: a.updated + b.updated, failed: a.failed + b.failed, unresolved: a.unresolved + b.unresolved };
}

function createContext(input: SyncRunInput, journal: RunJournal, onNote: SyncContext['onNote']): SyncContext {
  const idMap = new IdMap();
  const claimedTargets = input.continueRun ? new IdMap() : undefined;
  for (const [sourceId, targetId] of input.continueRun?.scope.known ?? []) {
    idMap.set(sourceId, targetId);
    claimedTargets?.set(targetId, sourceId);
  }
  const keysOf = matchKeysByObject(input.template, input.plan);
  const chains = chainLengths(scheduleDependencies(input.specs));
  const writer: RecordWriter = input.dryRun
    ? new DryRunWriter()
    : new BatchWriter({
        api: input.target,
        journal: journal.events,
        // Enough batches may wait for the Composite packer to fill its requests; it keeps `concurrency` out
        // (reads still go first: the org's gate serves them before waiting writes).
        limiter: pLimit(Math.max(1, input.concurrency) * COLLECTIONS_PER_COMPOSITE),
        collections: new CompositeCollections(input.target, Math.max(1, input.concurrency)),
        priorityOf: (object) => chains.get(object) ?? 0,
        backoff: input.backoff ?? DEFAULT_BACKOFF,
        onRetry: (info) => input.listener?.({ type: 'retry', ...info }),
      });
  const batchSize = Math.min(200, input.template.options.batchSize);
  const maxInflightBatches = Math.max(4, 2 * input.concurrency);
  return {
    source: input.source,
    target: input.target,
    writer,
    journal: journal.events,
    idMap,
    claimedTargets,
    resolver: new ReferenceResolver(input.source, input.target, keysOf),
    keysOf,
    objectOfId: (id) => input.sourceKeyPrefixes.get(id.slice(0, 3)),
    // All the template's objects, including those a retry leaves alone: their records are in the id map.
    templateObjects: new Set(input.specs.map((spec) => spec.object.name)),
    targetUserId: input.targetUserId,
    batchSize,
    pageSize: 2000,
    maxInflightBatches,
    // Enough for every write slot to carry a full Composite request of batches: the packer never runs dry,
    // and memory holds that many unwritten records across the objects running side by side, not more.
    unwritten: { records: 0, max: Math.max(1, input.concurrency) * COLLECTIONS_PER_COMPOSITE * batchSize },
    bulk: bulkOf(input, journal, writer),
    bulkReadThreshold: input.template.options.bulkThreshold,
    counts: input.counts ?? RecordCounts.start(input.specs, input.source, input.target),
    deferred: [...(input.continueRun?.scope.deferred ?? [])],
    onProgress: () => {},
    onNote,
    onFailure: () => {},
  };
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

/** Records per Bulk API 2.0 batch: several ingest jobs of this size run side by side under the limiter. */
const BULK_BATCH_SIZE = 10_000;
/** Ingest jobs the run keeps in flight across objects (more only while an object has none of its own out). */
const BULK_JOBS_IN_RUN = 2;

/** Records in a run (in its source, or synced) from which the heap governor collects whenever the heap grows. */
const GOVERNED_FROM_RECORDS = 250_000;
/** Pages of source rows the run holds for parents of other objects (see ParentArrivals). */
const HELD_PAGES_IN_RUN = 4;

function bulkOf(input: SyncRunInput, journal: RunJournal, rest: RecordWriter): SyncContext['bulk'] {
  const { target } = input;
  if (input.dryRun || !target.requestText) return undefined;
  return {
    writer: new BulkWriter({ api: target as TextOrgApi, journal: journal.events, fallback: rest }),
    threshold: input.template.options.bulkThreshold,
    batchSize: BULK_BATCH_SIZE,
    inFlight: { records: 0, max: BULK_JOBS_IN_RUN * BULK_BATCH_SIZE },
  };
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
    objects: input.specs.map((spec) => summary(spec.object.name)),
    attempts: 1,
  };
}

/** Sets run.json's per-object counts to what the journal tells of the whole run, and answers them. */
async function recountFromJournal(journal: RunJournal): Promise<ObjectSummary[]> {
  const counts = await syncCountsOf(journal.eventsPath);
  journal.meta.objects = journal.meta.objects.map((entry) => ({ ...entry, ...(counts.get(entry.object) ?? emptyCounts()) }));
  journal.saveMeta();
  return journal.meta.objects;
}

function summary(object: string): ObjectSummary {
  return { object, status: 'pending', elapsedMs: 0, ...emptyCounts() };
}

