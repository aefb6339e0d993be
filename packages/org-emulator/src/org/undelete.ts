/**
 * Undelete and the recycle bin's purges, as the SOAP `undelete()` docs and Salesforce Help describe them:
 * - undeleting a record restores it (IsDeleted = false, SystemModstamp moved) with the records its delete
 *   cascaded to, and puts back the lookups that delete cleared on other records unless they were re-pointed
 *   since (or the record holding them is itself deleted);
 * - a record deleted only as part of another's cascade cannot be undeleted on its own, and neither can a live,
 *   purged or unknown id: UNDELETE_FAILED `Entity is not in the recycle bin` (Help 000386040 for purged
 *   records; the other cases' code is unconfirmed);
 * - an object whose describe says `undeletable: false` refuses;
 * - the bin keeps records 15 days: older ones are purged for good (lazily, when the org next answers a call).
 */
import { dmlErrors, RecordError } from './dmlErrors.js';
import type { DmlError } from './dmlTypes.js';
import { formatDatetime } from './fieldValues.js';
import { systemStamp } from './deleteCascade.js';
import { normalizeId } from './ids.js';
import type { OrgContext } from './orgContext.js';
import { type BinEntry, RECYCLE_BIN_RETENTION_MS } from './recycleBin.js';

const notInRecycleBin = (): DmlError => ({ statusCode: 'UNDELETE_FAILED', message: 'Entity is not in the recycle bin', fields: [] });

/** Undeletes one record named in an undelete call (with its cascade); throws RecordError when it cannot. */
export function undeleteWithCascade(ctx: OrgContext, value: string): string {
  const id = normalizeId(value);
  if (!id) throw new RecordError([dmlErrors.malformedId(value)]);
  const found = ctx.store.get(id);
  if (!found?.record.IsDeleted) throw new RecordError([notInRecycleBin()]);
  const header = ctx.schema.object(found.objectName)!.def.header;
  if (!header.undeletable) throw new RecordError([dmlErrors.insufficientAccess()]);
  const entry = ctx.recycleBin.entryOf(id);
  // In the bin only as part of another record's delete (a Contact that went with its Account).
  if (!entry) throw new RecordError([notInRecycleBin()]);
  restore(ctx, entry);
  return id;
}

function restore(ctx: OrgContext, entry: BinEntry): void {
  const stamp = formatDatetime(ctx.now());
  ctx.recycleBin.remove(entry.rootId);
  for (const member of entry.members) {
    ctx.store.update(member.objectName, member.id, { IsDeleted: false, ...systemStamp(ctx, member.objectName, stamp) });
  }
  for (const lookup of entry.clearedLookups) {
    const holder = ctx.store.get(lookup.recordId)?.record;
    // Re-pointed since (a value, even another record) or deleted meanwhile: left as it is.
    if (!holder || holder.IsDeleted || holder[lookup.field] !== undefined) continue;
    ctx.store.update(lookup.objectName, lookup.recordId, { [lookup.field]: lookup.targetId, ...systemStamp(ctx, lookup.objectName, stamp) });
  }
}

/** Removes a bin entry and its records for good, noting when (getDeleted's `earliestDateAvailable`). */
export function purgeEntry(ctx: OrgContext, entry: BinEntry, at: number): void {
  ctx.recycleBin.remove(entry.rootId);
  for (const member of entry.members) {
    ctx.store.purge(member.objectName, member.id);
    ctx.recycleBin.notePurged(member.objectName, at);
  }
}

/** Purges what has been in the bin longer than 15 days; answers how many deletes were purged. */
export function purgeExpired(ctx: OrgContext): number {
  const now = ctx.now().getTime();
  const expired = ctx.recycleBin.expiredBefore(now - RECYCLE_BIN_RETENTION_MS);
  for (const entry of expired) purgeEntry(ctx, entry, now);
  return expired.length;
}

/**
 * Empties the bin: of everything, or of the deletes the given ids belong to (a cascade member takes its whole
 * delete with it, since it could never come back without its root). Answers the ids of the records purged.
 */
export function emptyRecycleBin(ctx: OrgContext, ids?: string[]): string[] {
  const now = ctx.now().getTime();
  const entries = ids === undefined ? ctx.recycleBin.all() : entriesOf(ctx, ids);
  for (const entry of entries) purgeEntry(ctx, entry, now);
  return entries.flatMap((entry) => entry.members.map((member) => member.id));
}

function entriesOf(ctx: OrgContext, ids: string[]): BinEntry[] {
  const entries = new Map<string, BinEntry>();
  for (const value of ids) {
    const id = normalizeId(value);
    const rootId = id === undefined ? undefined : ctx.recycleBin.rootIdOf(id);
    const entry = rootId === undefined ? undefined : ctx.recycleBin.entryOf(rootId);
    if (entry) entries.set(entry.rootId, entry);
  }
  return [...entries.values()];
}
