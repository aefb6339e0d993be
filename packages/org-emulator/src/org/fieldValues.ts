/**
 * Converts a value sent by a client (JSON or CSV text) into the stored form of a field, or rejects it as
 * Salesforce does. Reference, picklist and uniqueness checks need the org's data and live elsewhere.
 */
import type { FieldDescribe } from '../schema/model.js';
import type { DmlError } from './dmlTypes.js';
import { dmlErrors, textOf } from './dmlErrors.js';

export type Coerced = { ok: true; value: unknown } | { ok: false; error: DmlError };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z?$/;
// Salesforce's own check is looser than RFC 5322 but requires local@domain.tld without spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function ok(value: unknown): Coerced {
  return { ok: true, value };
}

function fail(error: DmlError): Coerced {
  return { ok: false, error };
}

function isCalendarDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Salesforce's wire form of a datetime: `2024-05-01T10:00:00.000+0000`. */
export function formatDatetime(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

function coerceText(field: FieldDescribe, value: unknown): Coerced {
  if (typeof value === 'object') return fail(dmlErrors.wrongType(field, value));
  const text = textOf(value);
  if (field.length > 0 && text.length > field.length) return fail(dmlErrors.stringTooLong(field, text));
  if (field.type === 'email' && text !== '' && !EMAIL.test(text)) return fail(dmlErrors.invalidEmail(field, text));
  return ok(text === '' ? null : text);
}

function coerceNumber(field: FieldDescribe, value: unknown): Coerced {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) return fail(dmlErrors.wrongType(field, value));
  if (field.type === 'int' && !Number.isInteger(n)) return fail(dmlErrors.wrongType(field, value));
  const integerDigits = field.type === 'int' ? field.digits : field.precision - field.scale;
  if (integerDigits > 0 && Math.abs(Math.trunc(n)).toString().length > integerDigits) {
    return fail(dmlErrors.numberOutOfRange(field, value));
  }
  return ok(field.scale > 0 ? Number(n.toFixed(field.scale)) : field.type === 'int' ? n : n);
}

function coerceBoolean(field: FieldDescribe, value: unknown): Coerced {
  if (typeof value === 'boolean') return ok(value);
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return ok(value.toLowerCase() === 'true');
  return fail(dmlErrors.wrongType(field, value));
}

function coerceDate(field: FieldDescribe, value: unknown): Coerced {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    return fail(dmlErrors.wrongType(field, value));
  }
  return ok(value);
}

function coerceDatetime(field: FieldDescribe, value: unknown): Coerced {
  const match = typeof value === 'string' ? DATETIME.exec(value) : null;
  if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    return fail(dmlErrors.wrongType(field, value));
  }
  const zone = match[8] ? (match[8] === 'Z' ? 'Z' : match[8].replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2')) : 'Z';
  const fraction = (match[7] ?? '0').slice(0, 3).padEnd(3, '0');
  const iso = `${match[1]}-${match[2]}-${match[3]}T${match[4] ?? '00'}:${match[5] ?? '00'}:${match[6] ?? '00'}.${fraction}${zone}`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return fail(dmlErrors.wrongType(field, value));
  return ok(formatDatetime(date));
}

function coerceTime(field: FieldDescribe, value: unknown): Coerced {
  const match = typeof value === 'string' ? TIME.exec(value) : null;
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59 || Number(match[3] ?? 0) > 59) {
    return fail(dmlErrors.wrongType(field, value));
  }
  return ok(`${match[1]}:${match[2]}:${match[3] ?? '00'}.${(match[4] ?? '0').padEnd(3, '0')}Z`);
}

/**
 * Coerces one non-null value. Numbers and booleans arrive as JSON values or as CSV text; Salesforce's JSON
 * reader accepts numeric strings for number fields and scalars for text fields, so the emulator does too.
 */
export function coerceFieldValue(field: FieldDescribe, value: unknown): Coerced {
  switch (field.type) {
    case 'int':
    case 'long':
    case 'double':
    case 'currency':
    case 'percent':
      return coerceNumber(field, value);
    case 'boolean':
      return coerceBoolean(field, value);
    case 'date':
      return coerceDate(field, value);
    case 'datetime':
      return coerceDatetime(field, value);
    case 'time':
      return coerceTime(field, value);
    case 'address':
    case 'location':
      return fail(dmlErrors.wrongType(field, value));
    case 'reference':
    case 'id':
      return typeof value === 'string' ? ok(value === '' ? null : value) : fail(dmlErrors.wrongType(field, value));
    case 'anyType':
      return ok(value);
    default:
      return coerceText(field, value);
  }
}
