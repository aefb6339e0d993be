import { sameValue } from '../scan/valueCompare.js';
import type { WriteItem } from './writeTypes.js';
import { sobjectOf, type DeferredLookup, type EngineRun } from './engineRun.js';

export type DeferredPassResult = { updated: number; failed: number; unresolved: number };

/**
 * The update pass: fills the lookups that were deferred to break cycles, once their parents have target ids.
 * One update per record (all its deferred fields together), only where the value differs from what the
 * target holds, so a re-run sends nothing. `objects`: only the lookups of these objects (a pass that runs as
 * soon as they and their parents are synced, while the rest of the run goes on); the lookups it takes are
 * taken out of the run's list, so a later pass does not send them again.
 */
export async function runDeferredPass(run: EngineRun, objects?: ReadonlySet<string>): Promise<DeferredPassResult> {
  const result: DeferredPassResult = { updated: 0, failed: 0, unresolved: 0 };
  const { state, services } = run;
  const taken = objects ? state.deferred.filter((lookup) => objects.has(lookup.object)) : state.deferred;
  state.deferred = objects ? state.deferred.filter((lookup) => !objects.has(lookup.object)) : [];
  await resolveUnmappedParents(run, taken);
  const byObject = new Map<string, Map<string, WriteItem>>();
  for (const lookup of taken) {
    const parentTargetId = state.idMap.get(lookup.sourceParentId) ?? services.resolver.cached(lookup.sourceParentId) ?? undefined;
    if (parentTargetId === undefined) {
      result.unresolved++;
      run.emit({ type: 'note', object: lookup.object, note: `${lookup.field} of ${lookup.sourceId} stays empty: its parent ${lookup.sourceParentId} is not in the target` });
      continue;
    }
    if (sameValue('reference', parentTargetId, lookup.current)) continue;
    const items = byObject.get(lookup.object) ?? new Map<string, WriteItem>();
    byObject.set(lookup.object, items);
    const item = items.get(lookup.targetId) ?? { sourceId: lookup.sourceId, targetId: lookup.targetId, values: {}, before: {} };
    item.values[lookup.field] = parentTargetId;
    item.before![lookup.field] = lookup.current;
    items.set(lookup.targetId, item);
  }
  const sends: Array<Promise<void>> = [];
  for (const [object, items] of byObject) {
    const all = [...items.values()];
    for (let start = 0; start < all.length; start += run.config.batchSize) {
      const batch = all.slice(start, start + run.config.batchSize);
      sends.push(
        services.writer.write({ object, ...sobjectOf(run.config, object), operation: 'deferred', items: batch }).then((outcomes) => {
          for (const outcome of outcomes) {
            result[outcome.ok ? 'updated' : 'failed']++;
            if (!outcome.ok) run.emit({ type: 'failure', object, code: outcome.error?.statusCode ?? 'UNKNOWN_EXCEPTION' });
          }
        })
      );
    }
  }
  await Promise.all(sends);
  return result;
}

/** Parents the run did not bring (filtered out of the source): looked up by match key, all at once per object. */
async function resolveUnmappedParents(run: EngineRun, lookups: readonly DeferredLookup[]): Promise<void> {
  const { services } = run;
  const byObject = new Map<string, Set<string>>();
  for (const lookup of lookups) {
    if (run.state.idMap.has(lookup.sourceParentId)) continue;
    const object = services.objectOfId(lookup.sourceParentId);
    if (!object || !services.resolver.canResolve(object)) continue;
    if (!byObject.has(object)) byObject.set(object, new Set());
    byObject.get(object)!.add(lookup.sourceParentId);
  }
  // Objects side by side: their reads share a round trip and Composite calls.
  await Promise.all([...byObject].map(([object, ids]) => services.resolver.resolve(object, ids)));
}
