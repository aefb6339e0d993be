import type { OrgApi } from '../api/orgApi.js';
import { queryAll, type SObjectRow } from '../api/queryPages.js';
import { inClauseChunks, soqlString } from '../api/soqlLiterals.js';
import type { DescribeSObject } from '../schema/describeTypes.js';
import { sameValue } from '../scan/valueCompare.js';
import type { InsertedRecord, UpdatedRecord } from './rollbackPlan.js';
import { ORG_CLOCK_SKEW_MS } from '../util/clockSkew.js';
import { shortId } from '../util/shortId.js';

/** How much later than the run's own clock a target timestamp may be and still be the run's write. */
export const DEFAULT_CLOCK_SKEW_MS = ORG_CLOCK_SKEW_MS;

/** What rollback does with one record: undo it, nothing (already undone), or skip it (with why). */
export type Verdict =
  | { kind: 'undo' }
  | { kind: 'alreadyUndone'; reason: string }
  | { kind: 'changed'; reason: string }
  | { kind: 'notRestorable'; reason: string };

export type Checked<T> = { record: T; verdict: Verdict };

export type CheckOptions = {
  /** Undo records changed after the run anyway. */
  force: boolean;
  clockSkewMs: number;
  /** Run time to assume for records whose batch end was not journaled (a run killed mid-write). */
  fallbackWriteAt: string;
};

/** Ids per query: about 11,000 characters of URL, under the REST API's 16,384-byte limit. */
const IDS_PER_QUERY = 500;

/**
 * Checks the records rollback would delete, in the target: gone already (deleted since, or with a parent)
 * counts as done; changed after the run (SystemModstamp after the run's write) is skipped unless forced.
 * `protectedIds` are records that a skipped record refers to: deleting them would touch it (cascade delete
 * or a cleared lookup), so they are skipped too. Skipped records add what they refer to; call objects
 * children first.
 */
export async function checkDeletes(
  api: OrgApi,
  describe: DescribeSObject,
  records: InsertedRecord[],
  protectedIds: Set<string>,
  options: CheckOptions
): Promise<Array<Checked<InsertedRecord>>> {
  const references = describe.fields.filter((field) => field.type === 'reference' && !['CreatedById', 'LastModifiedById'].includes(field.name));
  const rows = await currentRows(api, describe.name, records, references.map((field) => field.name));
  const checked = records.map((record): Checked<InsertedRecord> => {
    const row = rows.get(shortId(record.targetId));
    if (!row) return { record, verdict: { kind: 'alreadyUndone', reason: 'already gone from the target' } };
    const late = modifiedAfter(row, record, options);
    return { record, verdict: late && !options.force ? { kind: 'changed', reason: late } : { kind: 'undo' } };
  });
  // A skipped record keeps its parents; a parent kept that way keeps its own (self-lookups: repeat until stable).
  const referencesOf = (record: InsertedRecord): string[] =>
    references.map((field) => rows.get(shortId(record.targetId))?.[field.name]).filter((value): value is string => typeof value === 'string');
  let grew = true;
  while (grew) {
    grew = false;
    for (const entry of checked) {
      if (entry.verdict.kind === 'changed') {
        for (const id of referencesOf(entry.record)) {
          if (!protectedIds.has(shortId(id))) {
            protectedIds.add(shortId(id));
            grew = true;
          }
        }
      } else if (entry.verdict.kind === 'undo' && protectedIds.has(shortId(entry.record.targetId)) && !options.force) {
        entry.verdict = { kind: 'changed', reason: 'a record that was changed after the run refers to it' };
        grew = true;
      }
    }
  }
  return checked;
}

/**
 * Checks the records rollback would restore: back at their previous values already counts as done (an
 * interrupted rollback restored it); a field that differs from what the run wrote, or a SystemModstamp
 * after the run's write, means someone changed it since: skipped unless forced. A record left as it is
 * adds the records its lookups point to now to `protectedIds` (they may be records the run inserted).
 */
export async function checkRestores(
  api: OrgApi,
  describe: DescribeSObject,
  records: UpdatedRecord[],
  protectedIds: Set<string>,
  options: CheckOptions
): Promise<Array<Checked<UpdatedRecord>>> {
  const typeOf = new Map(describe.fields.map((field) => [field.name, field.type]));
  const fields = [...new Set(records.flatMap((record) => Object.keys(record.before)))];
  const rows = await currentRows(api, describe.name, records, fields);
  const checked = records.map((record) => ({ record, verdict: restoreVerdict(record, rows.get(shortId(record.targetId)), typeOf, options) }));
  for (const { record, verdict } of checked) {
    if (verdict.kind !== 'changed' && verdict.kind !== 'notRestorable') continue;
    const row = rows.get(shortId(record.targetId));
    for (const field of fields) {
      const value = row?.[field];
      if (typeOf.get(field) === 'reference' && typeof value === 'string') protectedIds.add(shortId(value));
    }
  }
  return checked;
}

function restoreVerdict(record: UpdatedRecord, row: SObjectRow | undefined, typeOf: Map<string, string>, options: CheckOptions): Verdict {
  if (!row) return { kind: 'notRestorable', reason: 'deleted in the target after the run' };
  if (record.missingBefore) return { kind: 'notRestorable', reason: 'the run journaled no previous values for it (an upsert matched it)' };
  const same = (field: string, value: unknown): boolean => sameValue(typeOf.get(field) ?? 'string', value, row[field] ?? null);
  if (Object.entries(record.before).every(([field, value]) => same(field, value))) {
    return { kind: 'alreadyUndone', reason: 'already has its previous values' };
  }
  const changedField = Object.keys(record.before).find((field) => !same(field, record.written[field]));
  const late = changedField ? `${changedField} was changed in the target after the run` : modifiedAfter(row, record, options);
  return late && !options.force ? { kind: 'changed', reason: late } : { kind: 'undo' };
}

/** Why the row was modified after the run's last write to it (beyond the clock skew), or undefined. */
function modifiedAfter(row: SObjectRow, record: InsertedRecord, options: CheckOptions): string | undefined {
  const stamp = typeof row.SystemModstamp === 'string' ? row.SystemModstamp : undefined;
  if (!stamp) return undefined;
  const modified = Date.parse(stamp.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  const written = record.lastWriteAt ?? options.fallbackWriteAt;
  if (Number.isNaN(modified) || modified <= Date.parse(written) + options.clockSkewMs) return undefined;
  return `modified in the target at ${stamp}, after the run wrote it at ${written}`;
}

/** The target's current rows of these records (missing = deleted), keyed by 15-character id. */
async function currentRows(api: OrgApi, object: string, records: InsertedRecord[], fields: string[]): Promise<Map<string, SObjectRow>> {
  const select = ['Id', 'SystemModstamp', ...fields.filter((field) => field !== 'Id' && field !== 'SystemModstamp')].join(', ');
  const rows = new Map<string, SObjectRow>();
  // One chunk at a time: the check reads, and keeps the rollback's load on the org low.
  for (const chunk of inClauseChunks(records.map((record) => soqlString(record.targetId)), IDS_PER_QUERY)) {
    for (const row of await queryAll(api, `SELECT ${select} FROM ${object} WHERE Id IN (${chunk.join(', ')})`)) rows.set(shortId(String(row.Id)), row);
  }
  return rows;
}
