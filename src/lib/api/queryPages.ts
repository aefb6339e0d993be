import type { OrgApi } from './orgApi.js';

export type SObjectRow = Record<string, unknown> & { attributes?: { type: string; url?: string } };

type QueryResponse = {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: SObjectRow[];
};

export type QueryPagesOptions = {
  /** queryAll: include deleted and archived rows. */
  includeDeleted?: boolean;
  /** Rows per page asked of the server (Salesforce: 200-2000, a hint). */
  batchSize?: number;
};

/**
 * Streams a SOQL query page by page through `nextRecordsUrl`, so no caller ever holds a whole object in
 * memory (jsforce's autoFetch stops silently at maxFetch; this never does). Yields each page's rows.
 */
export async function* queryPages(api: OrgApi, soql: string, options: QueryPagesOptions = {}): AsyncGenerator<SObjectRow[]> {
  const headers: Record<string, string> = options.batchSize ? { 'Sforce-Query-Options': `batchSize=${options.batchSize}` } : {};
  const resource = options.includeDeleted ? '/queryAll' : '/query';
  let page = await api.request<QueryResponse>('GET', `${resource}?q=${encodeURIComponent(soql)}`, undefined, headers);
  for (;;) {
    if (page.records.length > 0) yield page.records;
    if (page.done || !page.nextRecordsUrl) return;
     
    page = await api.request<QueryResponse>('GET', page.nextRecordsUrl, undefined, headers);
  }
}

/** Every row of a small query (describe-sized lookups such as RecordType or User resolution). */
export async function queryAll(api: OrgApi, soql: string, options: QueryPagesOptions = {}): Promise<SObjectRow[]> {
  const rows: SObjectRow[] = [];
  for await (const page of queryPages(api, soql, options)) rows.push(...page);
  return rows;
}

/** `SELECT COUNT() ...` */
export async function queryCount(api: OrgApi, soql: string): Promise<number> {
  const page = await api.request<QueryResponse>('GET', `/query?q=${encodeURIComponent(soql)}`);
  return page.totalSize;
}
