/**
 * Shapes stored records as the REST query endpoint returns them: `attributes` first, then the selected
 * fields in select order, parent paths nested under their relationship name (`Owner: { attributes,
 * Username }`), and `null` for a parent that is not set.
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

export function createRowShaper(paths: ResolvedPath[], source: SoqlDataSource, apiVersion: string): RowShaper {
  const planned: PlannedPath[] = paths.map((resolved) => {
    const names = resolved.hops.map((h) => h.relationshipName);
    return { resolved, parentKeys: names.map((_, i) => names.slice(0, i + 1).join('.')) };
  });
  return (record, objectName) => {
    const row: Row = { attributes: recordAttributes(objectName, record.Id, apiVersion) };
    // Parent nodes already built for this row, so `Account.Name, Account.Type` share one `Account`.
    const parents = new Map<string, { node: Row; record: StoredRecord } | null>();
    for (const { resolved, parentKeys } of planned) {
      let node = row;
      let current: StoredRecord | undefined = record;
      for (let i = 0; i < resolved.hops.length && current; i += 1) {
        const hop = resolved.hops[i];
        let entry = parents.get(parentKeys[i]);
        if (entry === undefined) {
          const parent = followHop(current, hop, source);
          entry = parent
            ? { node: { attributes: recordAttributes(parent.objectName, parent.record.Id, apiVersion) }, record: parent.record }
            : null;
          parents.set(parentKeys[i], entry);
          node[hop.relationshipName] = entry ? entry.node : null;
        }
        node = entry ? entry.node : node;
        current = entry?.record;
      }
      if (current) node[resolved.field.name] = current[resolved.field.name] ?? null;
    }
    return row;
  };
}
