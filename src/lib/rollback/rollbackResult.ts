import type { RecordError } from '../api/collections.js';
import type { OrgRef } from '../journal/runMeta.js';
import type { RunState } from '../journal/runState.js';
import type { RollbackCounts } from '../report/runReport.js';

/** `undelete`: a record the run deleted (`--include-deleted`), brought back from the recycle bin or inserted again. */
export type RollbackOperation = 'delete' | 'restore' | 'undelete';

/** One record rollback deleted, restored, skipped or failed on. */
export type RollbackRecord = {
  object: string;
  sourceId: string;
  targetId: string;
  operation: RollbackOperation;
  /** skipped: why (changed in the target after the run...). */
  reason?: string;
  error?: RecordError;
  /** dry run, restore: the values it would put back. */
  values?: Record<string, unknown>;
};

export type RollbackObjectResult = RollbackCounts & { object: string };

/** What `sf isync rollback` returns. In a dry run, `deleted`/`restored` count what it would do. */
export type RollbackResult = {
  runId: string;
  state: RunState;
  stateReason?: string;
  dryRun: boolean;
  force: boolean;
  target: OrgRef;
  /** Children first: the order records are deleted in. */
  objects: RollbackObjectResult[];
  totals: RollbackCounts;
  skipped: RollbackRecord[];
  failed: RollbackRecord[];
  /** Dry run only: every record it would delete or restore. */
  planned: RollbackRecord[];
};

/** Counts per object, in the order objects are first counted. */
export class RollbackTally {
  private readonly objects = new Map<string, RollbackObjectResult>();

  public constructor(order: readonly string[]) {
    for (const object of order) this.entry(object);
  }

  public add(object: string, key: keyof RollbackCounts, count = 1): void {
    this.entry(object)[key] += count;
  }

  public results(): RollbackObjectResult[] {
    return [...this.objects.values()];
  }

  public totals(): RollbackCounts {
    const totals: RollbackCounts = { deleted: 0, restored: 0, alreadyUndone: 0, skipped: 0, failed: 0 };
    for (const entry of this.objects.values()) for (const key of Object.keys(totals) as Array<keyof RollbackCounts>) totals[key] += entry[key];
    return totals;
  }

  private entry(object: string): RollbackObjectResult {
    let entry = this.objects.get(object);
    if (!entry) {
      entry = { object, deleted: 0, restored: 0, alreadyUndone: 0, skipped: 0, failed: 0 };
      this.objects.set(object, entry);
    }
    return entry;
  }
}
