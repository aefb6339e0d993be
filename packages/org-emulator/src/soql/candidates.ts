/**
 * Which stored records a query has to look at: an index hit through `SoqlDataSource.findByField` when the
 * WHERE has a usable top-level equality/IN term, otherwise a scan of the object.
 */
import type { IndexHint } from './where.js';
import type { SoqlDataSource, StoredRecord } from './types.js';

function fromIndex(objectName: string, hints: IndexHint[], source: SoqlDataSource): StoredRecord[] | undefined {
  if (!source.findByField) return undefined;
  // The term with the fewest values is likely the most selective.
  const ordered = [...hints].sort((a, b) => a.values.length - b.values.length);
  for (const hint of ordered) {
    const found = source.findByField(objectName, hint.fieldName, hint.values);
    if (!found) continue;
    // An IN list may name a record twice, and an index need not honour the recycle bin: clean up here.
    const unique = new Map<string, StoredRecord>();
    for (const record of found) unique.set(record.Id, record);
    return [...unique.values()];
  }
  return undefined;
}

export function candidateRecords(
  objectName: string,
  hints: IndexHint[],
  source: SoqlDataSource,
  includeDeleted: boolean
): { records: Iterable<StoredRecord>; scanned: boolean } {
  const indexed = fromIndex(objectName, hints, source);
  if (!indexed) return { records: source.scan(objectName, { includeDeleted }), scanned: true };
  // An index answers in its own order (an IN list's), not the scan's.
  return { records: includeDeleted ? indexed : indexed.filter((r) => r.IsDeleted !== true), scanned: false };
}
