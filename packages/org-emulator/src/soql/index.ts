/**
 * The emulator's SOQL engine. Pure: it reads records through a `SoqlDataSource` and returns rows in REST
 * shape; pagination is the query endpoint's job.
 */
import { parseCondition, parseSoql } from './parser.js';
import { executeQuery, subqueryValues } from './engine.js';
import { SchemaResolver } from './resolver.js';
import type { SoqlDataSource, SoqlOptions, SoqlResult, StoredRecord } from './types.js';
import { compileWhere } from './where.js';
import { messages, queryError } from './errors.js';

export { parseSoql } from './parser.js';
export type { SoqlQuery } from './ast.js';
export { SoqlError } from './types.js';
export type { SoqlDataSource, SoqlOptions, SoqlResult, StoredRecord } from './types.js';

/** Parses, validates and runs one query. Throws SoqlError with Salesforce's code and message. */
export function runSoql(soql: string, source: SoqlDataSource, options: SoqlOptions): SoqlResult {
  return executeQuery(parseSoql(soql), source, options);
}

/**
 * Compiles a WHERE expression (e.g. a validation rule's `Type = 'Branch' AND ParentId = null`) into a test
 * of one record of `objectName`; parent paths are read through `source.getById`. Throws SoqlError for an
 * expression Salesforce would reject. `now` fixes the clock for relative date literals.
 */
export function compileCondition(
  objectName: string,
  whereExpression: string,
  source: SoqlDataSource,
  options: { now?: Date } = {}
): (record: StoredRecord) => boolean {
  const condition = parseCondition(whereExpression);
  const resolver = new SchemaResolver(source, whereExpression);
  const root = resolver.lookupObject(objectName);
  if (!root) throw queryError('INVALID_TYPE', whereExpression, 0, messages.unknownObject(objectName));
  const now = options.now ?? new Date();
  // A subquery's rows are never shaped, so the API version (for attribute urls) does not matter.
  const subqueryOptions: SoqlOptions = { includeDeleted: false, apiVersion: '62.0', now };
  const { test } = compileWhere(condition, {
    resolver,
    root,
    source,
    text: whereExpression,
    now,
    subqueryValues: (query) => subqueryValues(query, source, subqueryOptions),
  });
  return test;
}
