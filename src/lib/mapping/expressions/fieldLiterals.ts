/**
 * Record values as formulon literals, by the describe type of their field. Text fields read a blank as ''
 * (Salesforce formulas make no difference between a blank text and an empty one, and text functions work on
 * ''); other types read a blank as formulon's null, which the evaluator propagates (evaluateFormula.ts).
 */
import type { DescribeField, DescribePicklistValue } from '../../schema/describeTypes.js';
import { scalarText } from '../../util/scalarText.js';
import type { FormulonDataType, FormulonLiteral } from './formulonInternals.js';

/** A field an expression reads: a field of the record or a parent's (`Account.Name`), as the describe tells it. */
export type ExpressionField = Pick<DescribeField, 'type'> & {
  /** The path as the records carry it (`Account.Name`), in the describe's spelling, which the expression may not use. */
  path: string;
  picklistValues?: ReadonlyArray<Pick<DescribePicklistValue, 'value'>>;
};

const FORMULON_TYPE_OF_DESCRIBE_TYPE: Readonly<Record<string, FormulonDataType>> = {
  string: 'text',
  textarea: 'text',
  email: 'text',
  phone: 'text',
  url: 'text',
  id: 'text',
  reference: 'text',
  combobox: 'text',
  encryptedstring: 'text',
  picklist: 'picklist',
  multipicklist: 'multipicklist',
  double: 'number',
  currency: 'number',
  percent: 'number',
  int: 'number',
  long: 'number',
  boolean: 'checkbox',
  date: 'date',
  datetime: 'datetime',
  time: 'time',
};

/** The formulon type a describe type reads as; undefined for types expressions cannot read (address, location, base64). */
export function formulonTypeOf(describeType: string): FormulonDataType | undefined {
  return FORMULON_TYPE_OF_DESCRIBE_TYPE[describeType];
}

function literal(dataType: FormulonDataType, value: unknown, options: Record<string, unknown> = {}): FormulonLiteral {
  return { type: 'literal', dataType, value, options };
}

export const NULL_LITERAL: FormulonLiteral = literal('null', null);

export function textLiteral(text: string): FormulonLiteral {
  return literal('text', text, { length: text.length });
}

/** formulon's number options: digits left of the point and the scale, from the value itself, so nothing is rounded. */
export function numberLiteral(value: number): FormulonLiteral {
  const [whole, fraction = ''] = Math.abs(value).toString().split('.');
  return literal('number', value, { length: whole.length, scale: /e/i.test(fraction) ? 16 : fraction.length });
}

export function dateLiteral(dataType: 'date' | 'datetime' | 'time', value: Date): FormulonLiteral {
  return literal(dataType, value);
}

function isBlank(raw: unknown): boolean {
  return raw === null || raw === undefined || raw === '';
}

function numberOf(raw: unknown): number | undefined {
  const number = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : Number.NaN;
  return Number.isFinite(number) ? number : undefined;
}

/** REST gives `2024-01-02T03:04:05.000+0000`, which Date reads; Bulk CSV the same. */
function dateOf(dataType: 'date' | 'datetime' | 'time', raw: unknown): Date | undefined {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? undefined : raw;
  if (typeof raw !== 'string') return undefined;
  const text = dataType === 'date' ? `${raw.slice(0, 10)}T00:00:00Z` : dataType === 'time' ? `1970-01-01T${raw}` : raw;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * The literal of one record value, or undefined when the value does not fit its field's type (a corrupt
 * value: the caller reports it without echoing it).
 */
export function literalOf(field: ExpressionField, dataType: FormulonDataType, raw: unknown): FormulonLiteral | undefined {
  if (dataType === 'text') return textLiteral(isBlank(raw) ? '' : scalarText(raw));
  // A checkbox is never blank in Salesforce: false.
  if (dataType === 'checkbox') return literal('checkbox', raw === true || raw === 'true');
  if (isBlank(raw)) return NULL_LITERAL;
  switch (dataType) {
    case 'number': {
      const number = numberOf(raw);
      return number === undefined ? undefined : numberLiteral(number);
    }
    case 'date':
    case 'datetime':
    case 'time': {
      const date = dateOf(dataType, raw);
      return date && dateLiteral(dataType, date);
    }
    case 'picklist':
      return typeof raw === 'string' ? literal('picklist', raw, { values: (field.picklistValues ?? []).map((entry) => entry.value) }) : undefined;
    case 'multipicklist':
      return typeof raw === 'string' ? literal('multipicklist', raw.split(';'), { values: (field.picklistValues ?? []).map((entry) => entry.value) }) : undefined;
    default:
      return undefined;
  }
}

/**
 * A typical non-blank value of the type, to evaluate the expression once at compile time: formulon then checks
 * every function's argument types and counts and tells the result's type. A picklist's first value, if any.
 */
export function probeLiteral(field: ExpressionField, dataType: FormulonDataType): FormulonLiteral {
  const firstValue = field.picklistValues?.[0]?.value ?? 'a';
  const probes: Record<FormulonDataType, unknown> = {
    text: 'a',
    number: 1,
    checkbox: true,
    date: '2000-01-01',
    datetime: '2000-01-01T00:00:00Z',
    time: '00:00:00.000Z',
    picklist: firstValue,
    multipicklist: firstValue,
    geolocation: null,
    null: null,
  };
  return literalOf(field, dataType, probes[dataType]) ?? NULL_LITERAL;
}
