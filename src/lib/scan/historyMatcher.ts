import type { OrgApi } from '../api/orgApi.js';
import { queryPages, SMALL_READ_ROWS, type SObjectRow } from '../api/queryPages.js';
import { inClauseChunks, soqlString } from '../api/soqlLiterals.js';
import type { HistoryLookup } from '../util/historyLookup.js';
import { isSalesforceId, shortId } from '../util/shortId.js';

/**
 * The target records that earlier runs mapped these source records to and that still exist, by source id
 * (15 characters): one `Id IN (...)` query per chunk of mapped ids. A mapping whose target record was deleted
 * since finds nothing, so its source record is inserted again (and mapped anew by this run).
 */
export async function findHistoryMatches(
  target: OrgApi,
  object: string,
  history: HistoryLookup,
  selectFields: readonly string[],
  sourceIds: Iterable<string>
): Promise<Map<string, SObjectRow>> {
  const sourceOf = new Map<string, string>();
  const targetIds: string[] = [];
  for (const sourceId of sourceIds) {
    const targetId = history.get(sourceId);
    // A dry run's placeholder for a record it would insert is no id: nothing in the target has it.
    if (targetId === undefined || !isSalesforceId(targetId)) continue;
    sourceOf.set(shortId(targetId), shortId(sourceId));
    targetIds.push(soqlString(targetId));
  }
  const found = new Map<string, SObjectRow>();
  if (sourceOf.size === 0) return found;
  const fields = [...new Set(['Id', 'SystemModstamp', ...selectFields])];
  for (const chunk of inClauseChunks(targetIds)) {
    const soql = `SELECT ${fields.join(', ')} FROM ${object} WHERE Id IN (${chunk.join(',')})`;
    for await (const page of queryPages(target, soql, { small: chunk.length <= SMALL_READ_ROWS })) {
      for (const row of page) {
        const sourceId = sourceOf.get(shortId(String(row.Id)));
        if (sourceId !== undefined) found.set(sourceId, row);
      }
    }
  }
  return found;
}
