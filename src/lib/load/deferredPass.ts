import { sameValue } from '../scan/valueCompare.js';
import type { WriteItem } from './batchWriter.js';
import type { DeferredLookup, SyncContext } from './syncContext.js';

export type DeferredPassResult = { updated: number; failed: number; unresolved: number };

/**
 * The update pass: fills the lookups that were deferred to break cycles, once their parents have target ids.
 * One update per record (all its deferred fields together), only where the value differs from what the
 * target holds, so a re-run sends nothing. `objects`: only the lookups of these objects (a pass that runs as
 * soon as they and their parents are synced, while the rest of the run goes on); the lookups it takes are
 * taken out of the run's list, so a later pass does not send them again.
 */
export async function runDeferredPass(context: SyncContext, objects?: ReadonlySet<string>): Promise<DeferredPassResult> {
  const result: DeferredPassResult = { updated: 0, failed: 0, unresolved: 0 };
  const taken = objects ? context.deferred.filter((lookup) => objects.has(lookup.object)) : context.deferred;
  context.deferred = objects ? context.deferred.filter((lookup) => !objects.has(lookup.object)) : [];
  await resolveUnmappedParents(context, taken);
  const byObject = new Map<string, Map<string, WriteItem>>();
  for (const lookup of taken) {
    const parentTargetId = context.idMap.get(lookup.sourceParentId) ?? context.resolver.cached(lookup.sourceParentId) ?? undefined;
    if (parentTargetId === undefined) {
      result.unresolved++;
      context.onNote(lookup.object, `${lookup.field} of ${lookup.sourceId} stays empty: its parent ${lookup.sourceParentId} is not in the target`);
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
    for (let start = 0; start < all.length; start += context.batchSize) {
      const batch = all.slice(start, start + context.batchSize);
      sends.push(
        context.writer.write({ object, operation: 'deferred', items: batch }).then((outcomes) => {
          for (const outcome of outcomes) {
            result[outcome.ok ? 'updated' : 'failed']++;
            if (!outcome.ok) context.onFailure(object, outcome.error?.statusCode ?? 'UNKNOWN_EXCEPTION');
          }
        })
      );
    }
  }
  await Promise.all(sends);
  return result;
}

/** Parents the run did not bring (filtered out of the source): looked up by match key, all at once per object. */
async function resolveUnmappedParents(context: SyncContext, lookups: readonly DeferredLookup[]): Promise<void> {
  const byObject = new Map<string, Set<string>>();
  for (const lookup of lookups) {
    if (context.idMap.has(lookup.sourceParentId)) continue;
    const object = context.objectOfId(lookup.sourceParentId);
    if (!object || context.keysOf(object).length === 0) continue;
    if (!byObject.has(object)) byObject.set(object, new Set());
    byObject.get(object)!.add(lookup.sourceParentId);
  }
  for (const [object, ids] of byObject) {
     
    await context.resolver.resolve(object, ids);
  }
}
