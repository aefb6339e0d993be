/**
 * How the engine treats each describe field type in filters and sorting: which literals it accepts, how
 * values compare, and the type name Salesforce uses in its "value of filter criterion" errors.
 */
import type { FieldDescribe, FieldType } from '../schema/model.js';

export type ValueKind = 'text' | 'multipicklist' | 'id' | 'number' | 'boolean' | 'date' | 'datetime' | 'time' | 'opaque';

const KINDS: Record<FieldType, ValueKind> = {
  id: 'id',
  reference: 'id',
  string: 'text',
  textarea: 'text',
  picklist: 'text',
  combobox: 'text',
  email: 'text',
  phone: 'text',
  url: 'text',
  encryptedstring: 'text',
  anyType: 'text',
  multipicklist: 'multipicklist',
  boolean: 'boolean',
  int: 'number',
  long: 'number',
  double: 'number',
  currency: 'number',
  percent: 'number',
  date: 'date',
  datetime: 'datetime',
  time: 'time',
  base64: 'opaque',
  address: 'opaque',
  location: 'opaque',
};

export function kindOf(field: FieldDescribe): ValueKind {
  return KINDS[field.type];
}

/** The type name in `value of filter criterion for field 'X' must be of type <name> ...`. */
export function filterTypeName(field: FieldDescribe): string {
  switch (field.type) {
    case 'int':
      return 'integer';
    case 'long':
      return 'long';
    case 'double':
    case 'currency':
    case 'percent':
      return 'double';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'dateTime';
    case 'id':
    case 'reference':
      return 'id';
    default:
      return 'string';
  }
}

/** Whether a literal for this field is written in quotes (text and ids) or bare (numbers, dates, ...). */
export function takesQuotedLiteral(kind: ValueKind): boolean {
  return kind === 'text' || kind === 'multipicklist' || kind === 'id';
}
