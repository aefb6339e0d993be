import { randomBytes } from 'node:crypto';
import type { LimitFunction } from 'p-limit';
import type { OrgApi } from '../api/orgApi.js';
import { writeCollection, type RecordResult } from '../api/collections.js';
import type { CollectionSender } from '../api/compositeCollections.js';
import { classifyFailure, errorCodeOf } from '../api/failures.js';
import { backoffDelay, sleep, type BackoffPolicy } from '../api/backoff.js';
import type { JournalSink } from '../journal/eventLog.js';
import type { JournalEvent } from '../journal/events.js';

import { API_OPERATION, createdByRun, intentEvent, recordEvent } from './batchJournal.js';
import { toRunStop } from './runStop.js';
import type { RecordWriter, WriteItem, WriteOutcome, WriteRequest } from './writeTypes.js';
import { IN_DOUBT } from '../util/outcomeCodes.js';

export type BatchWriterDeps = {
  api: OrgApi;
  journal: JournalSink<JournalEvent>;
  limiter: LimitFunction;
  /** Sends the collections (packing several in one Composite call); absent: each is its own call. */
  collections?: CollectionSender;
  /** Which writes go first when several wait: the objects that others wait for (see CompositeCollections). */
  priorityOf?(object: string): number;
  backoff: BackoffPolicy;
  /** Called before every write request: throws RunStop when the run must stop (Ctrl-C in a rollback...). */
  beforeCall?(): void;
  onRetry?(info: { object: string; reason: string; attempt: number; delayMs: number }): void;
  random?: () => number;
};

/**
 * Sends one batch (at most 200 records) through sObject Collections and journals it: the intent before the
 * request, the outcome of every record after it. Transient failures are retried with backoff (row locks per
 * record, 5xx and dropped connections per request); an insert that failed in transit is first checked in the
 * target so that nothing is inserted twice; failures that retrying cannot fix are journaled, never retried
 * blindly; failures that end the run (session, daily limit) throw `RunStop`.
 */
export class BatchWriter implements RecordWriter {
  private sequence = 0;
  /** Batch names are unique across the attempts that append to one journal (run, retries, rollbacks). */
  private readonly tag = randomBytes(3).toString('hex');

  public constructor(private readonly deps: BatchWriterDeps) {}

  public async write(request: WriteRequest): Promise<WriteOutcome[]> {
    const batch = `${this.tag}:${request.object}:${++this.sequence}`;
    this.deps.journal.append(intentEvent(batch, request));
    // The intent is on disk before the request leaves: a crash after this point leaves the batch in doubt.
    await this.deps.journal.durable?.();
    const outcomes = await this.sendWithRetries(request);
    this.deps.journal.append(...outcomes.map((outcome, index) => recordEvent(batch, request, request.items[index], outcome)), {
      type: 'batchEnd',
      at: new Date().toISOString(),
      batch,
    });
    return outcomes;
  }

  private async sendWithRetries(request: WriteRequest): Promise<WriteOutcome[]> {
    const outcomes = new Array<WriteOutcome | undefined>(request.items.length);
    let pending = request.items.map((item, index) => ({ item, index }));
    for (let attempt = 1; pending.length > 0; attempt++) {
      const items = pending.map((entry) => entry.item);
      let results: RecordResult[];
      try {
         
        results = await this.send(request, items);
      } catch (error) {
         
        pending = await this.afterRequestFailure(request, pending, outcomes, error, attempt);
        continue;
      }
      const locked: typeof pending = [];
      results.forEach((result, position) => {
        const entry = pending[position];
        const lockedRow = !result.success && result.errors.some((e) => e.statusCode === 'UNABLE_TO_LOCK_ROW');
        if (lockedRow && attempt < this.deps.backoff.maxAttempts) locked.push(entry);
        else outcomes[entry.index] = toOutcome(entry.item, result, request);
      });
      pending = locked;
      if (pending.length > 0) {
         
        await this.pause(request.object, 'UNABLE_TO_LOCK_ROW', attempt);
      }
    }
    return outcomes.map((outcome, index) => outcome ?? failed(request.items[index], IN_DOUBT, 'No result was recorded.'));
  }

  private async send(request: WriteRequest, items: WriteItem[]): Promise<RecordResult[]> {
    this.deps.beforeCall?.();
    const operation = API_OPERATION[request.operation];
    const records = items.map((item) => (operation === 'insert' || operation === 'upsert' ? item.values : { ...item.values, Id: item.targetId }));
    const collection = { operation, object: request.sobject ?? request.object, records, externalIdField: request.externalIdField };
    const { collections } = this.deps;
    return this.deps.limiter(() =>
      collections ? collections.write(collection, this.deps.priorityOf?.(request.object)) : writeCollection(this.deps.api, collection)
    );
  }

  /** Decides what to resend after a request failed as a whole; records the items that are settled. */
  private async afterRequestFailure(
    request: WriteRequest,
    pending: Array<{ item: WriteItem; index: number }>,
    outcomes: Array<WriteOutcome | undefined>,
    error: unknown,
    attempt: number
  ): Promise<Array<{ item: WriteItem; index: number }>> {
    // The run's guards refused the call before it left (API budget, Ctrl-C, --stop-on-error): the run stops;
    // the batch is not the records' failure (it stays open in the journal, and a resume checks it).
    const stop = toRunStop(error);
    if (stop) throw stop;
    const kind = classifyFailure(error);
    const message = error instanceof Error ? error.message : String(error);
    if (kind === 'permanent' || attempt >= this.deps.backoff.maxAttempts) {
      for (const entry of pending) outcomes[entry.index] = failed(entry.item, errorCodeOf(error), message);
      return [];
    }
    await this.pause(request.object, errorCodeOf(error), attempt);
    // The org refused the request before running it (too many at once): nothing got in, send it again. The
    // org's gate (GatedOrgApi) has lowered the concurrency already.
    if (kind === 'concurrency') return pending;
    // The first attempt may have created the records: an upsert that now finds them created them all the same.
    if (request.operation === 'upsert') return pending.map((entry) => ({ ...entry, item: { ...entry.item, insertInDoubt: true } }));
    if (request.operation !== 'insert') return pending; // updates and deletes are idempotent
    return this.dropInsertedInTransit(request, pending, outcomes);
  }

  /** An insert that failed in transit may have been committed: adopt what got in, resend only the rest. */
  private async dropInsertedInTransit(
    request: WriteRequest,
    pending: Array<{ item: WriteItem; index: number }>,
    outcomes: Array<WriteOutcome | undefined>
  ): Promise<Array<{ item: WriteItem; index: number }>> {
    if (!request.verifyInserted) {
      for (const entry of pending) {
        outcomes[entry.index] = failed(entry.item, IN_DOUBT, 'The insert failed in transit and this writer cannot check the target; run "sf isync retry" after checking the target.');
      }
      return [];
    }
    let found: Map<string, string>;
    try {
      found = await request.verifyInserted(pending.map((entry) => entry.item));
    } catch (error) {
      // The run stops as it would on a write; any other failure of the check leaves the records in doubt,
      // journaled as such, so that a retry checks them again (never resent blind: that could insert twice).
      const stop = toRunStop(error);
      if (stop) throw stop;
      const message = error instanceof Error ? error.message : String(error);
      for (const entry of pending) {
        outcomes[entry.index] = failed(entry.item, IN_DOUBT, `The insert failed in transit and checking whether it got in failed too (${message}); run "sf isync retry" to check again.`);
      }
      return [];
    }
    const rest: typeof pending = [];
    for (const entry of pending) {
      const targetId = found.get(entry.item.sourceId);
      if (targetId) outcomes[entry.index] = { sourceId: entry.item.sourceId, targetId, ok: true, created: true };
      else rest.push(entry);
    }
    return rest;
  }

  private async pause(object: string, reason: string, attempt: number): Promise<void> {
    const delayMs = backoffDelay(attempt, this.deps.backoff, this.deps.random);
    this.deps.onRetry?.({ object, reason, attempt, delayMs });
    await sleep(delayMs);
  }
}

function toOutcome(item: WriteItem, result: RecordResult, request: WriteRequest): WriteOutcome {
  const created = createdByRun(request, item, { ok: result.success, created: result.created === true });
  if (result.success) return { sourceId: item.sourceId, targetId: result.id ?? item.targetId ?? null, ok: true, created };
  const error = result.errors[0] ?? { statusCode: 'UNKNOWN_EXCEPTION', message: 'The record was not saved.', fields: [] };
  return { sourceId: item.sourceId, targetId: item.targetId ?? null, ok: false, created: false, error: { ...error, fields: error.fields ?? [] } };
}

function failed(item: WriteItem, statusCode: string, message: string): WriteOutcome {
  return { sourceId: item.sourceId, targetId: item.targetId ?? null, ok: false, created: false, error: { statusCode, message, fields: [] } };
}
