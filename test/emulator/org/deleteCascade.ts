/**
 * What deleting records does to their relatives: master-detail children go with their master (to the
 * recycle bin, or for good on a hard delete), and lookups pointing at a deleted record are cleared.
 * Works on a whole set of ids at once so a batch costs one scan per child relationship, not one per record.
 */
import { formatDatetime } from './fieldValues.js';
import type { OrgContext } from './orgContext.js';

function isMasterDetail(field: { cascadeDelete: boolean; relationshipOrder: number | null }): boolean {
  return field.cascadeDelete || field.relationshipOrder !== null;
}

/** Deletes `ids` (already validated, all live unless hard) and their master-detail descendants. */
export function deleteWithCascade(ctx: OrgContext, ids: string[], hard: boolean): number {
  const stamp = formatDatetime(ctx.now());
  let level = new Set(ids);
  let deleted = 0;
  const seen = new Set<string>();
  while (level.size > 0) {
    const parentObjects = new Set<string>();
    for (const id of level) {
      const found = ctx.store.get(id);
      if (!found || seen.has(id)) continue;
      seen.add(id);
      parentObjects.add(found.objectName);
      if (hard) ctx.store.purge(found.objectName, id);
      else ctx.store.update(found.objectName, id, { IsDeleted: true, SystemModstamp: stamp });
      deleted++;
    }
    const next = new Set<string>();
    for (const objectName of parentObjects) {
      for (const { childObject, field } of ctx.schema.childLinks(objectName)) {
        for (const child of ctx.store.scan(childObject, false)) {
          const parentId = child[field.name];
          if (typeof parentId !== 'string' || !level.has(parentId)) continue;
          if (isMasterDetail(field)) next.add(child.Id);
          else ctx.store.update(childObject, child.Id, { [field.name]: null });
        }
      }
    }
    level = next;
  }
  return deleted;
}
