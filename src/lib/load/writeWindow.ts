import type { InFlight } from './engineRun.js';

/** Bulk API 2.0 jobs one object keeps going at once (each holds its batch of records until it completes). */
const BULK_JOBS_IN_FLIGHT = 2;

export type WriteWindowLimits = {
  /** Batches one object may have in flight or queued. */
  maxBatches: number;
  /** The run's REST and Bulk records in flight, across objects. */
  rest: InFlight;
  bulk: InFlight;
};

/**
 * The batches one object has in flight: it bounds them (so that reading stops while the writers are busy,
 * and memory holds a few pages, never the object), keeps the first batch that failed as a whole (a RunStop,
 * a bug) so that the object stops with it, and lets the object wait for one batch or for all.
 */
export class WriteWindow {
  private readonly inflight = new Set<Promise<void>>();
  /** Records in the batches of `inflight`. */
  private records = 0;
  private failure: { error: unknown } | undefined;
  private bulkBatchSize: number | undefined;

  public constructor(private readonly limits: WriteWindowLimits) {}

  /** From now on the object writes Bulk ingest jobs of `batchSize` records, paced by the run's Bulk bound. */
  public useBulk(batchSize: number): void {
    this.bulkBatchSize = batchSize;
  }

  public get size(): number {
    return this.inflight.size;
  }

  /** Tracks a batch being written. Its failure is kept, not only forgotten: nothing may be awaiting it. */
  public add(records: number, written: Promise<void>): void {
    const counter = this.bulkBatchSize === undefined ? this.limits.rest : this.limits.bulk;
    this.inflight.add(written);
    this.records += records;
    counter.records += records;
    const forget = (): void => {
      this.inflight.delete(written);
      this.records -= records;
      counter.records -= records;
    };
    written.then(forget, (error: unknown) => {
      this.failure ??= { error };
      forget();
    });
  }

  /** Throws the failure of a batch sent earlier, if one failed. */
  public throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }

  /**
   * Whether reading must wait for this object's own batches (so it never waits for nothing): when it has too
   * many, when more records wait for their parents than the run lets be in flight (the writes in flight
   * release them), or when the run's records in flight are at their bound. Bulk jobs are paced per job, so an
   * object on Bulk API is bounded by its own jobs and by the run's Bulk records in flight.
   */
  public isFull(waitingRecords: number): boolean {
    if (this.inflight.size === 0) return false;
    if (this.inflight.size >= this.limits.maxBatches) return true;
    if (waitingRecords >= this.limits.rest.max) return true;
    if (this.bulkBatchSize !== undefined) {
      return this.records >= BULK_JOBS_IN_FLIGHT * this.bulkBatchSize || this.limits.bulk.records >= this.limits.bulk.max;
    }
    return this.limits.rest.records >= this.limits.rest.max;
  }

  /** Resolves when one batch in flight is done (failed or not). */
  public oneDone(): Promise<void> {
    return Promise.race([...this.inflight].map((promise) => promise.then(() => undefined, () => undefined)));
  }

  /** Resolves when every batch in flight is written; rejects with the first that failed. */
  public async allWritten(): Promise<void> {
    await Promise.all([...this.inflight]);
  }

  /** Waits for every batch in flight, failed or not: they journal their outcomes before the run ends. */
  public async allSettled(): Promise<void> {
    await Promise.allSettled([...this.inflight]);
  }
}
