import { queryPages, type SObjectRow } from '../api/queryPages.js';
import { inClauseChunks, soqlString } from '../api/soqlLiterals.js';
import { modifiedSinceFilter } from '../delta/deltaWindow.js';
import { findTargetMatches } from '../scan/targetMatcher.js';
import { matchKeyOf } from '../scan/matchKey.js';
import { templateFilter } from '../template/soqlClauses.js';
import type { ObjectSyncSpec } from '../transform/recordTransformer.js';
import type { EngineRun } from './engineRun.js';

/** A source record deleted since the last sync, and what became of its match in the target. */
export type DeletedMatch =
  /** The target record to delete, with its values (journaled, for rollback to bring it back). */
  | { kind: 'delete'; sourceId: string; targetId: string; values: Record<string, unknown> }
  /** Left alone, with why: the key is ambiguous, or a live source record holds it. */
  | { kind: 'skip'; sourceId: string; targetId: string | null; reason: string };

/**
 * The source records of an object deleted since its last sync: `queryAll` rows with `IsDeleted = true`, within
 * the template's filter and the run's delta bound (none: every deleted record still in the recycle bin). A
 * retry reads only the records whose deletion failed.
 */
export async function* deletedSourcePages(run: EngineRun, spec: ObjectSyncSpec): AsyncGenerator<SObjectRow[]> {
  const { object } = spec;
  const fields = new Set(['Id', ...(object.matchBy?.source ?? [])]);
  const filters = [
    'IsDeleted = true',
    object.where ? templateFilter(object.where) : '',
    spec.modifiedSince ? modifiedSinceFilter(spec.modifiedSince) : '',
    spec.onlySourceIds ? `Id IN (${spec.onlySourceIds.map(soqlString).join(',')})` : '',
  ].filter(Boolean);
  const soql = `SELECT ${[...fields].join(', ')} FROM ${object.name} WHERE ${filters.join(' AND ')}`;
  yield* queryPages(run.services.source, soql, { includeDeleted: true, batchSize: run.config.pageSize });
}

/**
 * Finds the target matches of a page of deleted source records, as the run finds matches for updates: the run's
 * own id map and the id map of earlier runs first, then the key. A target record is deleted only when it
 * exists, is the only one with the key, and no live source record has that key (a record deleted and created
 * again under the same name in the source is the same record in the target: the run just updated it).
 */
export async function matchDeleted(run: EngineRun, spec: ObjectSyncSpec, rows: readonly SObjectRow[]): Promise<DeletedMatch[]> {
  const { services, state } = run;
  const name = spec.object.name;
  const valueFields = spec.fields.map((field) => field.name);
  const matches: DeletedMatch[] = [];
  const byId = new Map<string, string>();
  const byKey: SObjectRow[] = [];
  for (const row of rows) {
    const sourceId = String(row.Id);
    const mapped = spec.object.history ? (state.idMap.get(sourceId) ?? services.history.get(sourceId)) : state.idMap.get(sourceId);
    if (mapped) byId.set(sourceId, mapped);
    else if (spec.object.matchBy) byKey.push(row);
  }
  if (byId.size > 0) {
    const found = await readTargets(run, name, valueFields, [...byId.values()]);
    for (const [sourceId, targetId] of byId) {
      const values = found.get(targetId.slice(0, 15));
      if (values) matches.push({ kind: 'delete', sourceId, targetId: String(values.Id), values: valuesOf(values, valueFields) });
    }
  }
  const key = spec.object.matchBy;
  if (key && byKey.length > 0) {
    const targets = await findTargetMatches(services.target, name, key, valueFields, byKey);
    const live = await findTargetMatches(services.source, name, { source: key.source, target: key.source }, [], byKey);
    for (const row of byKey) {
      const value = matchKeyOf(row, key.source);
      const found = value === null ? undefined : targets.get(value);
      if (!found || found.length === 0) continue;
      const sourceId = String(row.Id);
      if (found.length > 1) matches.push({ kind: 'skip', sourceId, targetId: null, reason: `${found.length} target records have its key ${value}` });
      else if (live.has(value!)) matches.push({ kind: 'skip', sourceId, targetId: String(found[0].Id), reason: `a live source record has its key ${value}` });
      else matches.push({ kind: 'delete', sourceId, targetId: String(found[0].Id), values: valuesOf(found[0], valueFields) });
    }
  }
  return matches;
}

/** The target records of these ids that still exist, by 15-character id, with the fields rollback needs. */
async function readTargets(run: EngineRun, object: string, fields: readonly string[], ids: readonly string[]): Promise<Map<string, SObjectRow>> {
  const found = new Map<string, SObjectRow>();
  const select = [...new Set(['Id', ...fields])].join(', ');
  for (const chunk of inClauseChunks(ids.map(soqlString), 500)) {
    for await (const page of queryPages(run.services.target, `SELECT ${select} FROM ${object} WHERE Id IN (${chunk.join(',')})`)) {
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
