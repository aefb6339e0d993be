import type { DescribeSObject } from '../schema/describeTypes.js';
import type { SchemaDifference } from './schemaDifference.js';

/**
 * Fields the target requires on insert that the sync does not write: createable, not nillable and not given a
 * default by the org. Every insert of the object fails with REQUIRED_FIELD_MISSING.
 */
export function requiredFieldGaps(object: string, target: DescribeSObject, written: readonly string[]): SchemaDifference[] {
  const writes = new Set(written.map((name) => name.toLowerCase()));
  return target.fields
    .filter((field) => field.createable && !field.nillable && !field.defaultedOnCreate && !writes.has(field.name.toLowerCase()))
    .map((field) => ({
      object,
      field: field.name,
      kind: 'requiredInTarget' as const,
      severity: 'blocking' as const,
      what: `${object}.${field.name} is required in the target but the sync does not write it: every insert fails with REQUIRED_FIELD_MISSING.`,
      fix: `Write it: add a "set" or "compute" for ${field.name} to ${object}, or map a source field onto it with "fieldMap".`,
    }));
}
