/**
 * Open query locators for `nextRecordsUrl` paging. As on Salesforce, a locator expires after 15 minutes
 * without use and a user keeps at most 10 open: opening an eleventh closes the oldest, whose next page
 * then fails with INVALID_QUERY_LOCATOR.
 */
export const MAX_OPEN_CURSORS = 10;
export const CURSOR_IDLE_MS = 15 * 60 * 1000;

type Cursor = { rows: Array<Record<string, unknown>>; totalSize: number; batchSize: number; lastUsed: number };

export type Page = { totalSize: number; done: boolean; nextRecordsUrl?: string; records: Array<Record<string, unknown>> };

export class QueryCursors {
  private readonly cursors = new Map<string, Cursor>();

  public constructor(
    private readonly newLocator: () => string,
    private readonly now: () => number = Date.now
  ) {}

  /** First page of a result; opens a locator when more rows remain. */
  public firstPage(rows: Array<Record<string, unknown>>, totalSize: number, batchSize: number, apiVersion: string): Page {
    if (rows.length <= batchSize) return { totalSize, done: true, records: rows };
    this.evictStale();
    if (this.cursors.size >= MAX_OPEN_CURSORS) this.cursors.delete(this.cursors.keys().next().value!);
    const locator = this.newLocator();
    this.cursors.set(locator, { rows, totalSize, batchSize, lastUsed: this.now() });
    return this.page(locator, 0, apiVersion)!;
  }

  /** The page starting at `offset`, or undefined for an unknown, expired or exhausted locator. */
  public page(locator: string, offset: number, apiVersion: string): Page | undefined {
    this.evictStale();
    const cursor = this.cursors.get(locator);
    if (!cursor || !Number.isInteger(offset) || offset < 0 || offset >= cursor.rows.length) return undefined;
    cursor.lastUsed = this.now();
    // Refresh recency so eviction removes the least recently used locator.
    this.cursors.delete(locator);
    this.cursors.set(locator, cursor);
    const end = Math.min(offset + cursor.batchSize, cursor.rows.length);
    const records = cursor.rows.slice(offset, end);
    if (end >= cursor.rows.length) {
      this.cursors.delete(locator);
      return { totalSize: cursor.totalSize, done: true, records };
    }
    return { totalSize: cursor.totalSize, done: false, nextRecordsUrl: `/services/data/v${apiVersion}/query/${locator}-${end}`, records };
  }

  public clear(): void {
    this.cursors.clear();
  }

  private evictStale(): void {
    const cutoff = this.now() - CURSOR_IDLE_MS;
    for (const [locator, cursor] of this.cursors) if (cursor.lastUsed < cutoff) this.cursors.delete(locator);
  }
}
