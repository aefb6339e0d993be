/**
 * The value checks of a template's transformations against the target field they write: constants (`set`),
 * translated values (`valueMap`) and masks (`mask`). Each returns why the value cannot go into the field, or
 * undefined; resolveTransform.ts turns the answers into template problems located at the field.
 */
import type { DescribeField } from '../schema/describeTypes.js';
import type { MaskSpec } from '../mapping/masking/maskKinds.js';
import type { ConstantValue } from './transformRules.js';

const TEXT_TYPES = new Set(['string', 'textarea', 'email', 'phone', 'url', 'encryptedstring', 'combobox']);
const PICKLIST_TYPES = new Set(['picklist', 'multipicklist']);
const NUMBER_TYPES = new Set(['int', 'long', 'double', 'currency', 'percent']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/;
const ISO_TIME = /^\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z?$/;

/** What a wrong constant should have been, for the problem's fix. */
export type ConstantProblem = { given: string; wanted: string };

/** The active values of a restricted picklist, or undefined when the field takes any value. */
export function restrictedValues(field: DescribeField): string[] | undefined {
  if (!PICKLIST_TYPES.has(field.type) || !field.restrictedPicklist) return undefined;
  return field.picklistValues.filter((value) => value.active).map((value) => value.value);
}

/** The values a picklist value writes (each value of a multi-select picklist). */
export function picklistParts(field: DescribeField, value: string): string[] {
  return field.type === 'multipicklist' ? value.split(';') : [value];
}

/** Values the target's restricted picklist refuses among those a rule writes. */
export function refusedValues(field: DescribeField, values: ReadonlyArray<string | null>): string[] {
  const allowed = restrictedValues(field);
  if (!allowed) return [];
  const known = new Set(allowed);
  return values.flatMap((value) => (value === null ? [] : picklistParts(field, value).filter((part) => !known.has(part))));
}

function describeGiven(value: ConstantValue): string {
  return value === null ? 'null' : `the ${typeof value} ${JSON.stringify(value)}`;
}

function wantedOf(field: DescribeField): string {
  if (TEXT_TYPES.has(field.type) || PICKLIST_TYPES.has(field.type)) return 'text (a JSON string)';
  if (NUMBER_TYPES.has(field.type)) return field.type === 'int' || field.type === 'long' ? 'a whole number' : 'a number';
  switch (field.type) {
    case 'boolean':
      return 'true or false';
    case 'date':
      return 'a date as "YYYY-MM-DD"';
    case 'datetime':
      return 'a date and time as "YYYY-MM-DDThh:mm:ssZ"';
    case 'time':
      return 'a time as "hh:mm:ss"';
    default:
      return 'nothing: the field cannot be set to a constant';
  }
}

function fits(field: DescribeField, value: Exclude<ConstantValue, null>): boolean {
  if (TEXT_TYPES.has(field.type) || PICKLIST_TYPES.has(field.type)) return typeof value === 'string';
  if (NUMBER_TYPES.has(field.type)) return typeof value === 'number' && (field.type === 'int' || field.type === 'long' ? Number.isInteger(value) : true);
  if (typeof value !== (field.type === 'boolean' ? 'boolean' : 'string')) return false;
  switch (field.type) {
    case 'boolean':
      return true;
    case 'date':
      return ISO_DATE.test(value as string) && !Number.isNaN(Date.parse(value as string));
    case 'datetime':
      return ISO_DATE_TIME.test(value as string) && !Number.isNaN(Date.parse(value as string));
    case 'time':
      return ISO_TIME.test(value as string);
    default:
      return false;
  }
}

/** Why a constant cannot be written into the field, or undefined. Null clears any field but a checkbox. */
export function constantProblem(field: DescribeField, value: ConstantValue): ConstantProblem | undefined {
  if (value === null) return field.type === 'boolean' ? { given: 'null', wanted: 'true or false (a checkbox is never blank)' } : undefined;
  return fits(field, value) ? undefined : { given: describeGiven(value), wanted: wantedOf(field) };
}

const TEXT_MASKS = new Set(['firstName', 'lastName', 'name', 'phone', 'company', 'street', 'city', 'postalCode', 'redact']);

/** Why the mask cannot fill the field (and what would), or undefined. */
export function maskTypeProblem(spec: MaskSpec, field: DescribeField): string | undefined {
  if (spec.kind === 'null') return field.nillable && field.type !== 'boolean' ? undefined : `the field cannot be blank: use another mask kind`;
  if (spec.kind === 'number') return NUMBER_TYPES.has(field.type) ? undefined : 'number masks fill number, currency and percent fields';
  if (field.type === 'email') return spec.kind === 'email' ? undefined : 'an email field takes the email (or null) mask, whose values are valid addresses';
  if (spec.kind === 'email' || TEXT_MASKS.has(spec.kind)) {
    return TEXT_TYPES.has(field.type) ? undefined : 'text masks fill text, phone, URL and email fields (a picklist would refuse the fake values)';
  }
  return undefined;
}
