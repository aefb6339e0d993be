import { randomBytes } from 'node:crypto';
import { MAX_COLLECTION_SIZE, type RecordError } from '../api/collections.js';
import type { TextOrgApi } from '../api/orgApi.js';
import { BulkJobError, CorrelationError, runIngestJob, type IngestOutcome } from '../bulk/bulkIngest.js';

import type { JournalSink } from '../journal/eventLog.js';
import type { JournalEvent } from '../journal/events.js';
import { API_OPERATION, createdByRun, intentEvent, recordEvent } from './batchJournal.js';
import type { RecordWriter, WriteOutcome, WriteRequest } from './writeTypes.js';
import { toRunStop } from './runStop.js';
import { IN_DOUBT } from '../util/outcomeCodes.js';

/**
 * Writes a batch (thousands of records) as Bulk API 2.0 ingest jobs, journaled like a REST batch: intent
 * before the job, every record's outcome after. Results come back unordered and are paired with records by a
 * key column (the client's job); a job that died part way leaves its unsettled records in doubt, as an
 * interrupted REST batch does, for retry or resume to check in the target.
 */
export class BulkWriter implements RecordWriter {
  private sequence = 0;
  private readonly tag = randomBytes(3).toString('hex');

  public constructor(
    private readonly deps: {
      api: TextOrgApi;
      journal: JournalSink<JournalEvent>;
      /** REST collections, for a batch whose records the client cannot tell apart in unordered results. */
      fallback: RecordWriter;
      pollIntervalMs?: number;
    }
  ) {}

  public async write(request: WriteRequest & { correlationField?: string }): Promise<WriteOutcome[]> {
    const batch = `${this.tag}:bulk:${request.object}:${++this.sequence}`;
    const { items } = request;
    this.deps.journal.append(intentEvent(batch, request));
    await this.deps.journal.durable?.();
    const operation = API_OPERATION[request.operation];
    const records = items.map((item) => ({
      key: item.sourceId,
      values: operation === 'insert' || operation === 'upsert' ? item.values : { ...item.values, Id: item.targetId },
    }));
    let outcomes: Map<string, IngestOutcome>;
    try {
      outcomes = await runIngestJob(this.deps.api, {
        object: request.sobject ?? request.object,
        operation,
        externalIdField: request.externalIdField,
        correlationField: request.correlationField,
        records,
        pollIntervalMs: this.deps.pollIntervalMs,
      });
    } catch (error) {
      if (error instanceof CorrelationError) {
        // Raised before any request: nothing was sent. The batch goes through REST instead.
        this.deps.journal.append({ type: 'batchEnd', at: new Date().toISOString(), batch });
        return this.viaRest(request);
      }
      outcomes = this.afterJobFailure(error);
    }
    const results: WriteOutcome[] = items.map((item) => {
      const outcome = outcomes.get(item.sourceId);
      if (!outcome) return { sourceId: item.sourceId, targetId: item.targetId ?? null, ok: false, created: false, error: inDoubt() };
      return { sourceId: item.sourceId, targetId: outcome.targetId ?? item.targetId ?? null, ok: outcome.ok, created: createdByRun(request, item, outcome), error: outcome.error };
    });
    this.deps.journal.append(
      ...results.map((outcome, index) => recordEvent(batch, request, items[index], outcome)),
      { type: 'batchEnd', at: new Date().toISOString(), batch }
    );
    return results;
  }

  private async viaRest(request: WriteRequest): Promise<WriteOutcome[]> {
    const chunks: Array<Promise<WriteOutcome[]>> = [];
    for (let start = 0; start < request.items.length; start += MAX_COLLECTION_SIZE) {
      chunks.push(this.deps.fallback.write({ ...request, items: request.items.slice(start, start + MAX_COLLECTION_SIZE) }));
    }
    return (await Promise.all(chunks)).flat();
  }

  /** What is known after a job failed: the settled records; the others are in doubt (or a stop). */
  private afterJobFailure(error: unknown): Map<string, IngestOutcome> {
    // A stop (Ctrl-C, API budget, session, daily limit), also one raised inside the client, ends the run.
    const stop = toRunStop(error);
    if (stop) throw stop;
    return error instanceof BulkJobError ? error.details.settled : new Map<string, IngestOutcome>();
  }
}

function inDoubt(): RecordError {
  return { statusCode: IN_DOUBT, message: 'The Bulk API job stopped before reporting this record; retry checks the target first.', fields: [] };
}
