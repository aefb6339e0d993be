import type { SyncContext } from '../../../src/lib/load/syncContext.js';
import { IdMap } from '../../../src/lib/transform/idMap.js';
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

/** A run's context for engine tests: the orgs, writer and counts given, every other part a quiet default. */
export function engineContext(parts: Pick<SyncContext, 'source' | 'target' | 'writer' | 'counts'> & Partial<SyncContext>): SyncContext {
  return {
    journal: { append: () => {} },
    idMap: new IdMap(),
    resolver: new ReferenceResolver(parts.source, parts.target, () => []),
    keysOf: () => [],
    objectOfId: () => undefined,
    templateObjects: new Set(),
    targetUserId: '005000000000001AAA',
    batchSize: 200,
    pageSize: 2000,
    maxInflightBatches: 50,
    unwritten: { records: 0, max: 10_000 },
    deferred: [],
    onProgress: () => {},
    onNote: () => {},
    onFailure: () => {},
    ...parts,
  };
}
