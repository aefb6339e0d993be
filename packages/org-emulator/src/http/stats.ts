/** Counters behind `GET /__emulator/stats`: requests by kind, records written by operation, concurrency. */
import type { DmlOperation } from '../org/dmlEngine.js';
import type { StatKind } from './types.js';

export type StatsSnapshot = {
  requests: Partial<Record<StatKind, number>>;
  totalRequests: number;
  recordsWritten: Partial<Record<DmlOperation, number>>;
  concurrency: { current: number; peak: number };
  /**
   * When the first API request since the last reset arrived (epoch ms, `null` before any): a benchmark tells a
   * client's fixed start (process, modules, auth files) from the time it spends talking to the org.
   */
  firstRequestAt: number | null;
  /** When the first write since the last reset committed (epoch ms, `null` before any). */
  firstWriteAt: number | null;
  /** When the last request that wrote records was answered (epoch ms): a benchmark's end of the writes. */
  lastWriteAnsweredAt: number | null;
};

export class Stats {
  private requests: Partial<Record<StatKind, number>> = {};
  private recordsWritten: Partial<Record<DmlOperation, number>> = {};
  private inFlight = 0;
  private peak = 0;
  private firstRequestAt: number | null = null;
  private firstWriteAt: number | null = null;
  private lastWriteAnsweredAt: number | null = null;

  public count(kind: StatKind): void {
    this.requests[kind] = (this.requests[kind] ?? 0) + 1;
  }

  public written(operation: DmlOperation, records: number): void {
    this.recordsWritten[operation] = (this.recordsWritten[operation] ?? 0) + records;
    if (records > 0) this.firstWriteAt ??= Date.now();
  }

  /** A request that wrote records has been answered. */
  public writeAnswered(): void {
    this.lastWriteAnsweredAt = Date.now();
  }

  /** Total records committed so far, all operations (the cost model charges the difference per request). */
  public totalWritten(): number {
    return Object.values(this.recordsWritten).reduce((a, b) => a + b, 0);
  }

  /** A request starts; returns the number now in flight. */
  public enter(): number {
    this.firstRequestAt ??= Date.now();
    this.inFlight += 1;
    this.peak = Math.max(this.peak, this.inFlight);
    return this.inFlight;
  }

  public leave(): void {
    this.inFlight -= 1;
  }

  public snapshot(): StatsSnapshot {
    const totalRequests = Object.values(this.requests).reduce((a, b) => a + b, 0);
    return {
      requests: { ...this.requests },
      totalRequests,
      recordsWritten: { ...this.recordsWritten },
      concurrency: { current: this.inFlight, peak: this.peak },
      firstRequestAt: this.firstRequestAt,
      firstWriteAt: this.firstWriteAt,
      lastWriteAnsweredAt: this.lastWriteAnsweredAt,
    };
  }

  /** Clears the counters; requests in flight stay counted so `current` remains true. */
  public reset(): void {
    this.requests = {};
    this.recordsWritten = {};
    this.peak = this.inFlight;
    this.firstRequestAt = null;
    this.firstWriteAt = null;
    this.lastWriteAnsweredAt = null;
  }
}
