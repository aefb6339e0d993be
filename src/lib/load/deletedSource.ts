import { queryPages, SMALL_READ_ROWS, type SObjectRow } from '../api/queryPages.js';
import { inClauseChunks, soqlString } from '../api/soqlLiterals.js';
import { findTargetMatches } from '../scan/targetMatcher.js';
import { matchKeyOf } from '../scan/matchKey.js';
import type { MatchKey } from '../template/syncTemplate.js';
import type { ObjectSyncSpec } from '../transform/recordTransformer.js';
import type { EngineRun } from './engineRun.js';
import { buildDeletedQuery } from './sourceQuery.js';

/** A source record deleted since the last sync, and what became of its match in the target. */
export type DeletedMatch =
  /**
   * The target record to delete, with its values (journaled, for rollback to bring it back), and its parents
   * through cascade-delete relationships (source ids): when one of those is deleted too, its deletion takes
   * this record along.
   */
  | { kind: 'delete'; sourceId: string; targetId: string; values: Record<string, unknown>; cascadeParents: string[] }
  /** Left alone, with why: the key is ambiguous, or a live source record holds it. */
  | { kind: 'skip'; sourceId: string; targetId: string | null; reason: string };

/**
 * The source records of an object deleted since its last sync: `queryAll` rows with `IsDeleted = true`, within
 * the template's filter and the run's delta bound (none: every deleted record still in the recycle bin). A
 * retry reads only the records whose deletion failed.
 */
export async function* deletedSourcePages(run: EngineRun, spec: ObjectSyncSpec, cascadeFields: readonly string[]): AsyncGenerator<SObjectRow[]> {
  // Counted (or their first page read) at the start, with the other objects': an object with none costs no query.
  const counted = await run.services.counts.deleted(spec.object.name);
  if (counted === 0) return;
  const { pageSize } = run.config;
  const first = run.services.counts.firstPage(buildDeletedQuery(spec, cascadeFields, { size: pageSize }), { includeDeleted: true });
  let afterId: string | undefined;
  const rows = await first;
  if (rows) {
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    afterId = String(rows[rows.length - 1].Id);
  }
  // A few deleted records (counted): their read may share a Composite call with other objects' reads.
  const small = counted !== undefined && counted <= SMALL_READ_ROWS;
  yield* queryPages(run.services.source, buildDeletedQuery(spec, cascadeFields, { afterId }), { includeDeleted: true, batchSize: pageSize, small });
}

/**
 * Finds the target matches of a page of deleted source records: the run's own id map and the id map of earlier
 * runs between the two orgs first, whatever the object's match mode (a record a run synced is there, and its
 * deletion must follow it there), then the key, its lookups as their parents' target ids. A target record is
 * deleted only when it exists, is the only one with the key, and no live source record has that key (a record
 * deleted and created again under the same name in the source is the same record in the target: the run just
 * updated it). A deleted record found neither way is noted: never synced, or already gone from the target.
 */
export async function matchDeleted(run: EngineRun, spec: ObjectSyncSpec, rows: readonly SObjectRow[], cascadeFields: readonly string[]): Promise<DeletedMatch[]> {
  const { services, state } = run;
  const name = spec.object.name;
  const valueFields = spec.fields.map((field) => field.name);
  const matches: DeletedMatch[] = [];
  const byId = new Map<string, string>();
  const byKey: SObjectRow[] = [];
  const rowOf = new Map(rows.map((row) => [String(row.Id), row]));
  const parentsOf = (sourceId: string): string[] =>
    cascadeFields.flatMap((field) => {
      const parent = rowOf.get(sourceId)?.[field];
      return typeof parent === 'string' ? [parent] : [];
    });
  for (const row of rows) {
    const sourceId = String(row.Id);
    const mapped = state.idMap.get(sourceId) ?? services.history.get(sourceId);
    if (mapped) byId.set(sourceId, mapped);
    else byKey.push(row);
  }
  if (byId.size > 0) {
    const found = await readTargets(run, spec.target.name, valueFields, [...byId.values()]);
    for (const [sourceId, targetId] of byId) {
      const values = found.get(targetId.slice(0, 15));
      if (values) matches.push({ kind: 'delete', sourceId, targetId: String(values.Id), values: valuesOf(values, valueFields), cascadeParents: parentsOf(sourceId) });
      else unmatched(run, name, sourceId);
    }
  }
  const key = spec.object.matchBy;
  if (!key) for (const row of byKey) unmatched(run, name, String(row.Id));
  if (key && byKey.length > 0) {
    // The target holds the key as the template's transformations wrote it (mapped, masked).
    const transform = spec.transform;
    const views = await keyViews(run, spec, key, transform ? byKey.map((row) => transform.apply(row).row) : byKey);
    // Two orgs, side by side.
    const [targets, live] = await Promise.all([
      findTargetMatches(services.target, spec.target.name, key, valueFields, views),
      findTargetMatches(services.source, name, { source: key.source, target: key.source }, [], byKey),
    ]);
    for (const [index, row] of byKey.entries()) {
      const sourceId = String(row.Id);
      const value = matchKeyOf(views[index], key.source);
      const found = value === null ? undefined : targets.get(value);
      if (!found || found.length === 0) {
        unmatched(run, name, sourceId);
        continue;
      }
      if (found.length > 1) matches.push({ kind: 'skip', sourceId, targetId: null, reason: `${found.length} target records have its key ${value}` });
      else if (live.has(matchKeyOf(row, key.source) ?? '')) matches.push({ kind: 'skip', sourceId, targetId: String(found[0].Id), reason: `a live source record has its key ${value}` });
      else matches.push({ kind: 'delete', sourceId, targetId: String(found[0].Id), values: valuesOf(found[0], valueFields), cascadeParents: parentsOf(sourceId) });
    }
  }
  return matches;
}

function unmatched(run: EngineRun, object: string, sourceId: string): void {
  run.emit({ type: 'note', object, note: `${sourceId} was deleted in the source and has no match in the target (never synced, or deleted there already)` });
}

/**
 * The rows as their key sees them in the target: lookup key fields carry the parent's target id, found through
 * the run's id map, the id map of earlier runs (the parent may be deleted too: its children go first), or the
 * run's reference resolver (a parent the delta did not read).
 */
async function keyViews(run: EngineRun, spec: ObjectSyncSpec, key: MatchKey, rows: readonly SObjectRow[]): Promise<SObjectRow[]> {
  const lookups = key.source.filter((name) => spec.source.fields.find((field) => field.name === name)?.type === 'reference');
  if (lookups.length === 0) return [...rows];
  const { state, services } = run;
  const known = (id: string): string | undefined => state.idMap.get(id) ?? services.history.get(id) ?? services.resolver.cached(id) ?? undefined;
  const wanted = new Map<string, Set<string>>();
  for (const row of rows) {
    for (const field of lookups) {
      const id = row[field];
      const object = typeof id === 'string' && !known(id) ? services.objectOfId(id) : undefined;
      if (object && services.resolver.canResolve(object)) wanted.set(object, (wanted.get(object) ?? new Set()).add(id as string));
    }
  }
  await Promise.all([...wanted].map(([object, ids]) => services.resolver.resolve(object, ids)));
  return rows.map((row) => {
    const view: SObjectRow = { ...row };
    for (const field of lookups) view[field] = typeof row[field] === 'string' ? (known(row[field]) ?? null) : null;
    return view;
  });
}

/** The target records of these ids that still exist, by 15-character id, with the fields rollback needs. */
async function readTargets(run: EngineRun, object: string, fields: readonly string[], ids: readonly string[]): Promise<Map<string, SObjectRow>> {
  const found = new Map<string, SObjectRow>();
  const select = [...new Set(['Id', ...fields])].join(', ');
  for (const chunk of inClauseChunks(ids.map(soqlString), 500)) {
    const soql = `SELECT ${select} FROM ${object} WHERE Id IN (${chunk.join(',')})`;
    for await (const page of queryPages(run.services.target, soql, { small: chunk.length <= SMALL_READ_ROWS })) {
      for (const row of page) found.set(String(row.Id).slice(0, 15), row);
    }
  }
  return found;
}

function valuesOf(row: SObjectRow, fields: readonly string[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of fields) if (field in row) values[field] = row[field];
  return values;
}
