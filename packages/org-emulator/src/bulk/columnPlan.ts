/**
 * What each header cell of an upload means: a field of the job's object, or a lookup through a relationship
 * (`Account.External_Id__c`, polymorphic `Lead:Who.Email`) that Salesforce resolves to a parent id. A header
 * Salesforce would reject fails the whole job with its `InvalidBatch : …` message.
 */
import type { FieldDescribe } from '../schema/model.js';
import { InvalidCsvError } from './csvFormat.js';
import type { ObjectFields } from './types.js';

export type FieldColumn = { kind: 'field'; index: number; field: FieldDescribe };

export type LookupColumn = {
  kind: 'lookup';
  index: number;
  header: string;
  /** The reference field the resolved parent id is written to. */
  referenceField: FieldDescribe;
  parentObject: string;
  /** The parent's indexed field the cell's value is matched on. */
  parentField: FieldDescribe;
};

export type ColumnPlan = FieldColumn | LookupColumn;

type Describe = (objectName: string) => ObjectFields | undefined;

function findField(fields: FieldDescribe[], name: string): FieldDescribe | undefined {
  const lower = name.toLowerCase();
  return fields.find((field) => field.name.toLowerCase() === lower);
}

function invalidBatch(detail: string): InvalidCsvError {
  return new InvalidCsvError(`InvalidBatch : ${detail}`);
}

function planLookup(header: string, index: number, object: ObjectFields, describe: Describe): LookupColumn {
  const dot = header.indexOf('.');
  const relationPart = header.slice(0, dot);
  const parentFieldName = header.slice(dot + 1);
  const colon = relationPart.indexOf(':');
  const typeName = colon >= 0 ? relationPart.slice(0, colon) : undefined;
  const relationshipName = colon >= 0 ? relationPart.slice(colon + 1) : relationPart;

  const lower = relationshipName.toLowerCase();
  const referenceField = object.fields.find((field) => field.relationshipName?.toLowerCase() === lower);
  if (!referenceField) throw invalidBatch(`Unable to find relationship: ${relationshipName}`);
  const polymorphic = referenceField.referenceTo.length > 1;
  if (typeName !== undefined && !polymorphic) {
    throw invalidBatch(`type is not needed for non polymorphic foreign key references: ${relationshipName}`);
  }
  const parentName = typeName ?? referenceField.referenceTo[0];
  const parent = referenceField.referenceTo.some((target) => target.toLowerCase() === parentName.toLowerCase()) ? describe(parentName) : undefined;
  if (!parent) throw invalidBatch(`Unable to find relationship: ${relationshipName}`);
  // Salesforce allows one level only (child-to-parent, not grandparent).
  const parentField = parentFieldName.includes('.') ? undefined : findField(parent.fields, parentFieldName);
  if (!parentField) throw invalidBatch(`Field name not found : ${header}`);
  return { kind: 'lookup', index, header, referenceField, parentObject: parent.name, parentField };
}

export function planColumns(header: string[], object: ObjectFields, describe: Describe): ColumnPlan[] {
  return header.map((cell, index): ColumnPlan => {
    if (cell.includes('.')) return planLookup(cell, index, object, describe);
    const field = findField(object.fields, cell);
    if (!field) throw invalidBatch(`Field name not found : ${cell}`);
    return { kind: 'field', index, field };
  });
}
