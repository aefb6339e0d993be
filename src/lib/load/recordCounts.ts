import { renamedObjects } from '../template/syncTemplate.js';
import type { OrgApi } from '../api/orgApi.js';
import { countQuery } from '../template/soqlClauses.js';
import type { SObjectRow } from '../api/queryPages.js';
import { buildCountQuery, buildDeletedCountQuery } from './sourceQuery.js';
import { countByFirstPages } from './firstPageCounts.js';
import type { ObjectSyncSpec } from '../transform/recordTransformer.js';
import { CountQueries } from './countQueries.js';
import { FirstPages } from './firstPages.js';

/**
 * The record counts a run decides by, asked once for every object at the start, five to a Composite call:
 * the source count of each object's query (the API budget's projection, Bulk API or REST) and the target
 * count of each object (an empty target needs no matching). Taken at the start rather than when each object
 * starts: the run is the only writer it knows of, and an object's own records are written only once it starts
 * (which also holds for a delta's target counts, asked when their object starts matching, if at all).
 */
export class RecordCounts {
  private constructor(
    private readonly sourceCounts: ReadonlyMap<string, Promise<number>>,
    private readonly targetCounts: Map<string, Promise<number>>,
    private readonly deletedCounts: ReadonlyMap<string, Promise<number>> = new Map(),
    /** Where the target counts not asked at the start are asked when first needed. */
    private readonly targetQueries?: CountQueries,
    /** A delta's first pages, read in place of its counts (see FirstPages). */
    private readonly firstPages?: FirstPages,
    /** Template objects that load into a target object of another name: template name -> target name. */
    private readonly targetNames: ReadonlyMap<string, string> = new Map()
  ) {}

  /** Sends the count queries now; each answer is awaited by whoever needs it. */
  public static start(specs: readonly ObjectSyncSpec[], source: OrgApi, target: OrgApi): RecordCounts {
    return RecordCounts.from(specs, { source: new CountQueries(source), target: new CountQueries(target) });
  }

  /**
   * The counts of these objects from each org's count queries: those sent ahead already are not sent again. A
   * delta's objects (read since their last sync) have their target counted only if the run asks (see
   * `target`): their matching seldom needs it, and their reads do not wait for it.
   *
   * With `pageSize`, a delta's changes and the deleted records are not counted but read: the first page of each
   * (see FirstPages), whose rows are the count when they are fewer than a page; a full page is counted after all.
   */
  public static from(
    specs: readonly ObjectSyncSpec[],
    queries: { source: CountQueries; target: CountQueries },
    options: { deleted?: boolean; pageSize?: number } = {}
  ): RecordCounts {
    const names = specs.map((spec) => spec.object.name);
    const whole = names.filter((_, index) => !specs[index].modifiedSince);
    const { pageSize } = options;
    const pages = pageSize ? new FirstPages(queries.source.api) : undefined;
    const byPage = pages && pageSize ? countByFirstPages(specs, queries.source, pages, { pageSize, deleted: options.deleted === true }) : undefined;
    // The counts sent as counts leave in one call of CountQueries (five to a Composite call without a packer).
    const counted = specs.filter((spec) => !byPage?.changes.has(spec.object.name));
    const countOf = byName(
      counted.map((spec) => spec.object.name),
      queries.source.counts(counted.map((spec) => buildCountQuery(spec)))
    );
    const changes = specs.map((spec) => byPage?.changes.get(spec.object.name) ?? countOf.get(spec.object.name)!);
    const deleted = (): Array<Promise<number>> =>
      byPage ? specs.map((spec) => byPage.deleted.get(spec.object.name)!) : queries.source.counts(specs.map((spec) => buildDeletedCountQuery(spec)), { includeDeleted: true });
    const targetNames = renamedObjects(specs.map((spec) => spec.object));
    return new RecordCounts(
      byName(names, changes),
      byName(whole, queries.target.counts(whole.map((name) => countQuery(targetNames.get(name) ?? name)))),
      options.deleted ? byName(names, deleted()) : new Map(),
      queries.target,
      pages,
      targetNames
    );
  }

  /** Counts known in advance (tests, or a caller that counted otherwise): object name -> count. */
  public static of(source: Record<string, number>, target: Record<string, number>): RecordCounts {
    const promises = (counts: Record<string, number>): Map<string, Promise<number>> =>
      new Map(Object.entries(counts).map(([name, count]) => [name, Promise.resolve(count)]));
    return new RecordCounts(promises(source), promises(target));
  }

  /** Records the object's source query selects (its `where`, not its `limit`). */
  public source(object: string): Promise<number> {
    return this.sourceCounts.get(object) ?? Promise.reject(new Error(`No source count was asked for ${object}.`));
  }

  /**
   * `--include-deleted`: source records of the object deleted since its last sync date (in the recycle bin),
   * or undefined when the run did not count them (then they are read to find out).
   */
  public deleted(object: string): Promise<number> | undefined {
    return this.deletedCounts.get(object);
  }

  /**
   * The first page read at the start for exactly this query (see FirstPages), handed out once: the reader's first
   * page, which it then does not ask for. Undefined when none was read.
   */
  public firstPage(soql: string, options: { includeDeleted?: boolean } = {}): Promise<SObjectRow[] | undefined> | undefined {
    return this.firstPages?.take(soql, options);
  }

  /** Records of the object (its template name) in the target when the run started (for a delta's object: when first asked). */
  public target(object: string): Promise<number> {
    let count = this.targetCounts.get(object);
    if (!count && this.targetQueries) this.targetCounts.set(object, (count = this.targetQueries.counts([countQuery(this.targetNames.get(object) ?? object)])[0]));
    return count ?? Promise.reject(new Error(`No target count was asked for ${object}.`));
  }
}

/** (A run that stops early never asks for some counts: CountQueries keeps their failures from going unhandled.) */
function byName(names: string[], counts: Array<Promise<number>>): Map<string, Promise<number>> {
  return new Map(names.map((name, index) => [name, counts[index]]));
}
