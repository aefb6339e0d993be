import pLimit from 'p-limit';
import { DEFAULT_BACKOFF } from '../api/backoff.js';
import { CompositeCollections } from '../api/compositeCollections.js';
import type { TextOrgApi } from '../api/orgApi.js';
import type { RunJournal } from '../journal/runStore.js';
import { BatchWriter } from '../load/batchWriter.js';
import type { RecordWriter } from '../load/writeTypes.js';
import { BulkWriter } from '../load/bulkWriter.js';
import { DryRunWriter } from '../load/dryRunWriter.js';
import { targetNameOf, type EngineEvent, type EngineRun, type RunConfig, type RunServices, type SharedRunState } from '../load/engineRun.js';
import { ParentArrivals } from '../load/parentArrivals.js';
import { IdMap } from '../util/idMap.js';
import { NO_HISTORY } from '../util/historyLookup.js';
import { isInsertOnly, renamedObjects } from '../template/syncTemplate.js';
import type { ObjectSyncSpec } from '../transform/recordTransformer.js';
import { ReferenceResolver } from '../transform/referenceResolver.js';
import { chainLengths } from './criticalPath.js';
import { matchKeysByObject, scheduleDependencies } from './objectSpecs.js';
import { RecordCounts } from '../load/recordCounts.js';
import { HELD_PAGES_IN_RUN, PAGE_SIZE, runKnobs } from './runKnobs.js';
import { BULK_BATCH_SIZE } from '../load/writeBatches.js';
import type { SyncRunInput } from './syncRunTypes.js';

/**
 * Builds one run of the engine from the command's input: its configuration (plain data), its services (orgs,
 * writers, journal, resolver, counts) and the state its objects share, with `emit` fixed from the start.
 * `specs` are the objects this attempt runs (a retry's subset); the template's objects are all known.
 */
export function buildEngineRun(input: SyncRunInput, journal: RunJournal, specs: readonly ObjectSyncSpec[], emit: (event: EngineEvent) => void): EngineRun {
  const knobs = runKnobs(input.concurrency, input.template.options.batchSize);
  const config: RunConfig = Object.freeze({
    templateObjects: new Set(input.specs.map((spec) => spec.object.name)),
    // Lookups to an insert-only object resolve only to records this run inserted, never through history.
    insertOnlyObjects: new Set(input.template.objects.filter(isInsertOnly).map((object) => object.name)),
    targetNames: renamedObjects(input.template.objects),
    targetUserId: input.targetUserId,
    batchSize: knobs.batchSize,
    pageSize: PAGE_SIZE,
    maxInflightBatches: knobs.maxInflightBatches,
    bulk: input.dryRun || !input.target.requestText ? undefined : { threshold: input.template.options.bulkThreshold, batchSize: BULK_BATCH_SIZE },
    bulkReadThreshold: input.template.options.bulkThreshold,
  });
  const writer = restWriter(input, journal, knobs.queuedBatches, knobs.requestsPerOrg);
  const keysOf = matchKeysByObject(input.template, input.plan);
  const history = input.history ?? NO_HISTORY;
  // Records looked up outside the run by a transformed key (masked, mapped) are found by that key as written.
  const transforms = new Map(input.specs.flatMap((spec) => (spec.transform ? [[spec.object.name, spec.transform] as const] : [])));
  const services: RunServices = Object.freeze({
    source: input.source,
    target: input.target,
    writer,
    bulkWriter: config.bulk ? new BulkWriter({ api: input.target as TextOrgApi, journal: journal.events, fallback: writer }) : undefined,
    journal: journal.events,
    resolver: new ReferenceResolver(
      input.source,
      input.target,
      keysOf,
      { lookup: history, appliesTo: (object) => !config.insertOnlyObjects.has(object) },
      {
        targetName: (object) => targetNameOf(config, object),
        sourceFields: (object) => transforms.get(object)?.sourceFields ?? [],
        transformed: (object, row) => transforms.get(object)?.apply(row).row,
      }
    ),
    keysOf,
    history,
    objectOfId: (id: string) => input.sourceKeyPrefixes.get(id.slice(0, 3)),
    counts: input.counts ?? RecordCounts.start(input.specs, input.source, input.target),
    bulkReads: new Map(),
  });
  return Object.freeze({ config, services, state: sharedState(input, specs, knobs), emit });
}

/** The id map (with what a continued run already holds), deferred lookups, held rows and records in flight. */
function sharedState(input: SyncRunInput, specs: readonly ObjectSyncSpec[], knobs: ReturnType<typeof runKnobs>): SharedRunState {
  const idMap = new IdMap();
  const claimedTargets = input.continueRun ? new IdMap() : undefined;
  for (const [sourceId, targetId] of input.continueRun?.scope.known ?? []) {
    idMap.set(sourceId, targetId);
    claimedTargets?.set(targetId, sourceId);
  }
  // Record-level pipelining: every object starts at once and each record waits for its own parents only.
  // The rows held for parents across objects are bounded (a few pages; each object may still hold one page).
  const arrivals = input.template.options.objectByObject
    ? undefined
    : new ParentArrivals(specs.map((spec) => spec.object.name), idMap, HELD_PAGES_IN_RUN * PAGE_SIZE);
  return {
    idMap,
    claimedTargets,
    deferred: [...(input.continueRun?.scope.deferred ?? [])],
    arrivals,
    inFlight: { rest: { records: 0, max: knobs.maxRestRecordsInFlight }, bulk: { records: 0, max: knobs.maxBulkRecordsInFlight } },
  };
}

/** REST collections through the Composite packer (or, for a dry run, the simulator). */
function restWriter(input: SyncRunInput, journal: RunJournal, queuedBatches: number, requestsPerOrg: number): RecordWriter {
  if (input.dryRun) return new DryRunWriter(input.samples);
  const chains = chainLengths(scheduleDependencies(input.specs));
  return new BatchWriter({
    api: input.target,
    journal: journal.events,
    // Enough batches may wait for the Composite packer to fill its requests; it keeps `requestsPerOrg` out
    // (reads still go first: the org's gate serves them before waiting writes).
    limiter: pLimit(queuedBatches),
    collections: new CompositeCollections(input.target, requestsPerOrg),
    priorityOf: (object) => chains.get(object) ?? 0,
    backoff: input.backoff ?? DEFAULT_BACKOFF,
    onRetry: (info) => input.listener?.({ type: 'retry', ...info }),
  });
}
