/**
 * An SFDMU object's `query` read into what a template object says: the FROM object, the fields written, the
 * WHERE condition, the ORDER BY sort and the LIMIT. Parsed by @jetstreamapp/soql-parser-js, the maintained
 * fork of the parser SFDMU itself uses, after SFDMU's own notations are taken out of the SELECT list:
 * multiselect keywords (`all`, `readonly_false`, `custom_true`, `type_string`...), complex fields
 * (`$$Account.Name$LastName`) and polymorphic lookups limited to one object (`WhatId$Account`).
 */
import { Compose, parseQuery, type FieldType, type Query } from '@jetstreamapp/soql-parser-js';

export type ImportedQuery = {
  object: string;
  /** Fields to write, in query order: without `Id`, relationship fields and audit fields. */
  fields: string[];
  /** SFDMU multiselect keywords in the SELECT list (the template then takes isync's default fields). */
  multiselect: string[];
  /** Parent fields (`Account.Name`): isync resolves lookups itself. */
  relationshipFields: string[];
  /** `WhatId$Account`: a polymorphic lookup that SFDMU limits to one parent object. */
  polymorphic: string[];
  /** Audit and system fields that no sync writes (`CreatedDate`, `SystemModstamp`...). */
  systemFields: string[];
  /** Clauses and SELECT items with no template equivalent, as SOQL text. */
  unsupported: Array<{ clause: string; text: string }>;
  where?: string;
  orderBy?: string;
  limit?: number;
};

// SFDMU's `$` notations are not SOQL: they are swapped for letters the parser takes in identifiers, then back.
const COMPLEX = 'zzSfdmuComplexzz';
const DOLLAR = 'zzSfdmuDollarzz';
const MULTISELECT = new Set(['all', 'readonly_true', 'readonly_false', 'custom_true', 'custom_false', 'standard_true', 'standard_false']);
const MULTISELECT_MORE = ['updateable', 'createable', 'lookup', 'person'];
const SYSTEM_FIELDS = new Set(
  ['Id', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp', 'IsDeleted', 'LastActivityDate', 'LastViewedDate', 'LastReferencedDate'].map(
    (name) => name.toLowerCase()
  )
);

export function isMultiselectKeyword(name: string): boolean {
  const lower = name.toLowerCase();
  return MULTISELECT.has(lower) || MULTISELECT_MORE.some((kind) => lower === `${kind}_true` || lower === `${kind}_false`) || /^type_[a-z*]+$/.test(lower);
}

/** The query read; throws an Error whose message says why it does not parse. */
export function parseSfdmuQuery(query: string): ImportedQuery {
  let parsed: Query;
  try {
    parsed = parseQuery(query.split('$$').join(COMPLEX).split('$').join(DOLLAR));
  } catch (error) {
    throw new Error(restore(firstLine((error as Error).message)));
  }
  if (!parsed.sObject) throw new Error('it has no FROM object');
  const result: ImportedQuery = {
    object: parsed.sObject,
    fields: [],
    multiselect: [],
    relationshipFields: [],
    polymorphic: [],
    systemFields: [],
    unsupported: [],
  };
  const compose = new Compose(parsed);
  for (const field of parsed.fields ?? []) addField(result, field, compose);
  const clauses = topLevelClauses(query);
  if (parsed.where) result.where = clauses.get('WHERE') ?? restore(compose.parseWhereOrHavingClause(parsed.where));
  if (parsed.orderBy) result.orderBy = clauses.get('ORDER BY') ?? restore(compose.parseOrderBy(parsed.orderBy));
  if (parsed.limit !== undefined) result.limit = parsed.limit;
  const others: Array<[string, unknown, () => string]> = [
    ['OFFSET', parsed.offset, () => `OFFSET ${String(parsed.offset)}`],
    ['GROUP BY', parsed.groupBy, () => `GROUP BY ${compose.parseGroupByClause(parsed.groupBy!)}`],
    ['HAVING', parsed.having, () => `HAVING ${compose.parseWhereOrHavingClause(parsed.having!)}`],
    ['USING SCOPE', parsed.usingScope, () => `USING SCOPE ${String(parsed.usingScope)}`],
    ['WITH', parsed.withSecurityEnforced ?? parsed.withAccessLevel ?? parsed.withDataCategory, () => 'WITH ...'],
    ['FOR', parsed.for, () => `FOR ${String(parsed.for)}`],
    ['UPDATE', parsed.update, () => `UPDATE ${String(parsed.update)}`],
  ];
  for (const [clause, value, text] of others) if (value !== undefined && value !== false) result.unsupported.push({ clause, text: restore(text()) });
  return result;
}

function addField(result: ImportedQuery, field: FieldType, compose: Compose): void {
  if (field.type === 'Field' || field.type === 'FieldRelationship') {
    const raw = restore(('rawValue' in field && field.rawValue) || (field.type === 'Field' ? field.field : [...field.relationships, field.field].join('.')));
    const parts = raw.startsWith('$$') ? raw.slice(2).split('$').filter(Boolean) : [raw];
    for (const part of parts) addName(result, part);
    return;
  }
  const text = restore(compose.parseFields([field]).map((part) => part.text).join(', '));
  const clause = field.type === 'FieldSubquery' ? 'SELECT subquery' : field.type === 'FieldTypeof' ? 'SELECT TYPEOF' : 'SELECT function';
  result.unsupported.push({ clause, text });
}

function addName(result: ImportedQuery, name: string): void {
  if (isMultiselectKeyword(name)) return void result.multiselect.push(name);
  if (name.includes('.')) return void result.relationshipFields.push(name);
  const [field, only] = name.split('$');
  if (only !== undefined) result.polymorphic.push(name);
  if (SYSTEM_FIELDS.has(field.toLowerCase())) {
    if (field.toLowerCase() !== 'id') result.systemFields.push(field);
    return;
  }
  if (!result.fields.some((known) => known.toLowerCase() === field.toLowerCase())) result.fields.push(field);
}

/**
 * The lookup field that a relationship path starts from, in the usual spelling: `Account.Name` -> `AccountId`,
 * `Parent_Supplier__r.Name` -> `Parent_Supplier__c`. Undefined for a path that is not a relationship.
 */
export function lookupOfPath(path: string): string | undefined {
  const [relationship] = path.split('.');
  if (!relationship || relationship === path) return undefined;
  if (/__r$/i.test(relationship)) return `${relationship.slice(0, -3)}__c`;
  return `${relationship}Id`;
}

function restore(text: string): string {
  return text.split(COMPLEX).join('$$').split(DOLLAR).join('$');
}

const CLAUSE_KEYWORDS = ['WHERE', 'WITH', 'GROUP BY', 'HAVING', 'ORDER BY', 'LIMIT', 'OFFSET', 'FOR', 'UPDATE'];

/**
 * The text of each top-level clause after FROM, exactly as written (`where` and `orderBy` keep the user's
 * spelling, which the composer would normalise: `null` to `NULL`): keywords are found outside string literals
 * and parentheses, so a subquery's or a literal's own WHERE is not taken for the query's.
 */
function topLevelClauses(query: string): Map<string, string> {
  const starts: Array<{ keyword: string; at: number; end: number }> = [];
  let depth = 0;
  let fromSeen = false;
  for (let at = 0; at < query.length; at++) {
    const char = query[at];
    if (char === "'") {
      for (at++; at < query.length && query[at] !== "'"; at++) if (query[at] === '\\') at++;
      continue;
    }
    if (char === '(') depth++;
    else if (char === ')') depth--;
    if (depth !== 0 || (at > 0 && /[\w.]/.test(query[at - 1]))) continue;
    const rest = query.slice(at);
    if (!fromSeen) {
      fromSeen = /^FROM\b/i.test(rest);
      continue;
    }
    const keyword = CLAUSE_KEYWORDS.find((candidate) => new RegExp(`^${candidate.replace(' ', '\\s+')}\\b`, 'i').test(rest));
    if (keyword) {
      const end = at + new RegExp(`^${keyword.replace(' ', '\\s+')}`, 'i').exec(rest)![0].length;
      starts.push({ keyword, at, end });
      at = end - 1;
    }
  }
  return new Map(starts.map((start, index) => [start.keyword, query.slice(start.end, starts[index + 1]?.at ?? query.length).trim()]));
}

function firstLine(text: string): string {
  return text.split('\n')[0].trim();
}
