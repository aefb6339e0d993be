/**
 * Lookup and master-detail values: an id must be well formed, point at one of the field's target objects
 * and at a live record. A nested object (`"Account": {"Ext__c": "A-1"}`) names the parent by external id.
 */
import type { FieldDescribe } from '../schema/model.js';
import { dmlErrors, RecordError } from './dmlErrors.js';
import { keyPrefixOf, normalizeId } from './ids.js';
import type { OrgContext } from './orgContext.js';

function targets(field: FieldDescribe): Set<string> {
  return new Set(field.referenceTo.map((t) => t.toLowerCase()));
}

/** Validates a reference id and returns its 18-char form. */
export function checkReference(ctx: OrgContext, objectName: string, field: FieldDescribe, value: string): string {
  const id = normalizeId(value);
  if (!id) throw new RecordError([dmlErrors.malformedLookup(field, value)]);
  if (field.name === 'RecordTypeId') {
    const recordType = ctx.recordTypes.get(id);
    if (!recordType || !recordType.def.active || recordType.objectName.toLowerCase() !== objectName.toLowerCase()) {
      throw new RecordError([dmlErrors.recordTypeNotValid(value)]);
    }
    return id;
  }
  const target = ctx.schema.objectByPrefix(keyPrefixOf(id));
  if (!target || !targets(field).has(target.name.toLowerCase())) {
    throw new RecordError([dmlErrors.lookupWrongType(field, value)]);
  }
  const found = ctx.store.get(id);
  if (!found) throw new RecordError([dmlErrors.invalidCrossReference([field.name])]);
  if (found.record.IsDeleted) throw new RecordError([dmlErrors.entityIsDeleted([field.name])]);
  // The parent's own Id string, not a copy: a million children then share their parents' ids in memory.
  return found.record.Id;
}

/** Resolves `"Relationship": {"attributes": {"type": T}, "ExtField": value}` to the parent's id. */
export function resolveRelationship(ctx: OrgContext, field: FieldDescribe, nested: Record<string, unknown>): string {
  const attributes = nested.attributes as { type?: string } | undefined;
  const targetName = attributes?.type ?? field.referenceTo[0];
  const target = ctx.schema.object(targetName);
  const keys = Object.keys(nested).filter((k) => k !== 'attributes');
  if (!target || !targets(field).has(target.name.toLowerCase()) || keys.length !== 1) {
    throw new RecordError([dmlErrors.wrongType(field, nested)]);
  }
  const keyField = target.fieldsByLowerName.get(keys[0].toLowerCase());
  const value = nested[keys[0]];
  if (!keyField || !(keyField.externalId || keyField.idLookup)) {
    throw new RecordError([dmlErrors.noSuchColumn(keys[0], target.name)]);
  }
  if (keyField.type === 'id') return checkReference(ctx, target.name, field, String(value));
  const matches = ctx.store.findByIndex(target.name, keyField.name, value) ?? [];
  if (matches.length === 0) {
    throw new RecordError([dmlErrors.foreignKeyNotFound(String(value), keyField.name, target.name)]);
  }
  if (matches.length > 1) {
    throw new RecordError([
      dmlErrors.duplicateExternalIdMatches(
        keyField.name,
        matches.map((r) => r.Id)
      ),
    ]);
  }
  return matches[0].Id;
}
