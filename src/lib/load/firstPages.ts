import type { OrgApi } from '../api/orgApi.js';
import { queryAll, type SObjectRow } from '../api/queryPages.js';

/**
 * First pages of a delta's reads, read at the start in place of counting them. A delta's changes (and deleted
 * records) are mostly fewer than a page: the page itself then says how many there are, and its rows are the
 * object's first page when it starts reading, so the count that would have come first costs nothing. All of them
 * leave at once, small, packed five to a Composite call (the same calls the counts took, with the rows in them).
 *
 * A page is kept by its exact SOQL and handed out once: a reader whose first query differs (another page size, a
 * retry's ids) reads for itself, and nothing stale is ever read twice.
 */
export class FirstPages {
  private readonly pages = new Map<string, Promise<SObjectRow[] | undefined>>();

  public constructor(private readonly api: OrgApi) {}

  /** Reads the page of this query now (through queryAll when `includeDeleted`). */
  public read(soql: string, options: { includeDeleted?: boolean } = {}): Promise<SObjectRow[]> {
    const page = queryAll(this.api, soql, { ...options, small: true });
    this.put(soql, options, page);
    return page;
  }

  /**
   * Keeps a page read otherwise (one query answering two, see firstPageCounts) as this query's first page; a page
   * that resolves to undefined stands for none (the reader then reads for itself).
   */
  public put(soql: string, options: { includeDeleted?: boolean }, page: Promise<SObjectRow[] | undefined>): void {
    // Awaited by the count or the reader; a run that stops before must not see it as an unhandled rejection.
    page.catch(() => undefined);
    this.pages.set(keyOf(soql, options.includeDeleted), page);
  }

  /** The page read for exactly this query, once; undefined when it was not read (or was handed out already). */
  public take(soql: string, options: { includeDeleted?: boolean } = {}): Promise<SObjectRow[] | undefined> | undefined {
    const key = keyOf(soql, options.includeDeleted);
    const page = this.pages.get(key);
    this.pages.delete(key);
    return page;
  }
}

const keyOf = (soql: string, includeDeleted = false): string => (includeDeleted ? `queryAll ${soql}` : soql);
