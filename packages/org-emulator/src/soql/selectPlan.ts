/**
 * Checks the SELECT list against the schema and decides what the query returns: rows of fields (and of
 * child subqueries, planned by compileQuery.ts), a bare `COUNT()` total, or one AggregateResult row of
 * `COUNT(field)` values (`alias` or `expr0`, `expr1`, ...).
 */
import type { SelectItem, SoqlQuery } from './ast.js';
import { messages, queryError } from './errors.js';
import type { ObjectSchema, ResolvedPath, SchemaResolver } from './resolver.js';
import { SoqlError } from './types.js';

export type CountColumn = { key: string; path?: ResolvedPath };

/** A child subquery of the select list, with the number of field paths before it (its place in each row). */
export type SubqueryItem = { query: SoqlQuery; start: number; position: number };

export type SelectPlan =
  | { kind: 'rows'; paths: ResolvedPath[]; columns: string[]; subqueries: SubqueryItem[] }
  | { kind: 'count' }
  | { kind: 'aggregate'; counts: CountColumn[]; columns: string[] };

/** FIELDS(ALL) and FIELDS(CUSTOM) are "unbounded" unless the query has LIMIT 200 or less. */
const FIELDS_LIMIT = 200;

function expandFields(item: SelectItem & { kind: 'fields' }, root: ObjectSchema, query: SoqlQuery): ResolvedPath[] {
  if (item.scope !== 'STANDARD' && (query.limit === undefined || query.limit > FIELDS_LIMIT)) {
    throw queryError('MALFORMED_QUERY', query.text, item.start, messages.fieldsNeedsLimit());
  }
  return root.fields
    .filter((f) => item.scope === 'ALL' || f.custom === (item.scope === 'CUSTOM'))
    .map((field) => ({ hops: [], field, path: field.name, start: item.start }));
}

function rejectDuplicates(paths: ResolvedPath[]): void {
  const seen = new Set<string>();
  for (const { path } of paths) {
    const key = path.toLowerCase();
    // Salesforce reports this one without a query excerpt.
    if (seen.has(key)) throw new SoqlError('INVALID_FIELD', `duplicate field selected: ${path}`);
    seen.add(key);
  }
}

export function planSelect(query: SoqlQuery, root: ObjectSchema, resolver: SchemaResolver): SelectPlan {
  const fieldPaths: ResolvedPath[] = [];
  const counts: CountColumn[] = [];
  const subqueries: SubqueryItem[] = [];
  let bareCount = false;
  for (const item of query.select) {
    if (item.kind === 'field') fieldPaths.push(resolver.path(root, item.path, query.from.alias));
    else if (item.kind === 'fields') fieldPaths.push(...expandFields(item, root, query));
    else if (item.kind === 'subquery') subqueries.push({ query: item.query, start: item.start, position: fieldPaths.length });
    else if (!item.path) bareCount = true;
    else {
      const path = resolver.path(root, item.path, query.from.alias);
      counts.push({ key: item.alias ?? `expr${counts.length}`, path });
    }
  }
  const isAggregate = bareCount || counts.length > 0;
  if (isAggregate && subqueries.length > 0) {
    throw queryError('MALFORMED_QUERY', query.text, subqueries[0].start, messages.unsupported('A child relationship subquery beside COUNT()'));
  }
  if (isAggregate && fieldPaths.length > 0) {
    throw queryError('MALFORMED_QUERY', query.text, fieldPaths[0].start, messages.notGrouped(fieldPaths[0].path));
  }
  if (bareCount) {
    if (counts.length > 0) {
      throw queryError('MALFORMED_QUERY', query.text, query.from.start, messages.unsupported('COUNT() beside COUNT(field)'));
    }
    return { kind: 'count' };
  }
  if (counts.length > 0) return { kind: 'aggregate', counts, columns: counts.map((c) => c.key) };
  rejectDuplicates(fieldPaths);
  return { kind: 'rows', paths: fieldPaths, columns: fieldPaths.map((p) => p.path), subqueries };
}
