/**
 * Compiles a parsed query against the schema before any row is read: the FROM object, the select plan, the
 * WHERE test, the ORDER BY sort, and each parent-to-child subquery compiled the same way against its child
 * object (`SELECT Name, (SELECT LastName FROM Contacts WHERE ... ORDER BY ... LIMIT 5) FROM Account`). Every
 * error the query can raise is raised here, so a Bulk job's compile-only run (`planOnly`) finds them all.
 */
import type { SoqlQuery } from './ast.js';
import { messages, queryError } from './errors.js';
import { compileOrderBy, type RecordSorter } from './orderBy.js';
import { SchemaResolver, type ObjectSchema } from './resolver.js';
import { planSelect, type SelectPlan, type SubqueryItem } from './selectPlan.js';
import { SoqlError, type SoqlDataSource, type SoqlOptions } from './types.js';
import { compileWhere, type CompiledWhere } from './where.js';

/** Salesforce's limit on parent-to-child subqueries in one statement (SOQL "Relationship Query Limits"). */
export const MAX_CHILD_SUBQUERIES = 20;

export type CompiledQuery = {
  query: SoqlQuery;
  root: ObjectSchema;
  plan: SelectPlan;
  where?: CompiledWhere;
  sort?: RecordSorter;
  children: ChildQueryPlan[];
};

/** One `(SELECT ... FROM Contacts ...)` of a row query, compiled against the child object. */
export type ChildQueryPlan = {
  /** The relationship's canonical name: the row property that holds the children. */
  key: string;
  /** Its place among the select list's field paths (see rowShaper.ts ExtraColumn). */
  position: number;
  /** The child's field holding the parent's Id (`AccountId` for Account's `Contacts`). */
  parentField: string;
  compiled: CompiledQuery;
};

/** Counts subqueries across the whole statement, whatever their level (the limit is per query). */
type Statement = { subqueries: number; apiVersion: string };

/**
 * How many levels a statement may have, the root being the first: two through API 57.0, five from 58.0
 * (REST and SOAP queries; "Using Relationship Queries").
 */
function maxLevels(apiVersion: string): number {
  return Number.parseFloat(apiVersion) >= 58 ? 5 : 2;
}

export function compileQuery(query: SoqlQuery, source: SoqlDataSource, options: SoqlOptions, subqueryValues: (sub: SoqlQuery) => unknown[]): CompiledQuery {
  const resolver = new SchemaResolver(source, query.text);
  const root = resolver.object(query.from.name, query.from.start);
  return compileAt(query, root, resolver, { source, options, subqueryValues, level: 1, statement: { subqueries: 0, apiVersion: options.apiVersion } });
}

type Scope = {
  source: SoqlDataSource;
  options: SoqlOptions;
  subqueryValues: (sub: SoqlQuery) => unknown[];
  /** 1 for the statement's FROM object, 2 for its subqueries, ... */
  level: number;
  statement: Statement;
};

function compileAt(query: SoqlQuery, root: ObjectSchema, resolver: SchemaResolver, scope: Scope): CompiledQuery {
  const plan = planSelect(query, root, resolver);
  const context = { resolver, root, alias: query.from.alias, source: scope.source, text: query.text };
  const where = query.where && compileWhere(query.where, { ...context, now: scope.options.now ?? new Date(), subqueryValues: scope.subqueryValues });
  const sort = query.orderBy.length > 0 ? compileOrderBy(query.orderBy, context) : undefined;
  const children = plan.kind === 'rows' ? plan.subqueries.map((item) => compileChild(item, root, resolver, scope)) : [];
  rejectRepeatedRelationships(children);
  return { query, root, plan, where, sort, children };
}

function compileChild(item: SubqueryItem, parent: ObjectSchema, resolver: SchemaResolver, scope: Scope): ChildQueryPlan {
  const { query } = item;
  scope.statement.subqueries += 1;
  if (scope.statement.subqueries > MAX_CHILD_SUBQUERIES) {
    throw queryError('MALFORMED_QUERY', query.text, item.start, messages.tooManyChildRelationships(MAX_CHILD_SUBQUERIES));
  }
  const levels = maxLevels(scope.statement.apiVersion);
  if (scope.level + 1 > levels) {
    throw queryError('MALFORMED_QUERY', query.text, item.start, messages.childNestingTooDeep(levels - 1));
  }
  const relationship = resolver.childRelationship(parent, query.from);
  if (query.offset !== undefined) {
    // Salesforce allows OFFSET in a subquery only in narrow cases (a parent query with LIMIT 1); not modelled.
    throw queryError('MALFORMED_QUERY', query.text, query.from.start, messages.unsupported('OFFSET in a child relationship subquery'));
  }
  const compiled = compileAt(query, relationship.child, resolver, { ...scope, level: scope.level + 1 });
  if (compiled.plan.kind !== 'rows') {
    throw queryError('MALFORMED_QUERY', query.text, item.start, messages.unsupported('An aggregate function in a child relationship subquery'));
  }
  return { key: relationship.name, position: item.position, parentField: relationship.field.name, compiled };
}

/**
 * A row has one property per relationship, so the same relationship twice cannot both be answered; refused
 * as a field selected twice is (`duplicate field selected`, no excerpt). Not confirmed from a recording.
 */
function rejectRepeatedRelationships(children: ChildQueryPlan[]): void {
  const seen = new Set<string>();
  for (const child of children) {
    const key = child.key.toLowerCase();
    if (seen.has(key)) throw new SoqlError('INVALID_FIELD', `duplicate field selected: ${child.key}`);
    seen.add(key);
  }
}
