/**
 * Shapes rows with their parent-to-child subqueries answered, in the REST shape Salesforce uses (recorded:
 * shared/salesforce-fixtures query/cci__TestUpsert.test_simple_upsert__rest__30_GET_query-_Opportunities.json):
 * each parent row holds the relationship name as a property, `null` when no child matches, else a nested
 * query result `{ totalSize, done: true, records: [...] }` whose rows carry `attributes` like top-level rows.
 *
 * Children are read once for all the rows being shaped (a page, or a Bulk step), through the source's
 * parent-id index when it has one, then each parent's are filtered, sorted and cut to the subquery's LIMIT.
 * A nested subquery is answered the same way for all the children of the level above.
 */
import type { ChildQueryPlan, CompiledQuery } from './compileQuery.js';
import { createRowShaper, type ExtraColumn, type Row, type RowShaper } from './rowShaper.js';
import type { SoqlDataSource, SoqlOptions, StoredRecord } from './types.js';

export type NestedQueryResult = { totalSize: number; done: true; records: Row[] };

/** The children `child` selects for each of `parents`, by parent Id; parents without any are left out. */
function childrenByParent(child: ChildQueryPlan, parents: StoredRecord[], source: SoqlDataSource, includeDeleted: boolean): Map<string, StoredRecord[]> {
  const parentIds = new Set(parents.map((parent) => parent.Id));
  const objectName = child.compiled.root.name;
  const { where, sort, query } = child.compiled;
  const candidates = source.findByField?.(objectName, child.parentField, [...parentIds]) ?? source.scan(objectName, { includeDeleted });
  const groups = new Map<string, StoredRecord[]>();
  for (const record of candidates) {
    // An index need not honour the recycle bin (see candidates.ts).
    if (!includeDeleted && record.IsDeleted === true) continue;
    const parentId = record[child.parentField];
    if (typeof parentId !== 'string' || !parentIds.has(parentId)) continue;
    if (where && !where.test(record)) continue;
    const group = groups.get(parentId);
    if (group) group.push(record);
    else groups.set(parentId, [record]);
  }
  for (const [parentId, group] of groups) {
    const ordered = sort ? sort(group) : group;
    const kept = query.limit === undefined ? ordered : ordered.slice(0, query.limit);
    if (kept.length > 0) groups.set(parentId, kept);
    else groups.delete(parentId);
  }
  return groups;
}

/** A shaper for `records` (rows of `compiled`), with their children read and shaped in advance. */
function shaperFor(compiled: CompiledQuery, records: StoredRecord[], source: SoqlDataSource, options: SoqlOptions): RowShaper {
  const paths = compiled.plan.kind === 'rows' ? compiled.plan.paths : [];
  const extras: ExtraColumn[] = compiled.children.map((child) => {
    const groups = childrenByParent(child, records, source, options.includeDeleted);
    const shapeChild = shaperFor(child.compiled, [...groups.values()].flat(), source, options);
    const childObject = child.compiled.root.name;
    const value = (record: StoredRecord): NestedQueryResult | null => {
      const group = groups.get(record.Id);
      return group ? { totalSize: group.length, done: true, records: group.map((row) => shapeChild(row, childObject)) } : null;
    };
    return { position: child.position, key: child.key, value };
  });
  return createRowShaper(paths, source, options.apiVersion, extras);
}

/** `records` (matched by `compiled`) in REST shape, child subqueries included. */
export function shapeRows(compiled: CompiledQuery, records: StoredRecord[], source: SoqlDataSource, options: SoqlOptions): Row[] {
  const shape = shaperFor(compiled, records, source, options);
  return records.map((record) => shape(record, compiled.root.name));
}
