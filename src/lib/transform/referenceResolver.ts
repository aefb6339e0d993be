import type { OrgApi } from '../api/orgApi.js';
import { queryAll, queryPages, SMALL_READ_ROWS, type SObjectRow } from '../api/queryPages.js';
import { inClauseChunks, soqlLiteral, soqlString } from '../api/soqlLiterals.js';
import { matchKeyOf } from '../scan/matchKey.js';
import type { KeyAlternative } from './referenceKeys.js';
import { findHistoryMatches } from '../scan/historyMatcher.js';
import { NO_HISTORY, type HistoryLookup } from '../util/historyLookup.js';

/**
 * How the template writes objects in the target: their names there (`"target"`), and a record's key as its
 * transformations write it (`mask`, `fieldMap`), computed from the source fields they read.
 */
export type TargetView = {
  targetName?(object: string): string;
  sourceFields?(object: string): readonly string[];
  transformed?(object: string, row: SObjectRow): SObjectRow | undefined;
};

/** The id map of earlier runs, and the objects whose lookups may use it (all but insert-only template objects). */
export type HistoryResolution = { lookup: HistoryLookup; appliesTo(object: string): boolean };
import { shortId } from '../util/shortId.js';

/**
 * Finds, for source record ids of one object, the ids of the same records in the target: through the id map
 * of earlier runs between the two orgs first (history: a Task's WhatId to a Case synced last week), checked
 * in the target (`Id IN (...)`), then by match key: reads the key values of the source records (`Id IN (...)`), then looks the keys up in the target
 * (`Key IN (...)`), alternative after alternative for what is still unresolved. Results, misses included, are
 * cached for the run: the same owner or record type is looked up once, not once per record.
 */
export class ReferenceResolver {
  private readonly cache = new Map<string, string | null>();
  /** Ids being looked up now: objects running side by side ask for the same owners at once, looked up once. */
  private readonly pending = new Map<string, Promise<void>>();
  /** Objects being read whole (preload): their lookups wait for it rather than query the same records again. */
  private readonly preloading = new Map<string, Promise<void>>();

  public constructor(
    private readonly source: OrgApi,
    private readonly target: OrgApi,
    private readonly keysOf: (object: string) => KeyAlternative[],
    private readonly history: HistoryResolution = { lookup: NO_HISTORY, appliesTo: () => false },
    private readonly asTarget: TargetView = {}
  ) {}

  /** An object's name in the target: a template object may load into one of another name (`"target"`). */
  private targetName(object: string): string {
    return this.asTarget.targetName?.(object) ?? object;
  }

  /** Whether records of this object can be found in the target at all (by history or by key). */
  public canResolve(object: string): boolean {
    return this.keysOf(object).length > 0 || this.historyApplies(object);
  }

  private historyApplies(object: string): boolean {
    return this.history.lookup.size > 0 && this.history.appliesTo(object);
  }

  /** Cached answer: a target id, null when known to be missing, undefined when never asked. */
  public cached(sourceId: string): string | null | undefined {
    return this.cache.get(shortId(sourceId));
  }

  /**
   * Reads a small object whole in both orgs (owners, record types: a few hundred rows) and pairs all its
   * records at once, at the start of a run: the first pages then find their owners and record types known
   * instead of waiting two round trips each (source keys, then target ids) before their first write. An
   * object with `PRELOAD_MAX_ROWS` rows or more in either org is left to `resolve`, record by record.
   */
  public preload(object: string): Promise<void> {
    const alternatives = this.keysOf(object);
    if (alternatives.length === 0) return Promise.resolve();
    const read = (api: OrgApi, side: 'source' | 'target'): Promise<SObjectRow[]> =>
      side === 'target'
        ? queryAll(api, `SELECT Id, ${keyFieldsOf(alternatives, side).join(', ')} FROM ${this.targetName(object)} LIMIT ${PRELOAD_MAX_ROWS}`, { small: true })
        : queryAll(api, `SELECT Id, ${this.sourceFieldsOf(object, alternatives).join(', ')} FROM ${object} LIMIT ${PRELOAD_MAX_ROWS}`, { small: true });
    const loading = Promise.all([read(this.source, 'source'), read(this.target, 'target')]).then(([sourceRows, targetRows]) => {
      if (sourceRows.length >= PRELOAD_MAX_ROWS || targetRows.length >= PRELOAD_MAX_ROWS) return;
      const byId = new Map(sourceRows.map((row) => [shortId(String(row.Id)), this.asInTarget(object, row)]));
      let unresolved = new Set([...byId.keys()].filter((id) => !this.cache.has(id)));
      for (const alternative of alternatives) unresolved = this.assign(alternative, unresolved, byId, targetRows);
      for (const id of unresolved) this.cache.set(id, null);
    });
    // A failed preload changes nothing: the lookups it would have spared are made record by record.
    const settled = loading.then(
      () => undefined,
      () => undefined
    );
    this.preloading.set(object, settled);
    void settled.then(() => this.preloading.delete(object));
    return loading;
  }

  public async resolve(object: string, sourceIds: Iterable<string>): Promise<void> {
    await this.preloading.get(object);
    const waits = new Set<Promise<void>>();
    const wanted: string[] = [];
    for (const id of new Set([...sourceIds].map(shortId))) {
      if (this.cache.has(id)) continue;
      const inFlight = this.pending.get(id);
      if (inFlight) waits.add(inFlight);
      else wanted.push(id);
    }
    if (wanted.length > 0) {
      const lookup = this.lookUp(object, wanted);
      for (const id of wanted) this.pending.set(id, lookup);
      const forget = (): void => {
        for (const id of wanted) if (this.pending.get(id) === lookup) this.pending.delete(id);
      };
      lookup.then(forget, forget);
      waits.add(lookup);
    }
    await Promise.all(waits);
  }

  private async lookUp(object: string, all: string[]): Promise<void> {
    const wanted = this.historyApplies(object) ? await this.lookUpHistory(object, all) : all;
    const alternatives = this.keysOf(object);
    if (alternatives.length === 0 || wanted.length === 0) {
      // No key (an insert-only object, or one nothing identifies): nothing more can be found in the target.
      for (const id of wanted) this.cache.set(id, null);
      return;
    }
    const sourceFields = this.sourceFieldsOf(object, alternatives);
    const sourceRows = new Map<string, Record<string, unknown>>();
    for (const chunk of inClauseChunks(wanted.map((id) => soqlString(id)))) {
      const soql = `SELECT Id, ${sourceFields.join(', ')} FROM ${object} WHERE Id IN (${chunk.join(',')})`;
      for await (const page of queryPages(this.source, soql, { small: chunk.length <= SMALL_READ_ROWS })) {
        for (const row of page) sourceRows.set(shortId(String(row.Id)), this.asInTarget(object, row));
      }
    }
    let unresolved = new Set(wanted);
    const together = alternatives.length > 1 ? oneQueryFor(this.targetName(object), alternatives, unresolved, sourceRows) : undefined;
    if (together) {
      // Every alternative's key values in one query (a User by Username or Email: one round trip, one call);
      // the alternatives still apply in order, so a Username match wins over an Email match.
      const rows = await queryAll(this.target, together, { small: unresolved.size <= SMALL_READ_ROWS });
      for (const alternative of alternatives) unresolved = this.assign(alternative, unresolved, sourceRows, rows);
    } else {
      for (const alternative of alternatives) {
        if (unresolved.size === 0) break;
        unresolved = await this.resolveBy(object, alternative, unresolved, sourceRows);
      }
    }
    for (const id of unresolved) this.cache.set(id, null);
  }

  /** The source fields a key of the object is computed from: its own, and what the template's transformations read. */
  private sourceFieldsOf(object: string, alternatives: KeyAlternative[]): string[] {
    return [...new Set([...keyFieldsOf(alternatives, 'source'), ...(this.asTarget.sourceFields?.(object) ?? [])])];
  }

  /**
   * A source row's key as the target knows it: transformed as the template writes the object (a masked key is
   * masked there), and a record type of an object the template loads into one of another name (`"target"`) is
   * that object's record type there (`SobjectType` `Account` -> `Client__c`).
   */
  private asInTarget(object: string, sourceRow: SObjectRow): SObjectRow {
    const row = this.asTarget.transformed?.(object, sourceRow) ?? sourceRow;
    const { SobjectType } = row;
    if (typeof SobjectType !== 'string') return row;
    const renamed = this.targetName(SobjectType);
    return renamed === SobjectType ? row : { ...row, SobjectType: renamed };
  }

  /** Caches the ids history finds in the target; answers the ids it did not find. */
  private async lookUpHistory(object: string, wanted: string[]): Promise<string[]> {
    const found = await findHistoryMatches(this.target, this.targetName(object), this.history.lookup, [], wanted);
    for (const [sourceId, row] of found) this.cache.set(sourceId, String(row.Id));
    return wanted.filter((id) => !found.has(id));
  }

  /** Pairs source ids with target rows by one alternative's key; answers the ids it left unresolved. */
  private assign(alternative: KeyAlternative, sourceIds: Set<string>, sourceRows: Map<string, Record<string, unknown>>, rows: SObjectRow[]): Set<string> {
    const remaining = new Set(sourceIds);
    const byKey = keysOf(alternative, sourceIds, sourceRows);
    for (const row of rows) {
      const key = matchKeyOf(row, alternative.target);
      for (const id of (key !== null && byKey.get(key)) || []) {
        // The first target row wins; a key that is not unique in the target is the template's problem.
        if (!this.cache.has(id)) this.cache.set(id, String(row.Id));
        remaining.delete(id);
      }
    }
    return remaining;
  }

  private async resolveBy(
    object: string,
    alternative: KeyAlternative,
    sourceIds: Set<string>,
    sourceRows: Map<string, Record<string, unknown>>
  ): Promise<Set<string>> {
    let remaining = new Set(sourceIds);
    if (keysOf(alternative, sourceIds, sourceRows).size === 0) return remaining;
    // Composite keys filter on the first field and check the rest in memory (few rows share a first part).
    const fields = alternative.target.join(', ');
    for (const chunk of inClauseChunks(firstValuesOf(alternative, sourceIds, sourceRows))) {
      const soql = `SELECT Id, ${fields} FROM ${this.targetName(object)} WHERE ${alternative.target[0]} IN (${chunk.join(',')})`;
      for await (const page of queryPages(this.target, soql, { small: chunk.length <= SMALL_READ_ROWS })) remaining = this.assign(alternative, remaining, sourceRows, page);
    }
    return remaining;
  }
}

/** Rows read by `preload`: an object that fills them may have more, and is resolved record by record. */
export const PRELOAD_MAX_ROWS = 1000;

/** The IN lists of all alternatives together stay within what inClauseChunks allows one list. */
const MAX_COMBINED_FILTER_CHARS = 80_000;

/** Every field of a key's alternatives on one side, once each. */
function keyFieldsOf(alternatives: KeyAlternative[], side: 'source' | 'target'): string[] {
  return [...new Set(alternatives.flatMap((alternative) => alternative[side]))];
}

/** The SOQL literals of the first key field of the source records (blank values left out), once each. */
function firstValuesOf(alternative: KeyAlternative, sourceIds: Set<string>, sourceRows: Map<string, Record<string, unknown>>): string[] {
  const values = new Set<string>();
  for (const id of sourceIds) {
    const value = sourceRows.get(id)?.[alternative.source[0]];
    if (value !== null && value !== undefined && value !== '') values.add(soqlLiteral(value));
  }
  return [...values];
}

/** Source ids by their key under one alternative (ids whose key is incomplete are left out). */
function keysOf(alternative: KeyAlternative, sourceIds: Set<string>, sourceRows: Map<string, Record<string, unknown>>): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const id of sourceIds) {
    const row = sourceRows.get(id);
    const key = row ? matchKeyOf(row, alternative.source) : null;
    if (key === null) continue;
    byKey.set(key, [...(byKey.get(key) ?? []), id]);
  }
  return byKey;
}

/**
 * One SOQL that finds the candidates of every alternative (`First1 IN (...) OR First2 IN (...)`, composite keys
 * checked in memory), or undefined when the values need more than one IN list each (then one query per
 * alternative and chunk, as before).
 */
function oneQueryFor(object: string, alternatives: KeyAlternative[], sourceIds: Set<string>, sourceRows: Map<string, Record<string, unknown>>): string | undefined {
  const filters: string[] = [];
  for (const alternative of alternatives) {
    const values = firstValuesOf(alternative, sourceIds, sourceRows);
    if (values.length === 0) continue;
    const chunks = inClauseChunks(values);
    if (chunks.length > 1) return undefined;
    filters.push(`${alternative.target[0]} IN (${chunks[0].join(',')})`);
  }
  // Within what one IN list may hold, so that the whole query stays under SOQL's 100,000 characters.
  if (filters.length === 0 || filters.reduce((sum, filter) => sum + filter.length, 0) > MAX_COMBINED_FILTER_CHARS) return undefined;
  return `SELECT Id, ${keyFieldsOf(alternatives, 'target').join(', ')} FROM ${object} WHERE ${filters.join(' OR ')}`;
}
