import { IdMap } from '../util/idMap.js';
import { findCreatedSince, type CreatedSinceSearch, type WrittenRecord } from './createdSinceMatcher.js';

export type AdoptionSearch = Omit<CreatedSinceSearch, 'since' | 'isClaimed'>;

/**
 * Adoption of in-doubt inserts for one insert-only object (no match key): which records of a batch that
 * failed in transit, or of a batch a crash left open, are in the target. Candidates are the records the
 * running user created since the batch started, so the records this object's other batches inserted are
 * candidates too; two rules keep every target record adopted at most once:
 *
 * - every target id the object's writes returned is claimed, and claimed ids are never adopted;
 * - an adoption runs alone, and only once each of the object's other insert batches has either returned
 *   (its ids claimed) or is itself waiting to adopt: a batch still in flight may have saved records that
 *   its response has not claimed yet.
 */
export class InsertOnlyAdoption {
  /** Target id -> source id of every record the object's writes (and adoptions) put in the target. */
  private readonly claimed = new IdMap();
  private sending = 0;
  /** Batches in flight that are adopting (waiting for their turn or searching): they return nothing meanwhile. */
  private adoptingBatches = 0;
  private waiters: Array<() => void> = [];
  private turn: Promise<unknown> = Promise.resolve();

  public constructor(
    private readonly search: AdoptionSearch,
    /** Target ids the run held before this process (a resume: the journal's), never adopted. */
    private readonly claimedBefore: (targetId: string) => boolean = () => false
  ) {}

  /** An insert batch of the object is about to be sent. */
  public sendStarted(): void {
    this.sending++;
  }

  /** An insert batch returned: call after claiming its ids. */
  public sendEnded(): void {
    this.sending--;
    this.wake();
  }

  public claim(targetId: string, sourceId: string): void {
    this.claimed.set(targetId, sourceId);
  }

  public isClaimed(targetId: string): boolean {
    return this.claimed.has(targetId) || this.claimedBefore(targetId);
  }

  /**
   * The records (source id -> target id) that the target holds for `records`, created since `since`;
   * claims them. `fromBatch`: called by an insert batch in flight (counted in `sending`), not by a page of a
   * resume.
   */
  public async adopt(records: readonly WrittenRecord[], since: Date, fromBatch: boolean): Promise<Map<string, string>> {
    if (records.length === 0) return new Map();
    if (fromBatch) {
      this.adoptingBatches++;
      this.wake();
    }
    const previous = this.turn;
    let release = (): void => {};
    this.turn = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      await previous;
      // Every other batch in flight has returned or waits to adopt after this one.
      await this.until(() => this.sending - this.adoptingBatches === 0);
      const found = await findCreatedSince({ ...this.search, since, isClaimed: (id) => this.isClaimed(id) }, records);
      for (const [sourceId, targetId] of found) this.claim(targetId, sourceId);
      return found;
    } finally {
      if (fromBatch) this.adoptingBatches--;
      release();
    }
  }

  private async until(condition: () => boolean): Promise<void> {
    while (!condition()) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
