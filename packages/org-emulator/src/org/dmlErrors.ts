/**
 * Salesforce's per-record DML errors, with the texts Salesforce sends (from recorded responses and
 * Salesforce's documentation). Kept in one place so every API reports a failure the same way.
 */
import type { FieldDescribe } from '../schema/model.js';
import type { DmlError } from './dmlTypes.js';

/** Text of a client value for messages and keys; objects as JSON rather than '[object Object]'. */
export function textOf(value: unknown): string {
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function error(statusCode: string, message: string, fields: string[] = []): DmlError {
  return { statusCode, message, fields };
}

export const dmlErrors = {
  requiredFieldsMissing: (fields: string[]): DmlError => error('REQUIRED_FIELD_MISSING', `Required fields are missing: [${fields.join(', ')}]`, fields),
  noSuchColumn: (column: string, objectName: string): DmlError => error('INVALID_FIELD', `No such column '${column}' on sobject of type ${objectName}`),
  notWritable: (field: string): DmlError =>
    error(
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      `Unable to create/update fields: ${field}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      [field]
    ),
  idOnInsert: (): DmlError => error('INVALID_FIELD_FOR_INSERT_UPDATE', 'cannot specify Id in an insert call', ['Id']),
  malformedLookup: (field: FieldDescribe, value: string): DmlError =>
    error('MALFORMED_ID', `${field.label}: id value of incorrect type: ${value}`, [field.name]),
  lookupWrongType: (field: FieldDescribe, value: string): DmlError =>
    error('FIELD_INTEGRITY_EXCEPTION', `${field.label}: id value of incorrect type: ${value}`, [field.name]),
  invalidCrossReference: (fields: string[] = []): DmlError => error('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', fields),
  recordTypeNotValid: (value: string): DmlError =>
    error('INVALID_CROSS_REFERENCE_KEY', `Record Type ID: this ID value isn't valid for the user: ${value}`, ['RecordTypeId']),
  malformedId: (value: string): DmlError => error('MALFORMED_ID', `malformed id ${value}`),
  entityIsDeleted: (fields: string[] = []): DmlError => error('ENTITY_IS_DELETED', 'entity is deleted', fields),
  stringTooLong: (field: FieldDescribe, value: string): DmlError =>
    error('STRING_TOO_LONG', `${field.label}: data value too large: ${value} (max length=${field.length})`, [field.name]),
  restrictedPicklist: (field: FieldDescribe, value: string): DmlError =>
    error('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${field.label}: bad value for restricted picklist field: ${value}`, [field.name]),
  wrongType: (field: FieldDescribe, value: unknown): DmlError =>
    error('INVALID_TYPE_ON_FIELD_IN_RECORD', `${field.label}: value not of required type: ${textOf(value)}`, [field.name]),
  numberOutOfRange: (field: FieldDescribe, value: unknown): DmlError =>
    error('NUMBER_OUTSIDE_VALID_RANGE', `${field.label}: value outside of valid range on numeric field: ${textOf(value)}`, [field.name]),
  invalidEmail: (field: FieldDescribe, value: string): DmlError =>
    error('INVALID_EMAIL_ADDRESS', `${field.label}: invalid email address: ${value}`, [field.name]),
  duplicateValue: (field: string, existingId: string): DmlError =>
    error('DUPLICATE_VALUE', `duplicate value found: ${field} duplicates value on record with id: ${existingId}`),
  duplicateExternalIdMatches: (field: string, ids: string[]): DmlError =>
    error('DUPLICATE_EXTERNAL_ID', `${field}: more than one record found for external id field: [${ids.join(', ')}]`),
  duplicateExternalIdInBatch: (value: string): DmlError => error('DUPLICATE_EXTERNAL_ID', `Duplicate external id specified: ${value}`),
  foreignKeyNotFound: (value: string, field: string, objectName: string): DmlError =>
    error('INVALID_FIELD', `Foreign key external ID: ${value} not found for field ${field} in entity ${objectName}`),
  validationRule: (message: string, field?: string): DmlError => error('FIELD_CUSTOM_VALIDATION_EXCEPTION', message, field ? [field] : []),
  rolledBack: (): DmlError =>
    error('ALL_OR_NONE_OPERATION_ROLLED_BACK', 'Record rolled back because not all records were valid and the request was using AllOrNone header'),
  unableToLock: (id: string): DmlError => error('UNABLE_TO_LOCK_ROW', `unable to obtain exclusive access to this record or 1 records: ${id}`),
  /** An object the API cannot create or update records of (Profile, Organization...), named by its label. */
  entityNotWritable: (mode: 'inserted' | 'updated', objectLabel: string): DmlError =>
    error('CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', `entity type cannot be ${mode}: ${objectLabel}`),
  insufficientAccess: (): DmlError => error('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id'),
  /**
   * A delete blocked by children through a restricted-delete relationship. Wording (trailing newline
   * included) as Salesforce returns it: `Your attempt to delete Mr. Josh Davis could not be completed because
   * it is associated with the following cases.: 00001005\n`.
   */
  deleteRestricted: (recordName: string, childLabelPlural: string, childNames: string[]): DmlError =>
    error(
      'DELETE_FAILED',
      `Your attempt to delete ${recordName} could not be completed because it is associated with the following ${childLabelPlural.toLowerCase()}.: ${childNames.join(', ')}\n`
    ),
};

/** Thrown inside the engine to abandon one record; caught per record and reported in its SaveResult. */
export class RecordError extends Error {
  public constructor(public readonly errors: DmlError[]) {
    super(errors.map((e) => `${e.statusCode}: ${e.message}`).join('; '));
  }
}
