import { sameValue } from '../scan/valueCompare.js';
import type { WriteItem } from './batchWriter.js';
import type { SyncContext } from './syncContext.js';

export type DeferredPassResult = { updated: number; failed: number; unresolved: number };

/**
 * The update pass after all inserts: fills the lookups that were deferred to break cycles, now that every
 * parent has its target id. One update per record (all its deferred fields together), only where the value
 * differs from what the target holds, so a re-run sends nothing.
 */
export async function runDeferredPass(context: SyncContext): Promise<DeferredPassResult> {
  const result: DeferredPassResult = { updated: 0, failed: 0, unresolved: 0 };
  await resolveUnmappedParents(context);
  const byObject = new Map<string, Map<string, WriteItem>>();
  for (const lookup of context.deferred) {
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
async function resolveUnmappedParents(context: SyncContext): Promise<void> {
  const byObject = new Map<string, Set<string>>();
  for (const lookup of context.deferred) {
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
