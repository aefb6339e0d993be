import { IdMap } from '../util/idMap.js';
import { shortId } from '../util/shortId.js';

/**
 * Source id -> target id over every earlier run between two orgs (and imported maps): the target record a
 * source record was synced to before. Backed by the packed IdMap (about 28 bytes an entry, off the heap),
 * which only grows; mappings to records a rollback deleted, rare, are a set of ids laid over it. Mappings
 * are added in time order, so the latest word on a record wins; deleted records are dropped once all are in.
 */
export class HistoryMap {
  private readonly ids = new IdMap();
  /** Source ids (15 characters) whose target record was deleted; always ids that `ids` holds. */
  private readonly removed = new Set<string>();

  /** Makes room for this many mappings, before they are added (see PackedIdTable.reserve). */
  public reserve(entries: number): void {
    this.ids.reserve(entries);
  }

  /** `sourceId`: 15 characters; `targetId`: 18. */
  public add(sourceId: string, targetId: string): void {
    this.ids.set(sourceId, targetId);
    this.removed.delete(sourceId);
  }

  /** Drops the mapping of `sourceId` (15 characters) if it is to `targetId`, a record since deleted. */
  public dropDeleted(sourceId: string, targetId: string): void {
    if (this.ids.get(sourceId) === targetId) this.removed.add(sourceId);
  }

  /** The 18-character id of the target record that `sourceId` (15 or 18 characters) was synced to, if any. */
  public get(sourceId: string): string | undefined {
    const id = shortId(sourceId);
    return this.removed.has(id) ? undefined : this.ids.get(id);
  }

  public has(sourceId: string): boolean {
    const id = shortId(sourceId);
    return !this.removed.has(id) && this.ids.has(id);
  }

  /** Source records that have a target record. */
  public get size(): number {
    return this.ids.size - this.removed.size;
  }
}
