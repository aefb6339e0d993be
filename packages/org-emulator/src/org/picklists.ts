/**
 * Restricted picklists accept only their active values, and only those their record type allows.
 * Unrestricted picklists take any text through the API, as on Salesforce.
 */
import type { FieldDescribe } from '../schema/model.js';
import { dmlErrors, RecordError } from './dmlErrors.js';
import type { RegisteredRecordType } from './recordTypes.js';

export function checkPicklist(field: FieldDescribe, value: string, recordType: RegisteredRecordType | undefined): void {
  if (!field.restrictedPicklist) return;
  const active = new Set(field.picklistValues.filter((p) => p.active).map((p) => p.value));
  const allowedByType = recordType?.def.picklistValues?.[field.name];
  const values = field.type === 'multipicklist' ? value.split(';') : [value];
  for (const v of values) {
    if (!active.has(v) || (allowedByType && !allowedByType.includes(v))) {
      throw new RecordError([dmlErrors.restrictedPicklist(field, v)]);
    }
  }
}

/** The picklist's default value, if the field declares one. */
export function picklistDefault(field: FieldDescribe): string | undefined {
  return field.picklistValues.find((p) => p.active && p.defaultValue)?.value;
}
