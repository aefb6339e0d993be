import { MAX_COLLECTION_SIZE } from '../api/collections.js';
import type { UndeleteResult } from '../api/soapUndelete.js';
import type { OrgApi } from '../api/orgApi.js';
import { queryAll } from '../api/queryPages.js';
import { inClauseChunks, soqlString } from '../api/soqlLiterals.js';
import type { JournalSink } from '../journal/eventLog.js';
import type { JournalEvent } from '../journal/events.js';
import type { RecordWriter } from '../load/writeTypes.js';
import { sobjectIn, type TargetName } from '../util/targetNames.js';
import type { DescribeSObject } from '../schema/describeTypes.js';
import { shortId } from '../util/shortId.js';
import type { DeletedMatchRecord } from './rollbackPlan.js';
import type { RollbackRecord, RollbackTally } from './rollbackResult.js';

/** Undeletes records of the target, answering each in order (see api/soapUndelete.ts). */
export type Undeleter = (ids: string[]) => Promise<UndeleteResult[]>;

export type BringBackInput = {
  target: OrgApi;
  journal: JournalSink<JournalEvent>;
  writer: RecordWriter;
  undelete: Undeleter;
  describe(object: string): Promise<DescribeSObject>;
  /** An object's name in the target (a template object may load into one of another name). */
  targetName: TargetName;
  beforeCall?: () => void;
};

/** Old target id (15 characters) -> the id of its re-insert: lookups to a re-inserted record are pointed to it. */
export type Relinks = Map<string, string>;

/**
 * Brings back the target records a run deleted (`--include-deleted`), parents first: undeleted from the
 * recycle bin, which keeps their ids and restores what their deletion cascaded; a record the bin no longer
 * holds (emptied, or older than its retention) is inserted again from its journaled values, with its lookups
 * to records re-inserted before it pointed to their new ids. A record alive in the target needs nothing: it
 * came back with its parent (restored), or it is an in-doubt delete that never happened, or an undelete an
 * interrupted rollback already made (already undone).
 */
export async function bringBack(input: BringBackInput, order: readonly string[], records: ReadonlyMap<string, DeletedMatchRecord[]>, tally: RollbackTally, failed: RollbackRecord[]): Promise<Relinks> {
  const relinks: Relinks = new Map();
  for (const object of order) {
    const list = records.get(object) ?? [];
    for (let start = 0; start < list.length; start += MAX_COLLECTION_SIZE) {
      const batch = list.slice(start, start + MAX_COLLECTION_SIZE);
      const notInBin = await undeleteBatch(input, object, batch, tally);
      const live = await liveIds(input.target, input.targetName(object), notInBin.map((record) => record.targetId));
      for (const record of notInBin.filter((candidate) => live.has(shortId(candidate.targetId)))) {
        // Alive: brought back with its parent (deleted along by cascade), or an in-doubt delete that never happened.
        tally.add(object, record.inDoubt ? 'alreadyUndone' : 'restored');
      }
      const gone = notInBin.filter((record) => !live.has(shortId(record.targetId)));
      if (gone.length > 0) await reinsert(input, object, gone, relinks, tally, failed);
    }
  }
  return relinks;
}

/** One undelete call; answers the records it could not undelete (checked next: alive, or gone from the bin). */
async function undeleteBatch(input: BringBackInput, object: string, batch: DeletedMatchRecord[], tally: RollbackTally): Promise<DeletedMatchRecord[]> {
  const batchId = `undelete:${object}:${batch[0].targetId}`;
  input.journal.append({ type: 'batchStart', at: new Date().toISOString(), batch: batchId, object, operation: 'undelete', sourceIds: batch.map((record) => record.sourceId) });
  input.beforeCall?.();
  const outcomes = await input.undelete(batch.map((record) => record.targetId));
  const retry: DeletedMatchRecord[] = [];
  outcomes.forEach((outcome, index) => {
    const record = batch[index];
    if (outcome.success) {
      tally.add(object, 'restored');
      input.journal.append({ type: 'record', batch: batchId, object, operation: 'undelete', sourceId: record.sourceId, targetId: record.targetId, ok: true });
    } else retry.push(record);
  });
  input.journal.append({ type: 'batchEnd', at: new Date().toISOString(), batch: batchId });
  return retry;
}

async function liveIds(target: OrgApi, object: string, ids: readonly string[]): Promise<Set<string>> {
  const live = new Set<string>();
  for (const chunk of inClauseChunks(ids.map(soqlString), 500)) {
    for (const row of await queryAll(target, `SELECT Id FROM ${object} WHERE Id IN (${chunk.join(',')})`)) live.add(shortId(String(row.Id)));
  }
  return live;
}

/** Inserts again what the recycle bin no longer holds: createable fields only, lookups relinked. */
async function reinsert(input: BringBackInput, object: string, records: DeletedMatchRecord[], relinks: Relinks, tally: RollbackTally, failed: RollbackRecord[]): Promise<void> {
  const describe = await input.describe(object);
  const createable = new Set(describe.fields.filter((field) => field.createable).map((field) => field.name));
  const items = records.map((record) => {
    const values: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(record.values)) if (createable.has(field)) values[field] = relinked(value, relinks);
    return { sourceId: record.sourceId, values, before: { Id: record.targetId } };
  });
  input.beforeCall?.();
  const outcomes = await input.writer.write({ object, ...sobjectIn(input.targetName, object), operation: 'reinsert', items });
  outcomes.forEach((outcome, index) => {
    const record = records[index];
    if (outcome.ok && outcome.targetId) {
      relinks.set(shortId(record.targetId), outcome.targetId);
      tally.add(object, 'restored');
    } else {
      tally.add(object, 'failed');
      failed.push({ object, sourceId: record.sourceId, targetId: record.targetId, operation: 'undelete', error: outcome.error });
    }
  });
}

/** A value that is the id of a re-inserted record, as its new id. */
export function relinked(value: unknown, relinks: Relinks): unknown {
  if (typeof value !== 'string' || (value.length !== 15 && value.length !== 18)) return value;
  return relinks.get(shortId(value)) ?? value;
}
