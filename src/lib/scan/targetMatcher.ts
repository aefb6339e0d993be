import type { OrgApi } from '../api/orgApi.js';
import { queryPages, SMALL_READ_ROWS, type SObjectRow } from '../api/queryPages.js';
import { inClauseChunks, soqlLiteral } from '../api/soqlLiterals.js';
import type { MatchKey } from '../template/syncTemplate.js';
import { matchKeyOf, valueAt } from './matchKey.js';

/**
 * Finds the target records that match a page of source records by the object's match key, reading only the
 * keys in hand (`Key IN (...)`), never the whole target object. Returns every target row per key: more than
 * one means the key is ambiguous in the target, which the caller reports instead of guessing.
 */
export async function findTargetMatches(
  target: OrgApi,
  object: string,
  matchBy: MatchKey,
  selectFields: readonly string[],
  sourceRows: readonly SObjectRow[]
): Promise<Map<string, SObjectRow[]>> {
  const matches = new Map<string, SObjectRow[]>();
  const firstValues = new Set<string>();
  const wantedKeys = new Set<string>();
  for (const row of sourceRows) {
    const key = matchKeyOf(row, matchBy.source);
    if (key === null) continue;
    wantedKeys.add(key);
    firstValues.add(soqlLiteral(valueAt(row, matchBy.source[0])));
  }
  if (firstValues.size === 0) return matches;
  const fields = [...new Set(['Id', 'SystemModstamp', ...matchBy.target, ...selectFields])];
  const first = matchBy.target[0];
  for (const chunk of inClauseChunks([...firstValues])) {
    const soql = `SELECT ${fields.join(', ')} FROM ${object} WHERE ${first} IN (${chunk.join(',')})`;
    // A few keys find about as many records (more only where a key is ambiguous): a small read.
    for await (const page of queryPages(target, soql, { small: chunk.length <= SMALL_READ_ROWS })) {
      for (const row of page) {
        const key = matchKeyOf(row, matchBy.target);
        // Composite keys are filtered on their first part only: drop rows whose other parts differ.
        if (key === null || !wantedKeys.has(key)) continue;
        const list = matches.get(key);
        if (list) list.push(row);
        else matches.set(key, [row]);
      }
    }
  }
  return matches;
}
