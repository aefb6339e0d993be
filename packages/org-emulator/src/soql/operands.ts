/**
 * Turns a WHERE literal into an operand for one field, checking its type as Salesforce does: text and ids
 * take quoted strings, numbers/booleans/dates take bare literals, a date field takes a date (never a
 * dateTime) and a dateTime field a dateTime, while relative literals (TODAY, ...) suit both.
 */
import type { Literal } from './ast.js';
import { dateFunctionRange, dayRangeToMillis, parseDate, parseDateTime } from './dateLiterals.js';
import { messages, queryError } from './errors.js';
import { filterTypeName, takesQuotedLiteral, type ValueKind } from './fieldKinds.js';
import { canonicalId, toId18 } from './ids.js';
import type { ResolvedPath } from './resolver.js';
import type { Comparable } from './values.js';

export type Operand =
  | { kind: 'null' }
  /** `indexValue` is the value as stored, for `SoqlDataSource.findByField`. */
  | { kind: 'value'; value: Exclude<Comparable, null>; indexValue: unknown }
  /** A relative date literal: [start, end) in the field's comparable unit (days or milliseconds). */
  | { kind: 'range'; start: number; end: number };

export type OperandContext = { text: string; now: Date };

/** INVALID_FIELD `value of filter criterion for field 'X' must be of type T and should (not) be enclosed in quotes`. */
export function literalTypeMismatch(resolved: ResolvedPath, kind: ValueKind, literal: Literal, text: string): Error {
  const message = messages.wrongLiteralType(resolved.field.name, filterTypeName(resolved.field), takesQuotedLiteral(kind));
  return queryError('INVALID_FIELD', text, literal.start, message);
}

function textOperand(literal: Literal & { kind: 'string' }): Operand {
  // Salesforce stores blank text as null, so `Field = ''` finds the blank ones.
  if (literal.value === '') return { kind: 'null' };
  return { kind: 'value', value: literal.value.toLowerCase(), indexValue: literal.value };
}

function idOperand(literal: Literal & { kind: 'string' }, ctx: OperandContext): Operand {
  if (literal.value === '') return { kind: 'null' };
  const id = canonicalId(literal.value);
  if (id === undefined) {
    throw queryError('INVALID_QUERY_FILTER_OPERATOR', ctx.text, literal.start, messages.invalidId(literal.value));
  }
  return { kind: 'value', value: id, indexValue: toId18(id) };
}

export function toOperand(literal: Literal, resolved: ResolvedPath, kind: ValueKind, ctx: OperandContext): Operand {
  if (literal.kind === 'null') return { kind: 'null' };
  const fail = (): Error => literalTypeMismatch(resolved, kind, literal, ctx.text);
  switch (kind) {
    case 'text':
    case 'multipicklist':
      if (literal.kind !== 'string') throw fail();
      return textOperand(literal);
    case 'id':
      if (literal.kind !== 'string') throw fail();
      return idOperand(literal, ctx);
    case 'number': {
      if (literal.kind !== 'number') throw fail();
      const value = Number(literal.text);
      return { kind: 'value', value, indexValue: value };
    }
    case 'boolean':
      if (literal.kind !== 'boolean') throw fail();
      return { kind: 'value', value: literal.value, indexValue: literal.value };
    case 'date': {
      if (literal.kind === 'dateFunction') {
        const range = dateFunctionRange(literal.fn, ctx.now);
        return { kind: 'range', start: range.startDay, end: range.endDay };
      }
      const day = literal.kind === 'date' ? parseDate(literal.text) : undefined;
      if (day === undefined || literal.kind !== 'date') throw fail();
      return { kind: 'value', value: day, indexValue: literal.text };
    }
    case 'datetime': {
      if (literal.kind === 'dateFunction') {
        const { start, end } = dayRangeToMillis(dateFunctionRange(literal.fn, ctx.now));
        return { kind: 'range', start, end };
      }
      const millis = literal.kind === 'datetime' ? parseDateTime(literal.text) : undefined;
      if (millis === undefined) throw fail();
      return { kind: 'value', value: millis, indexValue: undefined };
    }
    default:
      throw fail();
  }
}
