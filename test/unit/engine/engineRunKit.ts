import { NO_HISTORY } from '../../../src/lib/util/historyLookup.js';
import type { EngineRun, RunConfig, RunServices } from '../../../src/lib/load/engineRun.js';
import type { ParentArrivals } from '../../../src/lib/load/parentArrivals.js';
import { IdMap } from '../../../src/lib/util/idMap.js';
import { ReferenceResolver } from '../../../src/lib/transform/referenceResolver.js';
import type { ObjectSyncSpec } from '../../../src/lib/transform/recordTransformer.js';
import { describe, field, lookup } from './describeKit.js';

/**
 * An object keyed by Name whose source and target describes are alike; with `selfReference`, a ParentId that
 * points to the object itself (loaded level by level).
 */
export function nameKeyedSpec(name: string, selfReference = false): ObjectSyncSpec {
  const described = describe(name, [field('Name', { nameField: true }), ...(selfReference ? [lookup('ParentId', [name])] : [])]);
  return {
    object: {
      name,
      fields: selfReference ? ['Name', 'ParentId'] : ['Name'],
      requestedFields: null,
      excludeFields: [],
      matchBy: { source: ['Name'], target: ['Name'] },
      history: false,
      insert: true,
      update: true,
    },
    source: described,
    target: described,
    fields: described.fields.filter((candidate) => candidate.name !== 'Id'),
    deferredLookups: new Set(),
    selfReferences: new Set(selfReference ? ['ParentId'] : []),
  };
}

/** What an engine test sets; everything else is a quiet default. */
export type EngineParts = Pick<RunServices, 'source' | 'target' | 'writer' | 'counts'> &
  Partial<Pick<RunServices, 'objectOfId' | 'keysOf'> & Pick<RunConfig, 'templateObjects' | 'insertOnlyObjects' | 'batchSize' | 'pageSize'>> & {
    /** The run's bound on REST records in flight across objects. */
    maxRestRecords?: number;
    /** Record-level pipelining: the run's arrivals, made over its id map. */
    arrivals?: (idMap: IdMap) => ParentArrivals;
    emit?: EngineRun['emit'];
  };

/** One run of the engine for tests: the orgs, writer and counts given, every other part a quiet default. */
export function engineRun(parts: EngineParts): EngineRun {
  const idMap = new IdMap();
  // By default the template objects without a key are insert-only (the kit's runs have no history).
  const keysOf = parts.keysOf ?? ((): [] => []);
  const templateObjects = parts.templateObjects ?? new Set<string>();
  return {
    config: {
      templateObjects,
      insertOnlyObjects: parts.insertOnlyObjects ?? new Set([...templateObjects].filter((object) => keysOf(object).length === 0)),
      targetNames: new Map(),
      targetUserId: '005000000000001AAA',
      batchSize: parts.batchSize ?? 200,
      pageSize: parts.pageSize ?? 2000,
      maxInflightBatches: 50,
    },
    services: {
      source: parts.source,
      target: parts.target,
      writer: parts.writer,
      journal: { append: () => {} },
      resolver: new ReferenceResolver(parts.source, parts.target, () => []),
      keysOf,
      history: NO_HISTORY,
      objectOfId: parts.objectOfId ?? ((): undefined => undefined),
      counts: parts.counts,
      bulkReads: new Map(),
    },
    state: {
      idMap,
      deferred: [],
      arrivals: parts.arrivals?.(idMap),
      inFlight: { rest: { records: 0, max: parts.maxRestRecords ?? 10_000 }, bulk: { records: 0, max: 20_000 } },
    },
    emit: parts.emit ?? ((): void => {}),
  };
}
