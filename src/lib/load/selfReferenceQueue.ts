import type { SObjectRow } from '../api/queryPages.js';
import { type PreparedRecord } from '../transform/recordTransformer.js';
import { shortId } from '../util/shortId.js';
import { PARENT_NOT_SYNCED } from '../util/outcomeCodes.js';

/** How a record's target counterpart was found: through history, by key, or not at all. */
export type MatchedVia = 'history' | 'key' | undefined;

/** A record waiting for its parent: its matches in the target (and how found), and the key fields of its source row. */
export type WaitingRecord = { prepared: PreparedRecord; matches: SObjectRow[] | undefined; via: MatchedVia; keyFields: SObjectRow };

/**
 * Records of a self-referencing object (Account.ParentId) wait here until their parent is in the target, so
 * that hierarchies load level by level: a child is inserted with its parent set, and validation rules that
 * require a parent pass, instead of the insert-empty-then-update that other tools do.
 */
export class SelfReferenceQueue {
  private readonly byParent = new Map<string, WaitingRecord[]>();
  private count = 0;

  public get size(): number {
    return this.count;
  }

  /** Holds a record until every parent it waits for is released. */
  public hold(record: WaitingRecord): void {
    const parent = shortId(record.prepared.waitingFor[0].sourceParentId);
    const list = this.byParent.get(parent);
    if (list) list.push(record);
    else this.byParent.set(parent, [record]);
    this.count++;
  }

  /**
   * The parent is now in the target as `targetId` (or failed, when null): fills the lookups that waited for
   * it and returns the records that wait for nothing else; records still waiting for another parent are
   * held again under it.
   */
  public release(sourceParentId: string, targetId: string | null): WaitingRecord[] {
    const key = shortId(sourceParentId);
    const waiting = this.byParent.get(key);
    if (!waiting) return [];
    this.byParent.delete(key);
    this.count -= waiting.length;
    const ready: WaitingRecord[] = [];
    for (const record of waiting) {
      const { prepared } = record;
      const filled = prepared.waitingFor.filter((lookup) => shortId(lookup.sourceParentId) === key);
      prepared.waitingFor = prepared.waitingFor.filter((lookup) => shortId(lookup.sourceParentId) !== key);
      for (const lookup of filled) prepared.values[lookup.field] = targetId;
      if (targetId === null) {
        prepared.failure = {
          statusCode: PARENT_NOT_SYNCED,
          message: `${filled.map((lookup) => lookup.field).join(', ')} points to ${sourceParentId}, which failed to sync. Fix the parent, then run "sf isync retry".`,
          fields: filled.map((lookup) => lookup.field),
        };
        ready.push(record);
      } else if (prepared.waitingFor.length === 0) ready.push(record);
      else this.hold(record);
    }
    return ready;
  }

  /** The parents (15-character source ids) that records wait for. */
  public parents(): string[] {
    return [...this.byParent.keys()];
  }

  /** Parents that never arrived (filtered out of the source query, or failed earlier), and their records. */
  public drainAll(): Map<string, WaitingRecord[]> {
    const all = new Map(this.byParent);
    this.byParent.clear();
    this.count = 0;
    return all;
  }
}
