/**
 * Runs a parsed query: compiles it against the schema (compileQuery.ts), picks candidate records (index or
 * scan), filters, sorts, applies OFFSET/LIMIT and shapes the result as the REST query endpoint returns it,
 * child subqueries answered for the rows returned (childRows.ts).
 */
import type { SoqlQuery } from './ast.js';
import { candidateRecords } from './candidates.js';
import { shapeRows } from './childRows.js';
import { compileQuery, type CompiledQuery } from './compileQuery.js';
import { messages, offsetTooLarge, queryError } from './errors.js';
import type { SoqlDataSource, SoqlOptions, SoqlResult, StoredRecord } from './types.js';
import { pathReader } from './values.js';

/** Salesforce refuses to skip more rows than this. */
const MAX_OFFSET = 2000;

type Matched = { compiled: CompiledQuery; records: StoredRecord[]; total: number };

function slice<T>(items: T[], offset: number, limit: number | undefined): T[] {
  return items.slice(offset, limit === undefined ? undefined : offset + limit);
}

/** Values of the one field a semi-join subquery selects. */
export function subqueryValues(query: SoqlQuery, source: SoqlDataSource, options: SoqlOptions): unknown[] {
  const { compiled, records } = matchRecords(query, source, options);
  const { plan } = compiled;
  if (plan.kind !== 'rows' || plan.paths.length !== 1 || compiled.children.length > 0) {
    throw queryError('MALFORMED_QUERY', query.text, query.from.start, messages.unsupported('A semi-join subquery selecting other than one field'));
  }
  const read = pathReader(plan.paths[0], source);
  return records.map(read);
}

/** `ORDER BY Id` or `ORDER BY Id ASC`: Ids are never null, so NULLS FIRST/LAST change nothing. */
function isIdAscending(items: SoqlQuery['orderBy']): boolean {
  return items.length === 1 && !items[0].descending && items[0].path.segments.length === 1 && items[0].path.segments[0].toLowerCase() === 'id';
}

function matchRecords(query: SoqlQuery, source: SoqlDataSource, options: SoqlOptions): Matched {
  const compiled = compileQuery(query, source, options, (sub) => subqueryValues(sub, source, options));
  const { root, where, sort } = compiled;
  const offset = query.offset ?? 0;
  if (offset > MAX_OFFSET) throw offsetTooLarge(root.name);
  if (options.planOnly) return { compiled, records: [], total: 0 };

  // Without ORDER BY, or ordered by Id alone over a scan in Id order, the first OFFSET+LIMIT matches are the
  // answer: stop scanning there (and do not sort).
  const candidates = candidateRecords(root.name, where?.indexHints ?? [], source, options.includeDeleted);
  const scanOrdered = sort !== undefined && candidates.scanned && isIdAscending(query.orderBy) && source.scansInIdOrder?.(root.name) === true;
  const enough = (!sort || scanOrdered) && query.limit !== undefined ? offset + query.limit : Infinity;
  const matching: StoredRecord[] = [];
  for (const record of candidates.records) {
    if (matching.length >= enough) break;
    if (!where || where.test(record)) matching.push(record);
  }
  const ordered = sort && !scanOrdered ? sort(matching) : matching;
  return { compiled, records: slice(ordered, offset, query.limit), total: ordered.length };
}

export function executeQuery(query: SoqlQuery, source: SoqlDataSource, options: SoqlOptions): SoqlResult {
  const { compiled, records } = matchRecords(query, source, options);
  const { plan } = compiled;
  const objectName = compiled.root.name;
  if (plan.kind === 'count') return { records: [], totalSize: records.length, objectName, columns: [] };
  if (plan.kind === 'aggregate') {
    const row: Record<string, unknown> = { attributes: { type: 'AggregateResult' } };
    for (const { key, path } of plan.counts) {
      const read = path && pathReader(path, source);
      row[key] = read ? records.filter((r) => read(r) !== null).length : records.length;
    }
    return { records: [row], totalSize: 1, objectName, columns: plan.columns };
  }
  if (options.shapeLater) {
    const rowsBetween = (from: number, to: number): Array<Record<string, unknown>> => shapeRows(compiled, records.slice(from, to), source, options);
    return { records: [], totalSize: records.length, objectName, columns: plan.columns, rowsBetween };
  }
  return {
    records: shapeRows(compiled, records, source, options),
    totalSize: records.length,
    objectName,
    columns: plan.columns,
  };
}
