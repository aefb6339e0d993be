/**
 * An expression's result as the value to write in its target field. The result's type must be the field's, as
 * in a Salesforce formula field (a number needs TEXT() to go into a text field): silent conversions would
 * hide mistakes such as writing a date into a number field.
 */
import type { DescribeField } from '../../schema/describeTypes.js';
import { scalarText } from '../../util/scalarText.js';
import type { FormulonDataType, FormulonLiteral } from './formulonInternals.js';

/** The target field of a computed value: its describe (`length` cuts text results; 0 = no limit). */
export type ExpressionTarget = Pick<DescribeField, 'name' | 'type'> & Partial<Pick<DescribeField, 'length'>>;

/** What a computed value is written as: Salesforce's JSON values (dates as ISO text). */
export type ExpressionValue = string | number | boolean | null;

export type TargetValue = { ok: true; value: ExpressionValue } | { ok: false; problem: string };

const TEXT_RESULTS: readonly FormulonDataType[] = ['text', 'picklist'];

/**
 * The result types each target type takes. Text-like targets take text (a picklist value is text); an id or
 * a lookup takes text too, the id it holds (whether the engine remaps it is the wiring's business).
 */
const RESULT_TYPES_OF_TARGET: Readonly<Record<string, readonly FormulonDataType[]>> = {
  string: TEXT_RESULTS,
  textarea: TEXT_RESULTS,
  email: TEXT_RESULTS,
  phone: TEXT_RESULTS,
  url: TEXT_RESULTS,
  picklist: TEXT_RESULTS,
  multipicklist: TEXT_RESULTS,
  combobox: TEXT_RESULTS,
  encryptedstring: TEXT_RESULTS,
  id: TEXT_RESULTS,
  reference: TEXT_RESULTS,
  double: ['number'],
  currency: ['number'],
  percent: ['number'],
  int: ['number'],
  long: ['number'],
  boolean: ['checkbox'],
  date: ['date'],
  datetime: ['datetime'],
  time: ['time'],
};

/** Salesforce's names of formula result types, for messages. */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  text: 'Text',
  picklist: 'Picklist',
  multipicklist: 'Multi-Select Picklist',
  number: 'Number',
  checkbox: 'Checkbox',
  date: 'Date',
  datetime: 'Date/Time',
  time: 'Time',
  geolocation: 'Geolocation',
};

const CONVERSION_HINTS: Readonly<Record<string, string>> = {
  text: 'TEXT() turns a number, date or picklist into text',
  number: 'VALUE() turns text into a number',
  date: 'DATEVALUE() turns text or a date/time into a date',
  datetime: 'DATETIMEVALUE() turns text or a date into a date/time',
};

export function typeName(dataType: string): string {
  return TYPE_NAMES[dataType] ?? dataType;
}

/** Why no expression can compute a field of this type, or undefined. */
export function targetTypeProblem(target: ExpressionTarget): string | undefined {
  return RESULT_TYPES_OF_TARGET[target.type] ? undefined : `${target.name} is a ${target.type} field, which expressions cannot compute`;
}

/** Why a result of this type cannot go into the target field, or undefined. A blank (null) result fits any field. */
export function resultTypeProblem(resultType: FormulonDataType, target: ExpressionTarget): string | undefined {
  const accepted = RESULT_TYPES_OF_TARGET[target.type];
  if (!accepted) return targetTypeProblem(target);
  if (resultType === 'null' || accepted.includes(resultType)) return undefined;
  const wanted = accepted[0] === 'text' ? 'text' : accepted[0];
  const hint = CONVERSION_HINTS[wanted] ? ` (${CONVERSION_HINTS[wanted]})` : '';
  return `the expression's result is ${typeName(resultType)}, but ${target.name} is a ${target.type} field, which takes ${typeName(wanted)}${hint}`;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Text cut to the field's length, as the API's field truncation header would; '' is written as blank (null), as Salesforce stores it. */
function textValue(text: string, target: ExpressionTarget): ExpressionValue {
  const cut = target.length && target.length > 0 && text.length > target.length ? text.slice(0, target.length) : text;
  return cut === '' ? null : cut;
}

function numberValue(value: number, target: ExpressionTarget): TargetValue {
  if (!Number.isFinite(value)) return { ok: false, problem: `the expression's result for ${target.name} is not a number (a division by zero?)` };
  // Integer fields refuse decimals: round half away from zero, as Salesforce's ROUND does.
  const integral = target.type === 'int' || target.type === 'long';
  const written = integral ? Math.sign(value) * Math.round(Math.abs(value)) : value;
  return { ok: true, value: written === 0 ? 0 : written };
}

/** The evaluated result as the value for the target field. */
export function targetValue(result: FormulonLiteral, target: ExpressionTarget): TargetValue {
  const problem = resultTypeProblem(result.dataType, target);
  if (problem) return { ok: false, problem };
  const { value } = result;
  if (value === null || value === undefined) return { ok: true, value: target.type === 'boolean' ? false : null };
  switch (result.dataType) {
    case 'text':
    case 'picklist':
      return { ok: true, value: textValue(scalarText(value), target) };
    case 'number':
      return numberValue(value as number, target);
    case 'checkbox':
      return { ok: true, value: value === true };
    case 'date':
      return { ok: true, value: isoDate(value as Date) };
    case 'datetime':
      return { ok: true, value: (value as Date).toISOString() };
    case 'time':
      return { ok: true, value: (value as Date).toISOString().slice(11) };
    default:
      return { ok: false, problem: `the expression's result for ${target.name} is of type ${typeName(result.dataType)}, which no field takes` };
  }
}
