import type { OrgApi } from '../api/orgApi.js';
import { queryPages, type SObjectRow } from '../api/queryPages.js';
import type { MatchKey } from '../template/syncTemplate.js';
import { matchKeyOf } from './matchKey.js';
import { SALESFORCE_LIMITS } from '../api/salesforceLimits.js';

/** Rows per page of a full read of the target (the REST query default). */
const ROWS_PER_PAGE = SALESFORCE_LIMITS.queryPageRows;
/**
 * Above this many target records the target is never read whole, whatever the calls saved: the index holds
 * every row's key and compared fields for the whole object sync.
 */
export const MAX_INDEXED_RECORDS = 50_000;

/**
 * Whether reading the whole target object once costs fewer calls than one `Key IN (...)` query per page of
 * source records: a large source into a small target (seeding a sandbox that already has some data).
 */
export function preferFullTargetRead(sourceRecords: number, targetRecords: number, sourcePageSize: number): boolean {
  if (targetRecords === 0 || targetRecords > MAX_INDEXED_RECORDS) return false;
  const perPageQueries = Math.ceil(sourceRecords / sourcePageSize);
  const fullRead = Math.ceil(targetRecords / ROWS_PER_PAGE);
  return fullRead < perPageQueries;
}

/**
 * The target records of an object indexed by match key, read once: answers for each page of source records
 * what `findTargetMatches` would, without a query per page. A snapshot taken before the object's own writes,
 * as the empty-target shortcut is: records the sync inserts are known by the id map, not looked up again.
 */
export class TargetIndex {
  private constructor(private readonly byKey: ReadonlyMap<string, SObjectRow[]>) {}

  public static async load(target: OrgApi, object: string, matchBy: MatchKey, selectFields: readonly string[]): Promise<TargetIndex> {
    const fields = [...new Set(['Id', 'SystemModstamp', ...matchBy.target, ...selectFields])];
    const byKey = new Map<string, SObjectRow[]>();
    for await (const page of queryPages(target, `SELECT ${fields.join(', ')} FROM ${object}`)) {
      for (const row of page) {
        const key = matchKeyOf(row, matchBy.target);
        if (key === null) continue;
        const list = byKey.get(key);
        if (list) list.push(row);
        else byKey.set(key, [row]);
      }
    }
    return new TargetIndex(byKey);
  }

  /** The target rows of each key of `sourceRows` (by the source side of the key), as findTargetMatches answers. */
  public matches(matchBy: MatchKey, sourceRows: readonly SObjectRow[]): Map<string, SObjectRow[]> {
    const found = new Map<string, SObjectRow[]>();
    for (const row of sourceRows) {
      const key = matchKeyOf(row, matchBy.source);
      const rows = key === null ? undefined : this.byKey.get(key);
      if (key !== null && rows) found.set(key, rows);
    }
    return found;
  }
}
