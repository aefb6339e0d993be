/**
 * Shapes stored records as the REST query endpoint returns them: `attributes` first, then the selected
 * fields in select order, parent paths nested under their relationship name (`Owner: { attributes,
 * Username }`), and `null` for a parent that is not set. Child subqueries' results (childRows.ts) come in
 * as extra columns at their place in the select list.
 */
import type { ResolvedPath } from './resolver.js';
import type { SoqlDataSource, StoredRecord } from './types.js';
import { followHop } from './values.js';

export type Row = Record<string, unknown>;

export function recordAttributes(objectName: string, id: string, apiVersion: string): { type: string; url: string } {
  return { type: objectName, url: `/services/data/v${apiVersion}/sobjects/${objectName}/${id}` };
}

/** A selected path with the keys of the parent nodes it passes through (e.g. 'Account', 'Account.Owner'). */
type PlannedPath = { resolved: ResolvedPath; parentKeys: string[] };

export type RowShaper = (record: StoredRecord, objectName: string) => Row;

/** A computed column: `key` set to `value(record)` before the field path at `position` in `paths`. */
export type ExtraColumn = { position: number; key: string; value: (record: StoredRecord) => unknown };

export function createRowShaper(paths: ResolvedPath[], source: SoqlDataSource, apiVersion: string, extras: ExtraColumn[] = []): RowShaper {
  const planned: PlannedPath[] = paths.map((resolved) => {
    const names = resolved.hops.map((h) => h.relationshipName);
    return { resolved, parentKeys: names.map((_, i) => names.slice(0, i + 1).join('.')) };
  });
  // Computed once: the row loop runs per record, and most queries have no extra columns.
  const extrasAt: ExtraColumn[][] = Array.from({ length: planned.length + 1 }, (_, position) => extras.filter((extra) => extra.position === position));
  return (record, objectName) => {
    const row: Row = { attributes: recordAttributes(objectName, record.Id, apiVersion) };
    // Parent nodes already built for this row, so `Account.Name, Account.Type` share one `Account`.
    const parents = new Map<string, { node: Row; record: StoredRecord } | null>();
    for (const [index, { resolved, parentKeys }] of planned.entries()) {
      for (const extra of extrasAt[index]) row[extra.key] = extra.value(record);
      let node = row;
      let current: StoredRecord | undefined = record;
      for (let i = 0; i < resolved.hops.length && current; i += 1) {
        const hop = resolved.hops[i];
        let entry = parents.get(parentKeys[i]);
        if (entry === undefined) {
          const parent = followHop(current, hop, source);
          entry = parent ? { node: { attributes: recordAttributes(parent.objectName, parent.record.Id, apiVersion) }, record: parent.record } : null;
          parents.set(parentKeys[i], entry);
          node[hop.relationshipName] = entry ? entry.node : null;
        }
        node = entry ? entry.node : node;
        current = entry?.record;
      }
      if (current) node[resolved.field.name] = current[resolved.field.name] ?? null;
    }
    for (const extra of extrasAt[planned.length]) row[extra.key] = extra.value(record);
    return row;
  };
}
