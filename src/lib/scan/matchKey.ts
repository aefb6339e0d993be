/**
 * Match keys: the values of a record's `matchBy` fields, as one string that two orgs' records share when they
 * are "the same record". Text is compared case-insensitively, as SOQL `=`/`IN` and external ids (unless
 * marked case-sensitive) match in Salesforce; ids by their 15-character form.
 *
 * The first field must have a value (the target is searched by it); later fields of a composite key may be
 * empty, and empty only matches empty (a Task keyed by Subject + WhatId without a WhatId).
 */
const SEPARATOR = '\u0001';
const EMPTY = '\u0002';

export function matchKeyOf(record: Record<string, unknown>, fields: readonly string[]): string | null {
  // Asked of every record read and every target record found: one string made per key, no parts list.
  let key = '';
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index];
    const value = valueAt(record, field);
    const empty = value === null || value === undefined || value === '';
    if (empty && index === 0) return null;
    const part = empty ? EMPTY : normaliseKeyPart(field, value);
    key = index === 0 ? part : key + SEPARATOR + part;
  }
  return key;
}

function normaliseKeyPart(field: string, value: unknown): string {
  const text = String(value);
  if (/(^|\.)Id$/i.test(field) && /^[a-zA-Z0-9]{18}$/.test(text)) return text.slice(0, 15);
  return text.toLowerCase();
}

/** Reads a field or a parent path (`Account.Name`) from a REST query row. */
export function valueAt(record: Record<string, unknown>, path: string): unknown {
  if (!path.includes('.')) return record[path];
  let current: unknown = record;
  for (const part of path.split('.')) {
    if (current === null || current === undefined || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
