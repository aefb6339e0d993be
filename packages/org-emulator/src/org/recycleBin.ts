/**
 * The org's Recycle Bin: what a soft delete must remember so that `undelete` can put it back as Salesforce
 * documents it. The deleted rows themselves stay in the store with `IsDeleted = true` (queryAll reads them
 * there); the bin adds, per delete, its root record, the records its cascade took along, and the lookups it
 * cleared on other records. Entries are kept in deletion order, so expiring the oldest (15 days, Salesforce
 * Help "Recycle Bin") stops at the first one still young enough.
 */
import type { Journal } from './journal.js';

/** A lookup field a delete nulled on a record outside its cascade; restored on undelete unless re-pointed. */
export type ClearedLookup = { objectName: string; recordId: string; field: string; targetId: string };

/** One delete call's unit: the record named in the call, its cascade, and the lookups it cleared. */
export type BinEntry = {
  rootId: string;
  deletedAt: number;
  /** Every record deleted with the root, the root first, with its object name. */
  members: Array<{ id: string; objectName: string }>;
  clearedLookups: ClearedLookup[];
};

/** Salesforce Help "Recycle Bin": deleted records stay 15 days, then they are purged for good. */
export const RECYCLE_BIN_RETENTION_MS = 15 * 24 * 60 * 60 * 1000;

export class RecycleBin {
  /** Entries by root id, in deletion order. */
  private readonly entries = new Map<string, BinEntry>();
  /** Root id by member id (the root maps to itself). */
  private readonly rootOf = new Map<string, string>();
  /** Per object, when a record of it was last purged (getDeleted's `earliestDateAvailable`). */
  private readonly lastPurgeAt = new Map<string, number>();

  public constructor(private readonly journal: Journal) {}

  /** Files a delete; journaled so that an all-or-none rollback takes it out again. */
  public add(entry: BinEntry): void {
    this.put(entry);
    this.journal.record(() => this.forget(entry.rootId));
  }

  /** The entry a record is the root of, or undefined (not in the bin, or only there as a cascade member). */
  public entryOf(rootId: string): BinEntry | undefined {
    return this.entries.get(rootId);
  }

  /** The root id of the delete that took this record, or undefined when it is not in the bin. */
  public rootIdOf(id: string): string | undefined {
    return this.rootOf.get(id);
  }

  /** Takes an entry out (undelete, purge); journaled so that an all-or-none rollback puts it back. */
  public remove(rootId: string): BinEntry | undefined {
    const entry = this.entries.get(rootId);
    if (!entry) return undefined;
    this.forget(rootId);
    // An undo must not journal itself (the rollback would never end), hence put, not add.
    this.journal.record(() => this.put(entry));
    return entry;
  }

  /** Entries deleted before `cutoff` (ms), oldest first. */
  public expiredBefore(cutoff: number): BinEntry[] {
    const expired: BinEntry[] = [];
    for (const entry of this.entries.values()) {
      if (entry.deletedAt >= cutoff) break;
      expired.push(entry);
    }
    return expired;
  }

  public all(): BinEntry[] {
    return [...this.entries.values()];
  }

  public notePurged(objectName: string, at: number): void {
    this.lastPurgeAt.set(objectName, Math.max(at, this.lastPurgeAt.get(objectName) ?? 0));
  }

  public lastPurgeOf(objectName: string): number | undefined {
    return this.lastPurgeAt.get(objectName);
  }

  public clear(): void {
    this.entries.clear();
    this.rootOf.clear();
    this.lastPurgeAt.clear();
  }

  private put(entry: BinEntry): void {
    this.entries.set(entry.rootId, entry);
    for (const member of entry.members) this.rootOf.set(member.id, entry.rootId);
  }

  private forget(rootId: string): void {
    const entry = this.entries.get(rootId);
    if (!entry) return;
    this.entries.delete(rootId);
    for (const member of entry.members) if (this.rootOf.get(member.id) === rootId) this.rootOf.delete(member.id);
  }
}
