import type { OrgApi } from './orgApi.js';
import { getInComposite } from './compositeReads.js';
import { subrequestError } from './subrequestError.js';
import { SALESFORCE_LIMITS } from './salesforceLimits.js';

export type SObjectRow = Record<string, unknown> & { attributes?: { type: string; url?: string } };

type QueryResponse = {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: SObjectRow[];
};

type CompositeResponse = {
  compositeResponse: Array<{ body: unknown; httpStatusCode: number; referenceId: string }>;
};

export type QueryPagesOptions = {
  /** queryAll: include deleted and archived rows. */
  includeDeleted?: boolean;
  /** Rows per page asked of the server (Salesforce: 200-2000, a hint). */
  batchSize?: number;
  /**
   * The caller knows the answer is small (at most SMALL_READ_ROWS rows, or a lookup table as small): its
   * first page may travel packed with other small reads (see PackedReads).
   */
  small?: boolean;
};

/**
 * A read of at most this many rows is small: five of them, packed into one Composite request and run one
 * after another, carry no more rows than one page of a large read.
 */
export const SMALL_READ_ROWS = SALESFORCE_LIMITS.queryPageRows / SALESFORCE_LIMITS.compositeCollectionsOrQueries;

/**
 * Salesforce refuses a request whose URI and headers pass 16,384 bytes (414 / 431) and recommends URIs under
 * 2,000 characters. Longer queries (IN lists of keys) go in the body of a Composite request instead, where
 * only SOQL's own 100,000-character limit applies.
 */
export const MAX_QUERY_URI = SALESFORCE_LIMITS.recommendedUriCharacters;

/**
 * Streams a SOQL query page by page through `nextRecordsUrl`, so no caller ever holds a whole object in
 * memory (jsforce's autoFetch stops silently at maxFetch; this never does). Yields each page's rows.
 */
export async function* queryPages(api: OrgApi, soql: string, options: QueryPagesOptions = {}): AsyncGenerator<SObjectRow[]> {
  const headers: Record<string, string> = options.batchSize ? { 'Sforce-Query-Options': `batchSize=${options.batchSize}` } : {};
  const resource = `${options.includeDeleted ? '/queryAll' : '/query'}?q=${encodeURIComponent(soql)}`;
  let page: QueryResponse;
  // A small read's page size is moot: it fits one page whatever the hint.
  if (options.small && api.getSmall) page = await api.getSmall<QueryResponse>(resource);
  else page = resource.length > MAX_QUERY_URI ? await queryInComposite(api, resource) : await api.request<QueryResponse>('GET', resource, undefined, headers);
  for (;;) {
    if (page.records.length > 0) yield page.records;
    if (page.done || !page.nextRecordsUrl) return;
    page = await api.request<QueryResponse>('GET', page.nextRecordsUrl, undefined, headers);
  }
}

/** The first page of a long query, sent as the one subrequest of a Composite request. */
async function queryInComposite(api: OrgApi, resource: string): Promise<QueryResponse> {
  const response = await api.request<CompositeResponse>('POST', '/composite', {
    allOrNone: false,
    compositeRequest: [{ method: 'GET', url: `/services/data/v${api.apiVersion}${resource}`, referenceId: 'query' }],
  });
  const [sub] = response.compositeResponse;
  if (sub.httpStatusCode >= 400) throw subrequestError(sub);
  return sub.body as QueryResponse;
}

/** Every row of a small query (describe-sized lookups such as RecordType or User resolution). */
export async function queryAll(api: OrgApi, soql: string, options: QueryPagesOptions = {}): Promise<SObjectRow[]> {
  const rows: SObjectRow[] = [];
  for await (const page of queryPages(api, soql, options)) rows.push(...page);
  return rows;
}

/** `SELECT COUNT() ...` */
export async function queryCount(api: OrgApi, soql: string, options: { includeDeleted?: boolean } = {}): Promise<number> {
  const resource = `${options.includeDeleted ? '/queryAll' : '/query'}?q=${encodeURIComponent(soql)}`;
  // A count answers no rows: the smallest of reads.
  const page = api.getSmall ? await api.getSmall<QueryResponse>(resource) : await api.request<QueryResponse>('GET', resource);
  return page.totalSize;
}

/** Salesforce: of a Composite request's subrequests, "up to 5 can be sObject Collections or query operations". */
export const QUERIES_PER_COMPOSITE = SALESFORCE_LIMITS.compositeCollectionsOrQueries;

/**
 * `SELECT COUNT() …` of many queries, five to a Composite request (one API call instead of five), the
 * requests side by side (through the api's packer when it has one). One promise per query, in order; a query Salesforce refuses rejects its own promise
 * with the error a direct call would throw, and a Composite request that failed as a whole is asked again
 * query by query (which then fails, or not, as a direct call does).
 */
export function queryCounts(api: OrgApi, soqls: readonly string[], options: { includeDeleted?: boolean } = {}): Array<Promise<number>> {
  // A packer packs them with whatever other small reads leave now.
  if (api.getSmall) return soqls.map((soql) => queryCount(api, soql, options));
  const resource = options.includeDeleted ? '/queryAll' : '/query';
  const results = getInComposite(api, soqls.map((soql) => `${resource}?q=${encodeURIComponent(soql)}`), QUERIES_PER_COMPOSITE);
  return results.map(async (result, index) => {
    const sub = await result;
    if (!sub) return queryCount(api, soqls[index], options);
    if (sub.httpStatusCode >= 400) throw subrequestError(sub);
    return (sub.body as QueryResponse).totalSize;
  });
}
