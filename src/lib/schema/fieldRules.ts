import type { DescribeField, DescribeSObject } from './describeTypes.js';

/**
 * Audit and system fields that are never written by default. Some become createable with the "Set Audit Fields
 * upon Record Creation" permission; a template can still list them explicitly in `fields`.
 */
export const SYSTEM_FIELDS: ReadonlySet<string> = new Set([
  'Id',
  'IsDeleted',
  'CreatedById',
  'CreatedDate',
  'LastModifiedById',
  'LastModifiedDate',
  'SystemModstamp',
  'LastActivityDate',
  'LastViewedDate',
  'LastReferencedDate',
]);

/** Finds a field by name the way Salesforce does: API names are case-insensitive. */
export function findField(describe: DescribeSObject, name: string): DescribeField | undefined {
  const lower = name.toLowerCase();
  return describe.fields.find((field) => field.name.toLowerCase() === lower);
}

export function isLookup(field: DescribeField): boolean {
  return field.type === 'reference' && field.referenceTo.length > 0;
}

/** Master-detail fields are the reference fields with a relationship order (0 or 1). */
export function isMasterDetail(field: DescribeField): boolean {
  return isLookup(field) && field.relationshipOrder !== null && field.relationshipOrder !== undefined;
}

/** A field sf isync can write: createable or updateable, and not computed by Salesforce. */
export function isWritable(field: DescribeField): boolean {
  return (field.createable || field.updateable) && !field.calculated && !field.autoNumber;
}

/**
 * Fields written when a template does not list them: the writable fields minus the system fields. `OwnerId`
 * stays: it is a lookup to User/Group, resolved in the target like any reference.
 */
export function defaultWritableFields(describe: DescribeSObject): string[] {
  return describe.fields.filter((field) => isWritable(field) && !SYSTEM_FIELDS.has(field.name)).map((f) => f.name);
}

/** The object's name field (Name, CaseNumber, Subject...), if it has one. */
export function nameField(describe: DescribeSObject): DescribeField | undefined {
  return describe.fields.find((field) => field.nameField);
}

/**
 * Objects whose name field is text that the org fills in, not a name people give: OpportunityLineItem's Name
 * is "<Opportunity> <Product>", the same for every line of a product.
 */
const GENERATED_NAMES: ReadonlySet<string> = new Set(['OpportunityLineItem']);

/**
 * The field that identifies the object's records across orgs, if it has one: the first external id field, else
 * the name field when it is a name people give (text, not an auto-number such as CaseNumber, which each org
 * generates, nor a picklist-like combobox such as Task.Subject, which thousands of records share). Objects
 * without one are matched by history.
 */
export function naturalKeyField(describe: DescribeSObject): DescribeField | undefined {
  const externalId = firstExternalIdField(describe);
  if (externalId) return externalId;
  const name = nameField(describe);
  return name && name.type === 'string' && !name.autoNumber && !GENERATED_NAMES.has(describe.name) ? name : undefined;
}

/** The first external id field in describe order, the default match key. */
export function firstExternalIdField(describe: DescribeSObject): DescribeField | undefined {
  return describe.fields.find((field) => field.externalId);
}
