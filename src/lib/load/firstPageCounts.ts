import type { SObjectRow } from '../api/queryPages.js';
import type { ObjectSyncSpec } from '../transform/recordTransformer.js';
import type { CountQueries } from './countQueries.js';
import type { FirstPages } from './firstPages.js';
import {
  buildCountQuery,
  buildDeletedCountQuery,
  buildDeletedQuery,
  buildSourceQuery,
  cascadeFieldsOf,
  firstKeysetPage,
  keysetReadable,
  LOAD_PHASES,
  sourceQueryFields,
} from './sourceQuery.js';

/** A delta's counts taken from first pages (see FirstPages): its changes and, with `--include-deleted`, its deletions. */
export type PageCounts = { changes: Map<string, Promise<number>>; deleted: Map<string, Promise<number>> };

/**
 * Counts a delta by reading the first page of each object's changes (and deleted records) instead of counting
 * them: a page that is not full is the count, and the reader's first page; a full one is counted after all.
 *
 * With `--include-deleted`, an object's changes and deletions are one query where they can be: `queryAll` of the
 * changes' query with `IsDeleted` selected answers both (deleted rows are those with `IsDeleted` true), so the
 * pair costs one subrequest instead of two. Not for an object whose `queryAll` also answers archived rows
 * (activities: `IsArchived`), whose template `limit` would cut the pair unevenly, or whose cascade lookups the
 * changes' query does not select.
 */
export function countByFirstPages(
  specs: readonly ObjectSyncSpec[],
  source: CountQueries,
  pages: FirstPages,
  options: { pageSize: number; deleted: boolean }
): PageCounts {
  const { pageSize } = options;
  const counts: PageCounts = { changes: new Map(), deleted: new Map() };
  for (const spec of specs) {
    const name = spec.object.name;
    const changeCount = (): Promise<number> => source.counts([buildCountQuery(spec)])[0];
    const deletedCount = (): Promise<number> => source.counts([buildDeletedCountQuery(spec)], { includeDeleted: true })[0];
    const deletedSoql = buildDeletedQuery(spec, cascadeFieldsOf(spec, specs), { size: pageSize });
    if (!readsChangesByPage(spec)) {
      if (options.deleted) counts.deleted.set(name, countedByPage(pages.read(deletedSoql, { includeDeleted: true }), pageSize, deletedCount));
      continue;
    }
    const first = firstKeysetPage(spec, pageSize);
    const changesSoql = buildSourceQuery(spec, {}, first);
    if (!options.deleted || !combinable(spec, specs)) {
      counts.changes.set(name, countedByPage(pages.read(changesSoql), first.size, changeCount));
      if (options.deleted) counts.deleted.set(name, countedByPage(pages.read(deletedSoql, { includeDeleted: true }), pageSize, deletedCount));
      continue;
    }
    const both = pages.read(changesSoql.replace(/^SELECT /, 'SELECT IsDeleted, '), { includeDeleted: true });
    const split = both.then((rows) => (rows.length < first.size ? splitDeleted(rows) : undefined));
    pages.put(changesSoql, {}, split.then((parts) => parts?.live));
    pages.put(deletedSoql, { includeDeleted: true }, split.then((parts) => parts?.deleted));
    counts.changes.set(name, settled(split.then((parts) => parts?.live.length ?? changeCount())));
    counts.deleted.set(name, settled(split.then((parts) => parts?.deleted.length ?? deletedCount())));
  }
  return counts;
}

/**
 * A delta's changes of an object are read by page when its reader reads keyset pages of its whole query (not an
 * object loaded in phases, not a retry's records by id).
 */
function readsChangesByPage(spec: ObjectSyncSpec): boolean {
  return spec.modifiedSince !== undefined && !spec.onlySourceIds && keysetReadable(spec) && !LOAD_PHASES[spec.object.name];
}

function combinable(spec: ObjectSyncSpec, specs: readonly ObjectSyncSpec[]): boolean {
  if (spec.object.limit !== undefined || spec.source.fields.some((field) => field.name === 'IsArchived')) return false;
  const selected = new Set(sourceQueryFields(spec));
  return cascadeFieldsOf(spec, specs).every((field) => selected.has(field));
}

/** The rows of a `queryAll` page, live and deleted apart, without the `IsDeleted` the query added. */
function splitDeleted(rows: readonly SObjectRow[]): { live: SObjectRow[]; deleted: SObjectRow[] } {
  const live: SObjectRow[] = [];
  const deleted: SObjectRow[] = [];
  for (const { IsDeleted: isDeleted, ...row } of rows) (isDeleted === true ? deleted : live).push(row);
  return { live, deleted };
}

/** The rows of a first page as a count when the page is not full; a full one leaves the count to `count`. */
function countedByPage(page: Promise<SObjectRow[]>, size: number, count: () => Promise<number>): Promise<number> {
  return settled(page.then((rows) => (rows.length < size ? rows.length : count())));
}

/** A count nobody may await (a run that stops first) must not surface as an unhandled rejection. */
function settled(count: Promise<number>): Promise<number> {
  count.catch(() => undefined);
  return count;
}
