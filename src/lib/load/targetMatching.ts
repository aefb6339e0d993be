import type { SObjectRow } from '../api/queryPages.js';
import { matchKeyOf } from '../scan/matchKey.js';
import { preferFullTargetRead, TargetIndex } from '../scan/targetIndex.js';
import { findTargetMatches } from '../scan/targetMatcher.js';
import type { MatchKey } from '../template/syncTemplate.js';
import type { ObjectSyncSpec } from '../transform/recordTransformer.js';
import { WOULD_INSERT_PREFIX } from './dryRunWriter.js';
import type { EngineRun } from './engineRun.js';

/** The target fields a match is compared on: the synced fields and the deferred lookups. */
export function compareFieldsOf(spec: ObjectSyncSpec): string[] {
  return [...new Set([...spec.fields.map((field) => field.name), ...spec.deferredLookups])];
}

/**
 * How the source records of one object with a match key find their counterparts in the target: not at all
 * when the object is empty in the target (one COUNT() saves a query per page), by one `Key IN (...)` query per
 * page of source records, or, when that costs more calls, by reading the (small) target object once.
 */
export class TargetMatching {
  private empty = false;
  private index: TargetIndex | undefined;
  /** Match key fields that are lookups (junctions: Project__c + Contact__c): compared by their target ids. */
  private readonly lookupKeyFields: string[];

  public constructor(
    private readonly spec: ObjectSyncSpec,
    public readonly matchBy: MatchKey,
    private readonly run: EngineRun
  ) {
    this.lookupKeyFields = matchBy.source.filter((name) => spec.source.fields.find((field) => field.name === name)?.type === 'reference');
  }

  private get name(): string {
    return this.spec.object.name;
  }

  /** Does matching a set of rows cost a query (`Key IN (...)`)? Not when the target is empty or read whole. */
  public get costsQueries(): boolean {
    return !this.empty && !this.index;
  }

  /**
   * Chooses how to match, before the first page. `mayReadWhole` false: most records are found otherwise (by
   * history), so the few left are looked up by key page by page rather than the whole target read and held.
   */
  public async prepare(mayReadWhole = true): Promise<void> {
    this.empty = (await this.run.services.counts.target(this.name)) === 0;
    if (this.empty || this.spec.onlySourceIds || !mayReadWhole) return;
    const [sourceRecords, targetRecords] = await Promise.all([this.run.services.counts.source(this.name), this.run.services.counts.target(this.name)]);
    if (!preferFullTargetRead(sourceRecords, targetRecords, this.run.config.pageSize)) return;
    this.index = await TargetIndex.load(this.run.services.target, this.spec.target.name, this.matchBy, compareFieldsOf(this.spec));
  }

  /** The target rows of each key of `keyRows` (rows as keyView shows them). */
  public async matches(keyRows: readonly SObjectRow[]): Promise<Map<string, SObjectRow[]>> {
    if (this.empty) return new Map();
    return this.index?.matches(this.matchBy, keyRows) ?? findTargetMatches(this.run.services.target, this.spec.target.name, this.matchBy, compareFieldsOf(this.spec), keyRows);
  }

  /**
   * After an insert failed in transit: which of these records (their key fields, see keyFieldsOf) are in the
   * target now, by match key; only an unambiguous match counts. Source id -> target id.
   */
  public async findInserted(rows: readonly SObjectRow[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const keyRows = rows.map((row) => this.keyView(row));
    const matches = await findTargetMatches(this.run.services.target, this.spec.target.name, this.matchBy, [], keyRows);
    keyRows.forEach((keyRow, index) => {
      const key = matchKeyOf(keyRow, this.matchBy.source);
      const hits = key === null ? undefined : matches.get(key);
      if (hits?.length === 1) found.set(String(rows[index].Id), String(hits[0].Id));
    });
    return found;
  }

  /**
   * The row as its match key sees it in the target: lookup key fields carry the parent's target id (a
   * parent that is not in the target yet leaves the key incomplete, so the record cannot match).
   */
  public keyView(row: SObjectRow): SObjectRow {
    if (this.lookupKeyFields.length === 0) return row;
    const view: SObjectRow = { ...row };
    for (const field of this.lookupKeyFields) {
      const sourceId = row[field];
      const targetId = typeof sourceId === 'string' ? (this.run.state.idMap.get(sourceId) ?? this.run.services.resolver.cached(sourceId) ?? null) : null;
      // A parent a dry run "would insert" has no target id yet, so nothing in the target can match its children.
      view[field] = targetId?.startsWith(WOULD_INSERT_PREFIX) ? null : targetId;
    }
    return view;
  }

  /**
   * What an insert keeps of its source row until its batch is written: the match key's fields, all that
   * findInserted reads, not the whole row with its `attributes` (thousands of records wait in flight).
   */
  public keyFieldsOf(row: SObjectRow): SObjectRow {
    const kept: SObjectRow = { Id: row.Id };
    for (const path of this.matchBy.source) {
      const field = path.split('.')[0];
      kept[field] = row[field];
    }
    return kept;
  }
}
