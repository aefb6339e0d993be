/** The SOQL engine's view of an org's storage (SoqlDataSource), with index lookups for keyed and parent-id filters. */
import type { SoqlDataSource, StoredRecord } from '../soql/types.js';
import { keyPrefixOf, normalizeId } from './ids.js';
import type { RecordStore } from './recordStore.js';
import type { SchemaIndex } from './schemaIndex.js';

/**
 * `WHERE AccountId IN (...)`, the query a sync tool pages children with, answered from the parent index.
 * Undefined (scan) when a value's object is not indexed as a parent; values that are no id match nothing.
 */
function childrenByParent(store: RecordStore, objectName: string, fieldName: string, values: unknown[]): StoredRecord[] | undefined {
  const found: StoredRecord[] = [];
  for (const value of values) {
    const id = typeof value === 'string' ? normalizeId(value) : undefined;
    if (!id) continue;
    const children = store.findChildren(objectName, fieldName, id, true);
    if (!children) return undefined;
    found.push(...children);
  }
  return found;
}

export function createSoqlSource(schema: SchemaIndex, store: RecordStore): SoqlDataSource {
  return {
    describeObject(objectName) {
      const info = schema.object(objectName);
      return info ? { name: info.name, fields: info.def.fields } : undefined;
    },
    scan(objectName, options) {
      return store.scan(objectName, options.includeDeleted);
    },
    childRelationships(objectName) {
      return schema
        .childRelationships(objectName)
        .flatMap(({ relationshipName, childSObject, field }) => (relationshipName ? [{ relationshipName, childObject: childSObject, fieldName: field }] : []));
    },
    scansInIdOrder(objectName) {
      const info = schema.object(objectName);
      return info ? store.scansInIdOrder(info.name) : false;
    },
    getById(id) {
      const full = normalizeId(id);
      return full ? store.get(full) : undefined;
    },
    findByField(objectName, fieldName, values) {
      const info = schema.object(objectName);
      if (!info) return undefined;
      if (fieldName.toLowerCase() === 'id') {
        const found: StoredRecord[] = [];
        for (const value of values) {
          const id = typeof value === 'string' ? normalizeId(value) : undefined;
          const hit = id && keyPrefixOf(id) === info.keyPrefix ? store.get(id) : undefined;
          if (hit) found.push(hit.record);
        }
        return found;
      }
      if (store.isIndexed(info.name, fieldName)) return values.flatMap((value) => store.findByIndex(info.name, fieldName, value, true) ?? []);
      if (schema.field(info.name, fieldName)?.type === 'reference') return childrenByParent(store, info.name, fieldName, values);
      return undefined;
    },
  };
}
