/**
 * What deleting one record does to its relatives, as Salesforce documents it (and as each parent's describe
 * `childRelationships` states it, which is what the schema's `parentRelationships` record):
 * - children through a cascade-delete relationship go with it, recursively (Account -> Contacts and
 *   Opportunities, Opportunity -> line items, master-detail children, Tasks through WhatId/WhoId), into the
 *   recycle bin, or for good on a hard delete;
 * - a live child through a restricted-delete relationship (Account -> Cases, Contact -> Cases, required
 *   custom lookups) makes the whole delete fail with DELETE_FAILED: nothing is deleted;
 * - other lookups pointing at a deleted record are cleared.
 * A soft delete files what it did in the recycle bin (root, cascade, cleared lookups) for `undelete`.
 * Children are found through the store's parent indexes, so the cost follows the number of relatives, not
 * the size of the org.
 */
import type { StoredRecord } from '../soql/types.js';
import { dmlErrors, RecordError } from './dmlErrors.js';
import { formatDatetime } from './fieldValues.js';
import type { OrgContext } from './orgContext.js';
import type { ClearedLookup } from './recycleBin.js';
import type { ChildLink } from './schemaIndex.js';

/** Ids to delete, with their object names: the record and its cascade descendants. */
type Doomed = Map<string, string>;

function childrenOf(ctx: OrgContext, link: ChildLink, parentId: string, includeDeleted: boolean): StoredRecord[] {
  const indexed = ctx.store.findChildren(link.childObject, link.field.name, parentId, includeDeleted);
  if (indexed) return indexed;
  // Not indexed (the parent's object is not deletable in itself, yet reached by a cascade): scan.
  return [...ctx.store.scan(link.childObject, includeDeleted)].filter((child) => child[link.field.name] === parentId);
}

function collectCascade(ctx: OrgContext, id: string, objectName: string, hard: boolean): Doomed {
  const doomed: Doomed = new Map([[id, objectName]]);
  const pending = [id];
  while (pending.length > 0) {
    const parentId = pending.pop()!;
    for (const link of ctx.schema.childLinks(doomed.get(parentId)!)) {
      if (!link.relationship.cascadeDelete) continue;
      // A soft delete leaves children already in the recycle bin as they are; a hard delete purges them too.
      for (const child of childrenOf(ctx, link, parentId, hard)) {
        if (doomed.has(child.Id)) continue;
        doomed.set(child.Id, link.childObject);
        pending.push(child.Id);
      }
    }
  }
  return doomed;
}

function displayName(ctx: OrgContext, objectName: string, record: StoredRecord): string {
  const nameField = ctx.schema.object(objectName)?.nameField;
  const name = nameField ? record[nameField.name] : undefined;
  return typeof name === 'string' || typeof name === 'number' ? String(name) : record.Id;
}

/** Fails on the first doomed record that live children outside the cascade hold through a restricted relationship. */
function checkRestrictions(ctx: OrgContext, doomed: Doomed): void {
  for (const [id, objectName] of doomed) {
    for (const link of ctx.schema.childLinks(objectName)) {
      if (!link.relationship.restrictedDelete || link.relationship.cascadeDelete) continue;
      const blocking = childrenOf(ctx, link, id, false).filter((child) => !doomed.has(child.Id));
      if (blocking.length === 0) continue;
      const record = ctx.store.get(id)!.record;
      const childLabel = ctx.schema.object(link.childObject)?.def.header.labelPlural ?? link.childObject;
      throw new RecordError([
        dmlErrors.deleteRestricted(
          displayName(ctx, objectName, record),
          childLabel,
          blocking.map((child) => displayName(ctx, link.childObject, child))
        ),
      ]);
    }
  }
}

/**
 * Nulls lookups that live records outside the cascade hold to doomed ones. Clearing is a system write: it
 * moves SystemModstamp, not LastModifiedDate (whether Salesforce also moves LastModifiedDate is unconfirmed).
 */
function clearLookups(ctx: OrgContext, doomed: Doomed, stamp: string): ClearedLookup[] {
  const cleared: ClearedLookup[] = [];
  for (const [id, objectName] of doomed) {
    for (const link of ctx.schema.childLinks(objectName)) {
      if (link.relationship.cascadeDelete || link.relationship.restrictedDelete) continue;
      for (const child of childrenOf(ctx, link, id, false)) {
        if (doomed.has(child.Id)) continue;
        ctx.store.update(link.childObject, child.Id, { [link.field.name]: null, ...systemStamp(ctx, link.childObject, stamp) });
        cleared.push({ objectName: link.childObject, recordId: child.Id, field: link.field.name, targetId: id });
      }
    }
  }
  return cleared;
}

/** `{ SystemModstamp: stamp }` for objects that have the field (every standard data object does). */
export function systemStamp(ctx: OrgContext, objectName: string, stamp: string): Record<string, string> {
  return ctx.schema.field(objectName, 'SystemModstamp') ? { SystemModstamp: stamp } : {};
}

/** Deletes one record (already validated: live unless `hard`) with its cascade; throws RecordError when restricted. */
export function deleteWithCascade(ctx: OrgContext, id: string, objectName: string, hard: boolean): void {
  const doomed = collectCascade(ctx, id, objectName, hard);
  checkRestrictions(ctx, doomed);
  const now = ctx.now();
  const stamp = formatDatetime(now);
  const clearedLookups = clearLookups(ctx, doomed, stamp);
  for (const [doomedId, doomedObject] of doomed) {
    if (hard) ctx.store.purge(doomedObject, doomedId);
    else ctx.store.update(doomedObject, doomedId, { IsDeleted: true, ...systemStamp(ctx, doomedObject, stamp) });
  }
  if (hard) {
    // A hard delete of records already in the bin takes their bin entries with them.
    for (const doomedId of doomed.keys()) if (ctx.recycleBin.entryOf(doomedId)) ctx.recycleBin.remove(doomedId);
    return;
  }
  const members = [...doomed].map(([memberId, memberObject]) => ({ id: memberId, objectName: memberObject }));
  ctx.recycleBin.add({ rootId: id, deletedAt: now.getTime(), members, clearedLookups });
}
