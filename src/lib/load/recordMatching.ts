import type { SObjectRow } from '../api/queryPages.js';
import { findHistoryMatches } from '../scan/historyMatcher.js';
import { matchKeyOf } from '../scan/matchKey.js';
import type { ObjectSyncSpec } from '../transform/recordTransformer.js';
import { shortId } from '../util/shortId.js';
import type { EngineRun } from './engineRun.js';
import { compareFieldsOf, TargetMatching } from './targetMatching.js';

/** How one source record of a page found its target counterpart (or did not). */
export type PageMatch = {
  /** The target rows found: by history exactly one; by key, several when the key is ambiguous. */
  found: SObjectRow[] | undefined;
  /** How they were found. */
  via: 'history' | 'key' | undefined;
  /** The record's match key, as its key sees it in the target (null without a key, or when a key field is empty). */
  key: string | null;
};

/**
 * How an object's source records find their counterparts in the target, page by page: through the id map of
 * earlier runs first (history, when the object asks for it), then by match key for the records history did
 * not find. An insert-only object has neither, and finds nothing.
 */
export class RecordMatching {
  /** Matching by key (absent without a key). */
  public readonly byKey: TargetMatching | undefined;
  private history = false;
  /** History matches read ahead for rows held for their parents, by source id (15 characters): see prefetch. */
  private readonly readAhead = new Map<string, Promise<Map<string, SObjectRow>>>();

  public constructor(
    private readonly spec: ObjectSyncSpec,
    private readonly run: EngineRun
  ) {
    this.byKey = spec.object.matchBy ? new TargetMatching(spec, spec.object.matchBy, run) : undefined;
  }

  /** Does matching a set of rows cost a query? */
  public get costsQueries(): boolean {
    return this.history || this.byKey?.costsQueries === true;
  }

  /**
   * Chooses how to match, before the first page: history is skipped when it cannot find anything (no earlier
   * run mapped a record and this is not a resume, whose own mappings count; or the target object is empty).
   */
  public async prepare(): Promise<void> {
    const { history, counts } = this.run.services;
    const asked = this.spec.object.history && (history.size > 0 || this.run.state.claimedTargets !== undefined);
    if (await this.deltaOfOnePage()) {
      // Matched by one query (history, then key) whatever the target holds: its count could only show it
      // empty, which an object synced before seldom is, and would cost a call and a round trip first.
      this.history = asked;
      return;
    }
    const [targetRecords] = await Promise.all([asked ? counts.target(this.spec.object.name) : Promise.resolve(0), this.byKey?.prepare(!asked)]);
    this.history = asked && targetRecords > 0;
  }

  /** A delta's read of at most one page (counted): reading the target whole can never cost fewer calls. */
  private async deltaOfOnePage(): Promise<boolean> {
    if (!this.spec.modifiedSince || this.spec.onlySourceIds) return false;
    return (await this.run.services.counts.source(this.spec.object.name)) <= this.run.config.pageSize;
  }

  /**
   * Each row's matches, in the order of `rows`. History needs nothing of the page's parents, so it is read
   * while `parentsResolved` (the page's lookups to parents outside the id map) is still on its way; a key is
   * looked up once they are known, as a lookup field of the key carries its parent's target id (keyView).
   */
  public async matchPage(rows: readonly SObjectRow[], parentsResolved: Promise<void> = Promise.resolve()): Promise<PageMatch[]> {
    const [byHistory] = await Promise.all([this.history ? this.historyOf(rows) : undefined, parentsResolved]);
    const byKey = this.byKey;
    const keyRows = rows.map((row) => (byKey ? byKey.keyView(row) : row));
    const rest = byHistory && byHistory.size > 0 ? keyRows.filter((row) => !byHistory.has(shortId(String(row.Id)))) : keyRows;
    const keyMatches = byKey && rest.length > 0 ? await byKey.matches(rest) : undefined;
    return keyRows.map((keyRow) => {
      const historyRow = byHistory?.get(shortId(String(keyRow.Id)));
      if (historyRow) return { found: [historyRow], via: 'history', key: null };
      const key = byKey ? matchKeyOf(keyRow, byKey.matchBy.source) : null;
      const found = key === null ? undefined : keyMatches?.get(key);
      return { found, via: found && found.length > 0 ? 'key' : undefined, key };
    });
  }

  /**
   * Starts reading the history matches of rows that wait for their parents (a delta's children of changed
   * parents): they read the same then as once released, since a record is written only after it is decided,
   * and the released rows are decided as soon as their parents are in instead of a round trip later.
   */
  public prefetch(rows: readonly SObjectRow[]): void {
    if (!this.history || rows.length === 0) return;
    const reading = this.historyMatches(rows);
    // A read ahead that failed is read again when the rows are matched, and fails there if it must.
    reading.catch(() => undefined);
    for (const row of rows) this.readAhead.set(shortId(String(row.Id)), reading);
  }

  /** The history matches of these rows: read ahead (prefetch) where they were, read now for the others. */
  private async historyOf(rows: readonly SObjectRow[]): Promise<Map<string, SObjectRow>> {
    const ahead = new Set<Promise<Map<string, SObjectRow>>>();
    const rest: SObjectRow[] = [];
    for (const row of rows) {
      const id = shortId(String(row.Id));
      const reading = this.readAhead.get(id);
      this.readAhead.delete(id);
      if (reading) ahead.add(reading);
      else rest.push(row);
    }
    if (ahead.size === 0) return this.historyMatches(rows);
    const found = new Map<string, SObjectRow>();
    const answers = await Promise.allSettled([...ahead]);
    const failed = answers.some((answer) => answer.status === 'rejected');
    for (const answer of answers) if (answer.status === 'fulfilled') for (const [id, row] of answer.value) found.set(id, row);
    const reread = failed ? rows.filter((row) => !found.has(shortId(String(row.Id)))) : rest;
    if (reread.length > 0) for (const [id, row] of await this.historyMatches(reread)) found.set(id, row);
    return found;
  }

  /**
   * The target records these rows are mapped to that still exist: the run's own mapping first (a resume holds
   * what its earlier attempt wrote), else an earlier run's.
   */
  private historyMatches(rows: readonly SObjectRow[]): Promise<Map<string, SObjectRow>> {
    const { idMap } = this.run.state;
    const { history, target } = this.run.services;
    const lookup = { get: (sourceId: string): string | undefined => idMap.get(sourceId) ?? history.get(sourceId), size: history.size };
    return findHistoryMatches(target, this.spec.target.name, lookup, compareFieldsOf(this.spec), rows.map((row) => String(row.Id)));
  }

  /** What an insert keeps of its row until its batch is written (see TargetMatching.keyFieldsOf). */
  public keyFieldsOf(row: SObjectRow): SObjectRow {
    return this.byKey ? this.byKey.keyFieldsOf(row) : { Id: row.Id };
  }
}
