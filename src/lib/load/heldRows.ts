import type { SObjectRow } from '../api/queryPages.js';
import type { DescribeField } from '../schema/describeTypes.js';
import { parentLookups, parentObjectOf, type ObjectSyncSpec } from '../transform/recordTransformer.js';
import type { ParentArrivals } from './parentArrivals.js';

/**
 * Source rows of one object that wait for parent records of other objects still being synced (see
 * ParentArrivals). A row is held, as read, until every such parent is final, then released to be matched and
 * written like any other row: its lookups and its match key (junction keys hold lookups) need the parents'
 * target ids. Deferred lookups and self-references do not hold a row: the update pass and the object's own
 * level-by-level queue take care of them.
 */
export class HeldRows {
  private heldCount = 0;
  private released: SObjectRow[] = [];
  private readonly wakers = new Set<() => void>();
  /** The lookups that hold a row (see parentLookups), and the other objects they point to. */
  private readonly lookups: readonly DescribeField[];
  private readonly parentObjects: string[];

  public constructor(
    private readonly spec: ObjectSyncSpec,
    private readonly arrivals: ParentArrivals,
    /** The object a source id belongs to (by key prefix); undefined when unknown. */
    private readonly objectOfId: (id: string) => string | undefined
  ) {
    this.lookups = parentLookups(spec);
    this.parentObjects = [...new Set(this.lookups.flatMap((field) => field.referenceTo).filter((object) => object !== spec.object.name))];
  }

  /** Rows still waiting for a parent. */
  public get held(): number {
    return this.heldCount;
  }

  /** Rows whose parents are all final, not taken yet. */
  public get ready(): number {
    return this.released.length;
  }

  /** Splits a page: answers the rows that wait for nothing; holds the others until their parents are final. */
  public admit(rows: readonly SObjectRow[]): SObjectRow[] {
    const free: SObjectRow[] = [];
    for (const row of rows) {
      const parents = this.pendingParents(row);
      if (parents.length === 0) {
        free.push(row);
        continue;
      }
      this.heldCount++;
      this.arrivals.countHeld(1);
      let missing = parents.length;
      for (const parent of parents) {
        this.arrivals.wait(parent.id, parent.object, () => {
          if (--missing > 0) return;
          this.heldCount--;
          this.released.push(row);
          this.notify();
        });
      }
    }
    return free;
  }

  /** Up to `max` released rows, in the order they were released. */
  public take(max: number): SObjectRow[] {
    const rows = this.released.splice(0, max);
    this.arrivals.countHeld(-rows.length);
    return rows;
  }

  /** Does this object wait for records of objects still syncing (so that its rows may have to be held)? */
  public get waitsForParents(): boolean {
    return this.parentObjects.some((object) => this.arrivals.isUnfinished(object));
  }

  /** Resolves when a row is released (at once if one is ready, or if nothing is held); rejects if the run aborts. */
  public changed(): Promise<void> {
    if (this.released.length > 0 || this.heldCount === 0) return Promise.resolve();
    const aborted = this.arrivals.aborted;
    if (aborted) return Promise.reject(asError(aborted.reason));
    return new Promise((resolve, reject) => {
      const wake = (): void => {
        unsubscribe();
        resolve();
      };
      const unsubscribe = this.arrivals.onAborted((reason) => {
        this.wakers.delete(wake);
        reject(asError(reason));
      });
      this.wakers.add(wake);
    });
  }

  private notify(): void {
    const wakers = [...this.wakers];
    this.wakers.clear();
    for (const wake of wakers) wake();
  }

  /** The parents of other objects this row waits for (records not in the target yet, of unfinished objects). */
  private pendingParents(row: SObjectRow): Array<{ id: string; object: string }> {
    const parents: Array<{ id: string; object: string }> = [];
    for (const field of this.lookups) {
      const value = row[field.name];
      if (typeof value !== 'string' || value === '') continue;
      const object = parentObjectOf(field, value, this.objectOfId);
      if (object === undefined || object === this.spec.object.name) continue;
      if (this.arrivals.isPending(value, object)) parents.push({ id: value, object });
    }
    return parents;
  }
}

/** The run's failure as thrown (a RunStop stays a RunStop); anything else thrown is wrapped. */
function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
