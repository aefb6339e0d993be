/**
 * Resolves relationship columns (`Account.External_Id__c`) to parent ids with one SOQL query per column and
 * chunk, as Salesforce matches on the parent's indexed field. A value with no parent (or several) fails that
 * row with Salesforce's foreign-key error; `#N/A` clears the reference and an empty cell leaves it alone.
 */
import { NULL_MARKER } from './cellValues.js';
import type { LookupColumn } from './columnPlan.js';
import type { BulkDeps } from './types.js';

/** Per row: reference field name -> parent id (or null), or the row's error text. */
export type ResolvedLookups = Array<{ values: Record<string, string | null> } | { error: string }>;

function soqlLiteral(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** Lower-cased parent key -> matching parent ids. */
function findParents(column: LookupColumn, keys: string[], deps: BulkDeps): Map<string, string[]> {
  const matches = new Map<string, string[]>();
  if (keys.length === 0) return matches;
  const fieldName = column.parentField.name;
  const soql = `SELECT Id, ${fieldName} FROM ${column.parentObject} WHERE ${fieldName} IN (${keys.map(soqlLiteral).join(', ')})`;
  for (const record of deps.query(soql, false).records) {
    const key = String(record[fieldName]).toLowerCase();
    matches.set(key, [...(matches.get(key) ?? []), String(record.Id)]);
  }
  return matches;
}

function foreignKeyError(column: LookupColumn, value: string, problem: string): string {
  const { parentField, parentObject } = column;
  return `INVALID_FIELD:Foreign key external ID: ${value} ${problem} for field ${parentField.name} in entity ${parentObject}:--`;
}

export function resolveLookups(rows: string[][], columns: LookupColumn[], deps: BulkDeps): ResolvedLookups {
  const resolved: ResolvedLookups = rows.map(() => ({ values: {} }));
  for (const column of columns) {
    const keys = [...new Set(rows.map((row) => row[column.index]).filter((cell) => cell !== '' && cell !== NULL_MARKER))];
    const parents = findParents(column, keys, deps);
    rows.forEach((row, rowIndex) => {
      const outcome = resolved[rowIndex];
      const cell = row[column.index];
      if ('error' in outcome || cell === '') return;
      if (cell === NULL_MARKER) {
        outcome.values[column.referenceField.name] = null;
        return;
      }
      const ids = parents.get(cell.toLowerCase()) ?? [];
      if (ids.length === 1) outcome.values[column.referenceField.name] = ids[0];
      else resolved[rowIndex] = { error: foreignKeyError(column, cell, ids.length === 0 ? 'not found' : 'matched more than one record') };
    });
  }
  return resolved;
}
