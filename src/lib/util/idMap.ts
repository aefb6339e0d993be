import { PackedIdTable } from './packedIdTable.js';
import { shortId } from './shortId.js';

/**
 * Source id -> target id, for every record the run inserted, updated or matched. It is the one structure that
 * grows with the data (a million records, a million entries), so it keys on 15-character ids (the
 * case-sensitive id without its checksum) and keeps ordinary Salesforce ids packed outside the heap (see
 * PackedIdTable); anything else (a dry run's placeholder target ids, ids of another shape in tests) goes to a
 * plain Map, which is consulted first so that a later `set` always wins.
 */
export class IdMap {
  private readonly packed = new PackedIdTable();
  private readonly other = new Map<string, string>();
  /** Keys in both stores (packed first, then set to a value only `other` can hold): counted once. */
  private shadowed = 0;

  /** Makes room for this many entries (see PackedIdTable.reserve). */
  public reserve(entries: number): void {
    this.packed.reserve(entries);
  }

  public set(sourceId: string, targetId: string): void {
    const id = shortId(sourceId);
    if (!this.other.has(id) && PackedIdTable.fits(id, targetId)) {
      this.packed.set(id, targetId);
      return;
    }
    if (!this.other.has(id) && this.packed.get(id) !== undefined) this.shadowed++;
    this.other.set(id, targetId);
  }

  public get(sourceId: string): string | undefined {
    const id = shortId(sourceId);
    return this.other.get(id) ?? this.packed.get(id);
  }

  public has(sourceId: string): boolean {
    const id = shortId(sourceId);
    return this.other.has(id) || this.packed.has(id);
  }

  public get size(): number {
    return this.packed.size + this.other.size - this.shadowed;
  }
}
