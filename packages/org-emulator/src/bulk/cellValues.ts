/**
 * CSV cells to DML values, following Salesforce's CSV rules: an empty cell is not sent (nothing set on insert,
 * the field left alone on update), `#N/A` sets the field to null, and text becomes the field's type when it
 * reads as one. Text that does not (e.g. `abc` for a number) is passed on as is so the DML engine reports the
 * same per-record error a REST call would.
 */
import type { FieldDescribe } from '../schema/model.js';

export const NULL_MARKER = '#N/A';

/** `undefined` = leave the field out of the record. */
export type CellValue = string | number | boolean | null | undefined;

const NUMBER_TYPES = new Set(['int', 'long', 'double', 'currency', 'percent']);
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function typedValue(text: string, field: FieldDescribe): string | number | boolean {
  if (field.type === 'boolean') {
    const lower = text.toLowerCase();
    if (lower === 'true' || lower === '1') return true;
    if (lower === 'false' || lower === '0') return false;
    return text;
  }
  if (NUMBER_TYPES.has(field.type) && NUMBER_TEXT.test(text)) return Number(text);
  return text;
}

export function cellValue(text: string, field: FieldDescribe): CellValue {
  if (text === '') return undefined;
  if (text === NULL_MARKER) return null;
  return typedValue(text, field);
}
