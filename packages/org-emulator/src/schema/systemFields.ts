/**
 * The fields Salesforce adds to every object (Id, audit fields, IsDeleted) or to objects with owners, record
 * types or a name, with the exact flags of recorded describes (With_External_Id__c, Broker__c,
 * TicketAllocation__c, Account, Case). The org maintains their values; clients can write only OwnerId,
 * RecordTypeId and a text Name.
 */
import { baseField } from './fieldBuilders.js';
import type { FieldDescribe, FieldType } from './model.js';

const ID_LENGTH = 18;

/** A field only the org writes: not createable/updateable, always set on create, never null. */
function systemField(name: string, label: string, type: FieldType, soapType: string): FieldDescribe {
  const field = baseField(name, label, type, soapType);
  field.createable = false;
  field.updateable = false;
  field.defaultedOnCreate = true;
  field.nillable = false;
  field.permissionable = false;
  return field;
}

function systemReference(name: string, label: string, referenceTo: string[], relationshipName: string): FieldDescribe {
  const field = systemField(name, label, 'reference', 'tns:ID');
  field.length = ID_LENGTH;
  field.byteLength = ID_LENGTH;
  field.referenceTo = referenceTo;
  field.relationshipName = relationshipName;
  return field;
}

/** `Id`; standard objects label it "<Object> ID", custom ones "Record ID". */
export function idField(label = 'Record ID'): FieldDescribe {
  const field = systemField('Id', label, 'id', 'tns:ID');
  field.length = ID_LENGTH;
  field.byteLength = ID_LENGTH;
  field.idLookup = true;
  return field;
}

export function isDeletedField(): FieldDescribe {
  const field = systemField('IsDeleted', 'Deleted', 'boolean', 'xsd:boolean');
  field.aggregatable = false;
  field.defaultValue = false;
  return field;
}

function auditDate(name: string, label: string): FieldDescribe {
  const field = systemField(name, label, 'datetime', 'xsd:dateTime');
  field.groupable = false;
  return field;
}

/** CreatedDate, CreatedById, LastModifiedDate, LastModifiedById, SystemModstamp, in describe order. */
export function auditFields(): FieldDescribe[] {
  return [
    auditDate('CreatedDate', 'Created Date'),
    systemReference('CreatedById', 'Created By ID', ['User'], 'CreatedBy'),
    auditDate('LastModifiedDate', 'Last Modified Date'),
    systemReference('LastModifiedById', 'Last Modified By ID', ['User'], 'LastModifiedBy'),
    auditDate('SystemModstamp', 'System Modstamp'),
  ];
}

/** LastViewedDate / LastReferencedDate (objects with recent items): read-only and null until viewed. */
export function recentlyViewedFields(): FieldDescribe[] {
  return [auditDate('LastViewedDate', 'Last Viewed Date'), auditDate('LastReferencedDate', 'Last Referenced Date')].map((field) => ({
    ...field,
    defaultedOnCreate: false,
    nillable: true,
  }));
}

/** LastActivityDate, on objects that allow activities (Tasks/Events). */
export function lastActivityDateField(): FieldDescribe {
  return { ...systemField('LastActivityDate', 'Last Activity', 'date', 'xsd:date'), defaultedOnCreate: false, nillable: true };
}

/**
 * OwnerId. Custom objects and queue-enabled standard objects (Case, Lead) can be owned by a queue, so
 * their OwnerId points to Group and User (polymorphic); Account, Contact, Opportunity only to User.
 */
export function ownerIdField(referenceTo: string[] = ['Group', 'User'], label = 'Owner ID'): FieldDescribe {
  const field = systemReference('OwnerId', label, referenceTo, 'Owner');
  field.createable = true;
  field.updateable = true;
  if (referenceTo.length > 1) {
    field.polymorphicForeignKey = true;
    field.namePointing = true;
  }
  return field;
}

/** RecordTypeId, on objects with record types: optional on create (the default record type applies). */
export function recordTypeIdField(): FieldDescribe {
  const field = systemReference('RecordTypeId', 'Record Type ID', ['RecordType'], 'RecordType');
  field.createable = true;
  field.updateable = true;
  field.defaultedOnCreate = false;
  field.nillable = true;
  return field;
}

/**
 * A custom object's Name: Text(80), nillable because Salesforce stores the record Id as the name when
 * none is given (hence defaultedOnCreate), and usable to look records up.
 */
export function textNameField(label: string): FieldDescribe {
  const field = systemField('Name', label, 'string', 'xsd:string');
  field.length = 80;
  field.byteLength = 240;
  field.createable = true;
  field.updateable = true;
  field.nillable = true;
  field.defaultedOnCreate = true;
  field.nameField = true;
  field.idLookup = true;
  return field;
}

/** An auto-number Name (or CaseNumber-style field): the org assigns it, nobody writes it, not groupable. */
export function autoNumberNameField(label: string, name = 'Name', length = 80): FieldDescribe {
  const field = systemField(name, label, 'string', 'xsd:string');
  field.length = length;
  field.byteLength = 3 * length;
  field.autoNumber = true;
  field.nameField = true;
  field.idLookup = true;
  field.groupable = false;
  return field;
}
