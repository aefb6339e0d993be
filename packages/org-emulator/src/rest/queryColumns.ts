/**
 * `GET query?q=...&columns=true`: the columns of a query instead of its rows (the Developer Console's
 * query editor and `sf data query` ask for them to lay out their tables). Shape as recorded in
 * salesforcecli/plugin-data's `queryFields.exemplars.ts`: one entry per select item, a parent path
 * `Owner.Name` as the relationship column `Owner` (`foreignKeyName` `OwnerId`) whose `joinColumns` hold
 * `Name`, aggregates as `expr0`... The caller has already run the query, so every path resolves.
 */
import type { SchemaIndex } from '../org/schemaIndex.js';
import type { FieldDescribe, FieldType } from '../schema/model.js';
import { parseSoql } from '../soql/index.js';
import type { SoqlQuery } from '../soql/index.js';

export type ColumnMetadata = {
  aggregate: boolean;
  apexType: string | null;
  booleanType: boolean;
  columnName: string;
  custom: boolean;
  displayName: string;
  foreignKeyName: string | null;
  insertable: boolean;
  joinColumns: ColumnMetadata[];
  numberType: boolean;
  textType: boolean;
  updatable: boolean;
};

export type QueryColumns = {
  columnMetadata: ColumnMetadata[];
  entityName: string;
  groupBy: boolean;
  idSelected: boolean;
  keyPrefix: string | null;
};

const TEXT_TYPES: ReadonlySet<FieldType> = new Set(['string', 'textarea', 'picklist', 'multipicklist', 'combobox', 'email', 'phone', 'url', 'encryptedstring']);
const NUMBER_TYPES: ReadonlySet<FieldType> = new Set(['int', 'long', 'double', 'currency', 'percent']);
const APEX_TYPES: Partial<Record<FieldType, string>> = {
  id: 'Id',
  reference: 'Id',
  boolean: 'Boolean',
  int: 'Integer',
  long: 'Long',
  double: 'Double',
  currency: 'Double',
  percent: 'Double',
  date: 'Date',
  datetime: 'Datetime',
  time: 'Time',
  base64: 'Blob',
  address: 'Address',
  location: 'Location',
};

function fieldColumn(field: FieldDescribe): ColumnMetadata {
  return {
    aggregate: false,
    apexType: TEXT_TYPES.has(field.type) ? 'String' : (APEX_TYPES[field.type] ?? null),
    booleanType: field.type === 'boolean',
    columnName: field.name,
    custom: field.custom,
    displayName: field.name,
    foreignKeyName: null,
    insertable: field.createable,
    joinColumns: [],
    numberType: NUMBER_TYPES.has(field.type),
    textType: TEXT_TYPES.has(field.type),
    updatable: field.updateable,
  };
}

function relationshipColumn(reference: FieldDescribe): ColumnMetadata {
  return {
    aggregate: false,
    apexType: null,
    booleanType: false,
    columnName: reference.relationshipName ?? reference.name,
    custom: reference.custom,
    displayName: reference.relationshipName ?? reference.name,
    foreignKeyName: reference.name,
    insertable: false,
    joinColumns: [],
    numberType: false,
    textType: false,
    updatable: false,
  };
}

/**
 * A child subquery: an aggregate column named after the relationship whose join columns are the subquery's
 * (how `sf data query` tells a subquery from a parent path: `aggregate` with join columns). Other flags are
 * best knowledge, not recorded.
 */
function childRelationshipColumn(relationshipName: string, joinColumns: ColumnMetadata[]): ColumnMetadata {
  return { ...aggregateColumn(relationshipName, relationshipName), numberType: false, joinColumns };
}

function aggregateColumn(columnName: string, displayName: string): ColumnMetadata {
  return {
    aggregate: true,
    apexType: null,
    booleanType: false,
    columnName,
    custom: false,
    displayName,
    foreignKeyName: null,
    insertable: false,
    joinColumns: [],
    numberType: true,
    textType: false,
    updatable: false,
  };
}

/**
 * Adds one dotted path below `columns`, reusing a relationship column that is already there, so
 * `Owner.Name, Owner.Email` give one `Owner` column with two join columns.
 */
function addPath(schema: SchemaIndex, objectName: string, segments: string[], columns: ColumnMetadata[]): void {
  const object = schema.object(objectName);
  if (!object || segments.length === 0) return;
  if (segments.length === 1) {
    const field = object.fieldsByLowerName.get(segments[0].toLowerCase());
    if (field) columns.push(fieldColumn(field));
    return;
  }
  const reference = object.referencesByRelationship.get(segments[0].toLowerCase());
  if (!reference) return;
  let column = columns.find((existing) => existing.foreignKeyName === reference.name);
  if (!column) {
    column = relationshipColumn(reference);
    columns.push(column);
  }
  addPath(schema, reference.referenceTo[0], segments.slice(1), column.joinColumns);
}

/** Drops a leading object name or alias (`Account.Name` in `FROM Account`, `Contact.LastName` in `FROM Contacts`). */
function relativeSegments(query: SoqlQuery, objectName: string, segments: string[]): string[] {
  const head = segments[0].toLowerCase();
  const qualifiers = [objectName.toLowerCase(), query.from.alias?.toLowerCase()];
  return segments.length > 1 && qualifiers.includes(head) ? segments.slice(1) : segments;
}

/** The columns of `query`'s select list over `objectName` (a child subquery's over its child object). */
function selectColumns(schema: SchemaIndex, query: SoqlQuery, objectName: string): ColumnMetadata[] {
  const object = schema.object(objectName);
  const columns: ColumnMetadata[] = [];
  let aggregates = 0;
  for (const item of query.select) {
    if (item.kind === 'field') addPath(schema, objectName, relativeSegments(query, objectName, item.path.segments), columns);
    else if (item.kind === 'count') {
      const argument = item.path ? relativeSegments(query, objectName, item.path.segments).join('.') : '';
      columns.push(aggregateColumn(item.alias ?? `expr${aggregates++}`, `count(${argument})`));
    } else if (item.kind === 'subquery') {
      const name = item.query.from.name.toLowerCase();
      const link = object ? schema.childRelationships(object.name).find((r) => r.relationshipName?.toLowerCase() === name) : undefined;
      if (link?.relationshipName) columns.push(childRelationshipColumn(link.relationshipName, selectColumns(schema, item.query, link.childSObject)));
    } else {
      const fields = object?.def.fields ?? [];
      const inScope = fields.filter((field) => item.scope === 'ALL' || (item.scope === 'CUSTOM') === field.custom);
      columns.push(...inScope.map(fieldColumn));
    }
  }
  return columns;
}

export function queryColumns(soql: string, schema: SchemaIndex): QueryColumns {
  const query = parseSoql(soql);
  const object = schema.object(query.from.name);
  const columns = selectColumns(schema, query, query.from.name);
  return {
    columnMetadata: columns,
    entityName: object?.name ?? query.from.name,
    groupBy: false,
    idSelected: columns.some((column) => column.columnName === 'Id' && column.joinColumns.length === 0),
    keyPrefix: object?.def.header.keyPrefix ?? null,
  };
}
