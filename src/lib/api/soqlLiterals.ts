import { scalarText } from '../util/scalarText.js';

/** SOQL string literal with the escapes SOQL requires (quote, backslash, control characters). */
export function soqlString(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t');
  return `'${escaped}'`;
}

/** A typed value as a SOQL literal: strings quoted, numbers and booleans bare, dates and datetimes bare. */
export function soqlLiteral(value: unknown, fieldType?: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string' && (fieldType === 'date' || fieldType === 'datetime')) return value.replace(/\.\d{3}\+0000$/, 'Z');
  return soqlString(scalarText(value));
}

/**
 * Splits values into `IN (...)` lists that keep a query under Salesforce's 100,000-character SOQL limit
 * (with room for the rest of the statement) and at most a query page of values (2,000), so that one source
 * page is matched with one query. Such queries travel in a Composite body (see queryPages).
 */
export function inClauseChunks(literals: string[], maxValues = 2000, maxChars = 80_000): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const literal of literals) {
    if (current.length > 0 && (current.length >= maxValues || chars + literal.length + 1 > maxChars)) {
      chunks.push(current);
      current = [];
      chars = 0;
    }
    current.push(literal);
    chars += literal.length + 1;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
