import { Messages } from '@salesforce/core';
import type { OrgApi } from '../api/orgApi.js';
import { QUERIES_PER_COMPOSITE } from '../api/queryPages.js';
import { RunStop } from '../load/runStop.js';
import type { ObjectSyncSpec } from '../transform/recordTransformer.js';
import { buildSourceQuery } from '../load/sourceQuery.js';
import { RecordCounts } from '../load/recordCounts.js';
import { BULK_READ_PAGE_SIZE, bulkReadable, bulkReadCalls } from '../load/sourceReader.js';
import { BULK_BATCH_SIZE, bulkWriteJobCalls, restBatchSize, writesInBulk } from '../load/writeBatches.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.run');

type LimitsResponse = { DailyApiRequests?: DailyLimit };

/** An org's daily API request limit and what is left of it (`/limits`, `DailyApiRequests`). */
export type DailyLimit = { Max: number; Remaining: number };

export type OrgBudget = {
  org: 'source' | 'target';
  max: number;
  remaining: number;
  /** Calls this run may make before the org reaches `percent` of its daily limit. */
  allowed: number;
  projected: number;
};

/** Rows per REST query page, as the engine reads them. */
const PAGE_SIZE = 2000;

/**
 * The API budget of a run. Before the run: each org's daily request limit is read (`/limits`), the calls the
 * run will need are projected from the source record counts, and the run is refused when an org does not
 * have them left. During the run: every call is charged to its org, and the run pauses (resumably) before an
 * org's usage reaches `percent` of its daily limit.
 */
export class ApiBudget {
  private readonly used = { source: 0, target: 0 };

  private constructor(private readonly budgets: Record<'source' | 'target', OrgBudget>) {}

  /**
   * `bulkThreshold`: the template's; objects that large are read by Bulk API query jobs and, when their key
   * allows, written by ingest jobs (absent: REST only). `batchSize`: the template's records per REST write
   * (absent: as many as a collection holds).
   */
  public static async plan(
    percent: number,
    specs: readonly ObjectSyncSpec[],
    source: OrgApi,
    target: OrgApi,
    options: {
      bulkThreshold?: number;
      batchSize?: number;
      counts?: RecordCounts;
      limits?: { source: Promise<DailyLimit>; target: Promise<DailyLimit> };
      /** `--include-deleted`: each object also reads its deleted source records and their target matches. */
      includeDeleted?: boolean;
    } = {}
  ): Promise<ApiBudget> {
    const counts = options.counts ?? RecordCounts.start(specs, source, target);
    const limits = options.limits ?? { source: dailyLimitOf(source), target: dailyLimitOf(target) };
    const [sourceLimits, targetLimits] = await Promise.all([limits.source, limits.target]);
    const projected = await projectCalls(specs, counts, options);
    const budgetOf = (org: 'source' | 'target', limit: DailyLimit): OrgBudget => ({
      org,
      max: limit.Max,
      remaining: limit.Remaining,
      allowed: Math.floor((limit.Max * percent) / 100) - (limit.Max - limit.Remaining),
      projected: projected[org],
    });
    const budgets = { source: budgetOf('source', sourceLimits), target: budgetOf('target', targetLimits) };
    for (const budget of Object.values(budgets)) {
      if (budget.projected > budget.remaining) {
        throw messages.createError('error.ApiBudgetTooSmall', [budget.org, budget.projected, budget.remaining, budget.max]);
      }
    }
    return new ApiBudget(budgets);
  }

  public get report(): OrgBudget[] {
    return [this.budgets.source, this.budgets.target];
  }

  /** Charges one call to an org; throws RunStop('apiBudget') when it would pass the budget. */
  public charge(org: 'source' | 'target'): void {
    if (this.used[org] >= this.budgets[org].allowed) {
      const budget = this.budgets[org];
      throw new RunStop(
        'apiBudget',
        `The ${org} org reached the API budget: ${budget.max - budget.remaining + this.used[org]} of its ${budget.max} daily requests are used.`
      );
    }
    this.used[org]++;
  }
}

/** The org's daily request limit; an org that reports none is taken as unlimited. */
export async function dailyLimitOf(api: OrgApi): Promise<DailyLimit> {
  // Small: it may share a Composite call with the run's first counts.
  const limits = api.getSmall ? await api.getSmall<LimitsResponse>('/limits') : await api.request<LimitsResponse>('GET', '/limits');
  return limits.DailyApiRequests ?? { Max: Number.MAX_SAFE_INTEGER, Remaining: Number.MAX_SAFE_INTEGER };
}

/**
 * Calls a sync of the template needs at most (a delta's counts are of what changed): per object, its source reads (REST pages of 2,000, or a
 * Bulk query job with its polls and pages of 10,000 when the object reaches the bulk threshold), one target
 * match query per page read (two for an object matched by history, then by key), its writes (REST batches of the template's batch size, or Bulk ingest jobs of
 * 10,000 records when the engine writes the object in bulk: see writesInBulk), and the deferred pass (REST
 * updates of the same batch size, for objects with deferred lookups).
 */
async function projectCalls(
  specs: readonly ObjectSyncSpec[],
  recordCounts: RecordCounts,
  options: { bulkThreshold?: number; batchSize?: number; includeDeleted?: boolean }
): Promise<{ source: number; target: number }> {
  const counts = await Promise.all(specs.map((spec) => recordCounts.source(spec.object.name)));
  const { bulkThreshold } = options;
  const restBatch = restBatchSize(options.batchSize ?? Number.POSITIVE_INFINITY);
  // The counts themselves, five to a Composite call in each org.
  let sourceCalls = Math.ceil(specs.length / QUERIES_PER_COMPOSITE);
  let targetCalls = Math.ceil(specs.length / QUERIES_PER_COMPOSITE);
  specs.forEach((spec, index) => {
    const records = spec.object.limit !== undefined ? Math.min(spec.object.limit, counts[index]) : counts[index];
    const bulkRead = bulkThreshold !== undefined && counts[index] >= bulkThreshold && bulkReadable(spec, buildSourceQuery(spec));
    const pages = Math.max(1, Math.ceil(records / (bulkRead ? BULK_READ_PAGE_SIZE : PAGE_SIZE)));
    sourceCalls += bulkRead ? bulkReadCalls(records) : pages;
    const matchQueries = spec.object.history && spec.object.matchBy ? 2 : 1;
    targetCalls += pages * matchQueries + writeCalls(spec, records, counts[index], bulkThreshold, restBatch);
    // Deletions: a queryAll page and the check for live records with the same key in the source; the matches
    // and one delete batch in the target. How many records were deleted is not counted ahead: deletions beyond
    // a batch are charged as they go, and the budget pauses them as it pauses any call.
    if (options.includeDeleted) {
      sourceCalls += 2;
      targetCalls += 2;
    }
  });
  return { source: sourceCalls, target: targetCalls };
}

/** An object's write calls: inserts and updates, then the deferred pass (always through REST collections). */
function writeCalls(spec: ObjectSyncSpec, records: number, sourceCount: number, bulkThreshold: number | undefined, restBatch: number): number {
  const deferred = spec.deferredLookups.size > 0 ? Math.ceil(records / restBatch) : 0;
  if (bulkThreshold === undefined || !writesInBulk(spec, sourceCount, bulkThreshold)) return Math.ceil(records / restBatch) + deferred;
  const jobs = Math.floor(records / BULK_BATCH_SIZE);
  const rest = records % BULK_BATCH_SIZE;
  return jobs * bulkWriteJobCalls(BULK_BATCH_SIZE) + (rest > 0 ? bulkWriteJobCalls(rest) : 0) + deferred;
}
