import type { OrgApi } from '../api/orgApi.js';
import { queryCounts } from '../api/queryPages.js';

/**
 * The `SELECT COUNT()` queries of one org, each sent once: a count asked for again is answered from its first
 * sending, so the counts sent ahead of the describes (see readsAhead) are not sent a second time when the run
 * asks for them by its objects.
 */
export class CountQueries {
  private readonly asked = new Map<string, Promise<number>>();

  public constructor(public readonly api: OrgApi) {}

  /**
   * The counts of these queries, in order; those not asked yet are sent together, five to a Composite call.
   * `includeDeleted`: through queryAll (deleted records counted too).
   */
  public counts(soqls: readonly string[], options: { includeDeleted?: boolean } = {}): Array<Promise<number>> {
    const keyOf = (soql: string): string => (options.includeDeleted ? `queryAll ${soql}` : soql);
    const missing = [...new Set(soqls.filter((soql) => !this.asked.has(keyOf(soql))))];
    queryCounts(this.api, missing, options).forEach((count, index) => {
      // Awaited by whoever asks; a count nobody asks for again must not surface as an unhandled rejection.
      count.catch(() => undefined);
      this.asked.set(keyOf(missing[index]), count);
    });
    return soqls.map((soql) => this.asked.get(keyOf(soql))!);
  }
}
