import type { SObjectRow } from '../api/queryPages.js';
import type { ObjectSyncSpec } from '../transform/recordTransformer.js';
import { shortId } from '../util/shortId.js';
import type { EngineRun } from './engineRun.js';
import { HeldRows } from './heldRows.js';
import { SelfReferenceQueue, type WaitingRecord } from './selfReferenceQueue.js';

export type WaitingRoomHandlers = {
  /** Matches, decides and writes a page of rows whose parents are in the target. */
  handlePage(rows: SObjectRow[]): Promise<void>;
  /** Starts reading what rows just held will need once released (a delta's: see ObjectSync.readAhead). */
  readAhead(rows: SObjectRow[]): void;
  /** Decides a record whose parent of the same object is now in the target (or failed). */
  decide(waiting: WaitingRecord): void;
  /** Whether matching rows costs a query (so released rows wait to fill a page). */
  matchingCostsQueries(): boolean;
  /** Waits until the object's writes are done (they may release more waiting records). */
  settle(): Promise<void>;
  /** Sends what the decided records left buffered, full batch or not. */
  flush(): void;
};

/**
 * Where one object's records wait for their parents: source rows held until parents of other objects are
 * final (HeldRows, with record-level pipelining), and prepared records waiting for a parent of their own
 * object (SelfReferenceQueue: hierarchies load level by level). Records still waiting once the source is
 * exhausted wait for parents this run did not bring: `drain` finds those in the target by match key, or fails
 * the children of parents that failed.
 */
export class WaitingRoom {
  private readonly queue = new SelfReferenceQueue();
  private readonly failedSources = new Set<string>();
  /** Rows waiting for parent records of other objects still being synced (absent: none can be). */
  private readonly held: HeldRows | undefined;

  public constructor(
    private readonly spec: ObjectSyncSpec,
    private readonly run: EngineRun,
    private readonly handlers: WaitingRoomHandlers
  ) {
    const { arrivals } = run.state;
    this.held = arrivals ? new HeldRows(spec, arrivals, (id) => run.services.objectOfId(id)) : undefined;
  }

  /** Records waiting for a parent of their own object. */
  public get waitingRecords(): number {
    return this.queue.size;
  }

  /** A source page: rows whose parents are in the target go on now; the others wait for them. */
  public async admit(rows: SObjectRow[]): Promise<void> {
    const free = this.held ? this.held.admit(rows) : rows;
    if (free.length < rows.length && this.spec.modifiedSince) {
      const released = new Set(free);
      this.handlers.readAhead(rows.filter((row) => !released.has(row)));
    }
    if (free.length > 0) await this.handlers.handlePage(free);
    await this.handleReleased(false);
  }

  /**
   * Handles held rows whose parents are in: at once when matching them costs no call (empty target, target
   * read whole, insert-only), else (`all` aside) once they fill a page, so that a query matches a page of them.
   */
  public async handleReleased(all: boolean): Promise<void> {
    const held = this.held;
    if (!held || held.ready === 0) return;
    const { pageSize } = this.run.config;
    if (!all && held.ready < pageSize && this.handlers.matchingCostsQueries()) return;
    while (held.ready > 0) await this.handlers.handlePage(held.take(pageSize));
  }

  /** Waits until no row waits for a parent of another object any more, handling rows as they are released. */
  public async parentsFinal(): Promise<void> {
    const held = this.held;
    if (!held) return;
    for (;;) {
      if (held.ready > 0) await this.handleReleased(true);
      else if (held.held > 0) await held.changed();
      else return;
    }
  }

  /**
   * Whether reading must wait for parents: a page of rows waits already (or the run holds all it may), so
   * released rows are handled, or parents awaited, first; answers true when it waited (the caller checks again).
   */
  public async holdsReading(): Promise<boolean> {
    const held = this.held;
    const arrivals = this.run.state.arrivals;
    if (!held || !arrivals) return false;
    const holding = held.held + held.ready;
    if (holding >= this.run.config.pageSize || (holding > 0 && !arrivals.hasRoom)) {
      if (held.ready > 0) await this.handleReleased(true);
      else await held.changed();
      return true;
    }
    if (!arrivals.hasRoom && held.waitsForParents) {
      if (arrivals.aborted) throw arrivals.aborted.reason;
      // The run holds all the rows it may for parents, and this object's next page could wait too: it reads
      // on once others handle theirs or an object finishes (objects whose parents are done always read).
      await arrivals.room();
      return true;
    }
    return false;
  }

  /** A prepared record that waits for a parent of its own object. */
  public hold(record: WaitingRecord): void {
    this.queue.hold(record);
  }

  /** A record is in the target (`targetId`), or failed (`null`): the records waiting for it are decided. */
  public arrived(sourceId: string, targetId: string | null): void {
    if (targetId === null) this.failedSources.add(shortId(sourceId));
    for (const waiting of this.queue.release(sourceId, targetId)) this.handlers.decide(waiting);
  }

  /**
   * A delta read whole (`read`: the 15-character ids it brought): records waiting for a parent of their own
   * object that it did not read are decided now rather than once the object's writes are done (drain): that
   * parent did not change since the last sync, so nothing of this run brings it; it is found in the target as
   * drain would find it, or the record fails as there.
   */
  public async resolveUnread(read: ReadonlySet<string>): Promise<void> {
    const { resolver } = this.run.services;
    const parents = this.queue.parents().filter((id) => !read.has(id) && !this.failedSources.has(id));
    if (parents.length === 0) return;
    await resolver.resolve(this.spec.object.name, parents);
    for (const parentId of parents) {
      for (const ready of this.queue.release(parentId, resolver.cached(parentId) ?? null)) this.handlers.decide(ready);
    }
    this.handlers.flush();
  }

  /**
   * Records still waiting when the source is exhausted wait for parents that this run did not bring: filtered
   * out of the source query (find them in the target by match key), or failed (the child fails too).
   */
  public async drain(): Promise<void> {
    const { resolver } = this.run.services;
    for (;;) {
      const waiting = this.queue.drainAll();
      if (waiting.size === 0) return;
      const parents = [...waiting.keys()].filter((id) => !this.failedSources.has(id));
      await resolver.resolve(this.spec.object.name, parents);
      for (const [parentId, records] of waiting) {
        const targetId = this.failedSources.has(parentId) ? null : (resolver.cached(parentId) ?? null);
        for (const record of records) this.queue.hold(record);
        for (const ready of this.queue.release(parentId, targetId)) this.handlers.decide(ready);
      }
      await this.handlers.settle();
    }
  }
}
