/**
 * Helpers to declare the standard objects that have no recorded describe (User, Product2, ...): a field
 * spec plus the few flags Salesforce sets differently on standard fields (read-only, create-only,
 * defaulted), and the assembly of Id + fields + audit fields under the recorded global header.
 */
import { buildField } from './fieldBuilders.js';
import type { FieldSpec } from './fieldSpec.js';
import type { FieldDescribe, ObjectDef, ParentRelationshipDef } from './model.js';
import { standardObjectHeader } from './objectHeaders.js';
import { auditFields, idField } from './systemFields.js';

/** Computed or org-maintained: readable only. */
export const READ_ONLY: Partial<FieldDescribe> = { createable: false, updateable: false, permissionable: false };
/** Set on create, fixed afterwards (e.g. PricebookEntry.Product2Id). */
export const CREATE_ONLY: Partial<FieldDescribe> = { updateable: false };
/** Required but filled by the org when omitted (e.g. User.CommunityNickname, Pricebook2.IsStandard). */
export const DEFAULTED: Partial<FieldDescribe> = { defaultedOnCreate: true };

/** A standard field: the builder's describe with standard-field flags; never custom. */
export function standardField(spec: FieldSpec, ...flags: Array<Partial<FieldDescribe>>): FieldDescribe {
  return Object.assign(buildField(spec), ...flags, { custom: false }) as FieldDescribe;
}

export type StandardObjectParts = {
  /** Fields after Id, in describe order; audit fields follow unless `withAuditFields` is false. */
  fields: FieldDescribe[];
  /** Fields listed after the audit fields (LastViewedDate...). */
  trailingFields?: FieldDescribe[];
  withAuditFields?: boolean;
  parentRelationships?: Record<string, ParentRelationshipDef>;
};

export function buildStandardObject(objectName: string, parts: StandardObjectParts): ObjectDef {
  const header = standardObjectHeader(objectName);
  return {
    header,
    fields: [idField(`${header.label} ID`), ...parts.fields, ...(parts.withAuditFields === false ? [] : auditFields()), ...(parts.trailingFields ?? [])],
    recordTypes: [],
    validationRules: [],
    parentRelationships: parts.parentRelationships ?? {},
  };
}
