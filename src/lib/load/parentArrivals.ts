import type { IdMap } from '../util/idMap.js';
import { shortId } from '../util/shortId.js';

type Waiter = { object: string; arrived: () => void };

/**
 * Which parent records of the run are in the target yet, for children of other objects that wait for them
 * (record-level pipelining: Contacts go as soon as their Account is in, not once every Account is).
 *
 * A parent record is final once it is in the id map (inserted, updated or matched) or once its object is
 * finished: a record that its object did not bring by then (filtered out of its query, or failed) never will,
 * and the child resolves it as it always did (by match key in the target, else it fails). Objects outside
 * the run, or the run's objects already finished, are never waited for. If an object fails, every waiting
 * child is woken with that failure (`abort`): nothing waits for a parent that will not come.
 */
export class ParentArrivals {
  private readonly unfinished: Set<string>;
  /** 15-character parent id -> the children waiting for it. */
  private readonly waiting = new Map<string, Waiter[]>();
  private failure: { reason: unknown } | undefined;
  private readonly onAbort = new Set<(reason: unknown) => void>();
  /** Rows the objects hold for parents (waiting, or released and not handled yet), across the run. */
  private heldRows = 0;
  private readonly onRoom = new Set<() => void>();
  /** Objects whose whole source is read, and the ids they brought (see readAll). */
  private readonly readIds = new Map<string, ReadonlySet<string>>();

  public constructor(
    objects: Iterable<string>,
    private readonly idMap: IdMap,
    /** How many rows the run may hold for parents before objects that wait for parents stop reading. */
    public readonly maxHeldRows = Number.POSITIVE_INFINITY
  ) {
    this.unfinished = new Set(objects);
  }

  /** Is there room to hold more rows for parents (see maxHeldRows)? */
  public get hasRoom(): boolean {
    return this.heldRows < this.maxHeldRows;
  }

  /** Is `object` one of the run's objects that are still syncing? */
  public isUnfinished(object: string): boolean {
    return this.unfinished.has(object);
  }

  /** Rows were held (positive) or handled (negative). */
  public countHeld(rows: number): void {
    this.heldRows += rows;
    if (rows < 0 && this.hasRoom) this.wakeRoomWaiters();
  }

  /** Resolves once there is room for held rows or an object finished (either may let the caller read on). */
  public room(): Promise<void> {
    if (this.hasRoom) return Promise.resolve();
    return new Promise((resolve) => this.onRoom.add(resolve));
  }

  private wakeRoomWaiters(): void {
    const waiters = [...this.onRoom];
    this.onRoom.clear();
    for (const wake of waiters) wake();
  }

  /** The run's failure, once an object failed: children stop instead of waiting. */
  public get aborted(): { reason: unknown } | undefined {
    return this.failure;
  }

  /** Must a child wait for this record of `object` before it can be written? */
  public isPending(parentId: string, object: string): boolean {
    if (!this.unfinished.has(object) || this.idMap.has(parentId)) return false;
    const read = this.readIds.get(object);
    return !read || read.has(shortId(parentId));
  }

  /**
   * Every record `object` will bring is known (its whole source is read: a delta's few records), by 15-character
   * id: children waiting for any other record of it go on now instead of when the object finishes, and find
   * that parent in the target as they would then (it did not change since the last sync).
   */
  public readAll(object: string, ids: ReadonlySet<string>): void {
    this.readIds.set(object, ids);
    this.release((key, waiter) => waiter.object === object && !ids.has(key));
  }

  /**
   * Calls `arrived` once the record is final. Only for a record `isPending` has just answered true of (the
   * caller asks first, to know whether a row waits at all): not asked twice, as a page asks it of every parent.
   */
  public wait(parentId: string, object: string, arrived: () => void): void {
    const key = shortId(parentId);
    const list = this.waiting.get(key);
    if (list) list.push({ object, arrived });
    else this.waiting.set(key, [{ object, arrived }]);
  }

  /** A record is in the target now (its id is in the id map): its waiting children go on. */
  public arrivedRecord(sourceId: string): void {
    const key = shortId(sourceId);
    const list = this.waiting.get(key);
    if (!list) return;
    this.waiting.delete(key);
    for (const waiter of list) waiter.arrived();
  }

  /** Every record of `object` is final: the children still waiting for one of them go on. */
  public finished(object: string): void {
    this.unfinished.delete(object);
    this.readIds.delete(object);
    this.wakeRoomWaiters();
    this.release((_key, waiter) => waiter.object === object);
  }

  /** Wakes the waiters that `done` says are waiting no more. */
  private release(done: (key: string, waiter: Waiter) => boolean): void {
    for (const [key, list] of this.waiting) {
      const released = list.filter((waiter) => done(key, waiter));
      if (released.length === 0) continue;
      const rest = list.filter((waiter) => !done(key, waiter));
      if (rest.length > 0) this.waiting.set(key, rest);
      else this.waiting.delete(key);
      for (const waiter of released) waiter.arrived();
    }
  }

  /** An object failed: the children that wait (or would) stop with its failure. */
  public abort(reason: unknown): void {
    if (this.failure) return;
    this.failure = { reason };
    for (const listener of [...this.onAbort]) listener(reason);
    // Readers waiting for room go on and meet the failure where they wait next.
    this.wakeRoomWaiters();
  }

  /** Called once, on the run's first failure (at once if it happened already); answers an unsubscribe. */
  public onAborted(listener: (reason: unknown) => void): () => void {
    if (this.failure) {
      listener(this.failure.reason);
      return () => {};
    }
    this.onAbort.add(listener);
    return () => this.onAbort.delete(listener);
  }
}
