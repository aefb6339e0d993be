import { soqlString } from '../api/soqlLiterals.js';
import { modifiedSinceFilter } from '../delta/deltaWindow.js';
import { countQuery, templateFilter, templateOrdering } from '../template/soqlClauses.js';
import type { ObjectSyncSpec } from '../transform/recordTransformer.js';

/** One query of an object's source: a chunk of ids (a retry re-reads the records that failed), a load phase. */
export type SourcePart = { ids?: readonly string[]; phase?: string };

/** One page of a keyset read: the rows after `afterId` (by Id), at most `size` of them. */
export type KeysetPage = { afterId: string | undefined; size: number };

/**
 * The source SOQL of an object: Id, its fields, its match key fields, with the template's filter; with `ids`,
 * only those records (which may have been fixed since they failed). With `page`, one page of a keyset read
 * (`Id > last ORDER BY Id LIMIT size`, see keysetReadable) instead of the template's ORDER BY and LIMIT.
 */
export function buildSourceQuery(spec: ObjectSyncSpec, part: SourcePart = {}, page?: KeysetPage): string {
  const { object } = spec;
  let soql = `SELECT ${sourceQueryFields(spec).join(', ')} FROM ${object.name}`;
  const filters = [
    object.where ? templateFilter(object.where) : '',
    // Records asked for by id (a retry's failed ones) are read whatever their modification date.
    spec.modifiedSince && !part.ids ? modifiedSinceFilter(spec.modifiedSince) : '',
    part.phase ?? '',
    part.ids ? `Id IN (${part.ids.map(soqlString).join(',')})` : '',
    page?.afterId ? `Id > ${soqlString(page.afterId)}` : '',
  ].filter(Boolean);
  if (filters.length > 0) soql += ` WHERE ${filters.join(' AND ')}`;
  if (page) return `${soql} ORDER BY Id LIMIT ${page.size}`;
  return soql + templateOrdering(object.orderBy, object.limit);
}

/**
 * The fields an object's source query selects: Id, its fields, the lookups filled later, its match key; with
 * transformations, the source fields they read in place of the target fields they write.
 */
export function sourceQueryFields(spec: ObjectSyncSpec): string[] {
  const { transform } = spec;
  const copied = spec.fields.map((field) => field.name).filter((name) => !transform?.targets.has(name));
  return [...new Set(['Id', ...copied, ...(transform?.sourceFields ?? []), ...spec.deferredLookups, ...(spec.object.matchBy?.source ?? [])])];
}

/**
 * Whether the object's source can be read by keyset pages (each page its own query, ordered by Id) rather than
 * through one query's cursor. Salesforce keeps at most 10 query cursors open per user, closing the oldest when
 * an eleventh opens, and closes any after 15 idle minutes: objects that read side by side, and pause while
 * their records wait for parents, would lose theirs. Keyset pages hold nothing open between pages. A template
 * `orderBy` keeps the cursor: the order is the user's, and Id is not it.
 */
export function keysetReadable(spec: ObjectSyncSpec): boolean {
  return !spec.object.orderBy;
}

/**
 * Objects whose records depend on other records of the same object by a platform rule rather than a lookup,
 * loaded in phases (each phase settled before the next starts). A custom price needs the product's standard
 * price first (STANDARD_PRICE_NOT_DEFINED otherwise).
 */
export const LOAD_PHASES: Readonly<Record<string, readonly string[]>> = {
  PricebookEntry: ['Pricebook2.IsStandard = true', 'Pricebook2.IsStandard = false'],
};

/**
 * The filters of the deleted source records a run with `--include-deleted` reads (see deletedSourcePages): in the
 * recycle bin, within the template's filter and the delta's bound; a retry, only the records named.
 */
export function deletedFilters(spec: ObjectSyncSpec): string[] {
  return [
    'IsDeleted = true',
    spec.object.where ? templateFilter(spec.object.where) : '',
    spec.modifiedSince ? modifiedSinceFilter(spec.modifiedSince) : '',
    spec.onlySourceIds ? `Id IN (${spec.onlySourceIds.map(soqlString).join(',')})` : '',
  ].filter(Boolean);
}

/**
 * The deleted source records of deletedFilters with the fields the deletion pass needs (Id, the match key, the
 * lookups through which a parent's deletion cascades), by Id: a page of at most `size` rows after `afterId`, or
 * all of them from `afterId` on (a cursor) without `size`. Sent through queryAll.
 */
export function buildDeletedQuery(spec: ObjectSyncSpec, cascadeFields: readonly string[], page: Partial<KeysetPage> = {}): string {
  // A transformed key (mapped, masked) is computed from the fields its transformations read.
  const keyInputs = spec.object.matchBy && spec.transform ? spec.transform.sourceFields : [];
  const fields = new Set(['Id', ...(spec.object.matchBy?.source ?? []), ...keyInputs, ...cascadeFields]);
  const filters = [...deletedFilters(spec), ...(page.afterId ? [`Id > ${soqlString(page.afterId)}`] : [])];
  return `SELECT ${[...fields].join(', ')} FROM ${spec.object.name} WHERE ${filters.join(' AND ')} ORDER BY Id${page.size ? ` LIMIT ${page.size}` : ''}`;
}

/** The first page of a keyset read of the object's source (see keysetPages): the template's `limit` bounds it. */
export function firstKeysetPage(spec: ObjectSyncSpec, pageSize: number): KeysetPage {
  return { afterId: undefined, size: Math.min(pageSize, spec.object.limit ?? Number.POSITIVE_INFINITY) };
}

/** `SELECT COUNT()` of the deleted records of deletedFilters, sent through queryAll. */
export function buildDeletedCountQuery(spec: ObjectSyncSpec): string {
  return `SELECT COUNT() FROM ${spec.object.name} WHERE ${deletedFilters(spec).join(' AND ')}`;
}

/** `SELECT COUNT() FROM X WHERE …` of an object's source query (ORDER BY and LIMIT do not change a count). */
export function buildCountQuery(spec: ObjectSyncSpec): string {
  return countQuery(spec.object.name, spec.object.where, spec.modifiedSince ? modifiedSinceFilter(spec.modifiedSince) : '');
}

/**
 * The lookups of an object whose parent (in the template) deletes it along by cascade, as the parent's describe
 * says of the relationship (master-detail, Opportunity -> line items, Case -> Tasks).
 */
export function cascadeFieldsOf(spec: ObjectSyncSpec, specs: readonly ObjectSyncSpec[]): string[] {
  const parents = new Map(specs.map((candidate) => [candidate.object.name, candidate.target]));
  return spec.source.fields
    .filter((field) => field.type === 'reference')
    .filter((field) =>
      field.referenceTo.some((parent) =>
        parents.get(parent)?.childRelationships?.some((relation) => relation.cascadeDelete && relation.childSObject === spec.object.name && relation.field === field.name)
      )
    )
    .map((field) => field.name);
}
