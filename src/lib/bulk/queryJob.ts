/**
 * Bulk API 2.0 query jobs for the sync engine: create the job, wait until Salesforce has run the query, then
 * read its results page by page. A page is `maxRecords` rows; the next one is named only by the
 * `Sforce-Locator` response header, the string `null` after the last page. Pages are yielded one at a time
 * so a caller that waits between pages (backpressure) holds one page, never the object.
 */
import type { HeaderTextOrgApi, TextResponse } from '../api/orgApi.js';
import { withReadRetry } from '../api/withRetry.js';
import { parseCsvRows } from './bulkCsv.js';
import { waitForJob } from './jobPolling.js';
import { pollOptionsOf, type PollSettings } from './jobRun.js';
import type { CsvPage } from './queryRowValues.js';
import type { IngestJobInfo } from './types.js';

export type { CsvPage } from './queryRowValues.js';

export type QueryJobRequest = PollSettings & {
  soql: string;
  /** queryAll: include deleted and archived rows. */
  includeDeleted?: boolean;
  /** Rows per results page (`maxRecords`). */
  pageSize: number;
  /** Rows of the first results page, when it should differ (a small first page starts the caller's work sooner). */
  firstPageSize?: number;
};

/** A query job that did not give its rows: it failed or was aborted, or its results did not add up. */
export class BulkQueryError extends Error {
  public constructor(
    message: string,
    public readonly jobId: string | undefined,
    options?: { cause: unknown }
  ) {
    super(message, options);
    this.name = 'BulkQueryError';
  }
}

const LAST_PAGE = 'null';

function resultsPath(jobId: string, pageSize: number, locator: string | undefined): string {
  const page = locator === undefined ? '' : `&locator=${encodeURIComponent(locator)}`;
  return `/jobs/query/${jobId}/results?maxRecords=${pageSize}${page}`;
}

/** A query without rows answers an empty body; otherwise the first line is the header. */
function parsePage(text: string): CsvPage {
  const [header = [], ...rows] = parseCsvRows(text);
  return { header, rows };
}

/** The header counts the page's rows: a page that does not hold that many was cut short on the way. */
function checkedPage(jobId: string, response: TextResponse): { page: CsvPage; locator: string } {
  const page = parsePage(response.body);
  const declared = response.headers['sforce-numberofrecords'];
  if (declared !== undefined && Number(declared) !== page.rows.length) {
    throw new BulkQueryError(`a results page announced ${declared} records and held ${page.rows.length}`, jobId);
  }
  const locator = response.headers['sforce-locator'];
  // Without it the next page cannot be named; asking for the first page again would loop for ever.
  if (!locator) throw new BulkQueryError('a results page came without its Sforce-Locator header', jobId);
  return { page, locator };
}

async function createQueryJob(api: HeaderTextOrgApi, request: QueryJobRequest): Promise<IngestJobInfo> {
  return api.request<IngestJobInfo>('POST', '/jobs/query', {
    operation: request.includeDeleted ? 'queryAll' : 'query',
    query: request.soql,
    contentType: 'CSV',
    columnDelimiter: 'COMMA',
    lineEnding: 'LF',
  });
}

async function* resultPages(api: HeaderTextOrgApi, jobId: string, request: QueryJobRequest): AsyncGenerator<CsvPage> {
  const { retry } = pollOptionsOf(request);
  let locator: string | undefined;
  do {
    const path = resultsPath(jobId, locator === undefined ? (request.firstPageSize ?? request.pageSize) : request.pageSize, locator);
    // Result pages are reads: a page asked again is the same page (its locator does not change).
    const response = await withReadRetry(() => api.requestTextWithHeaders('GET', path, undefined, { Accept: 'text/csv' }), retry);
    const checked = checkedPage(jobId, response);
    if (checked.page.rows.length > 0) yield checked.page;
    locator = checked.locator;
  } while (locator !== LAST_PAGE);
}

/** A query job created ahead of its reading (see `bulkQueryPages`' `started`). */
export type StartedQueryJob = { id: string; createdAt: number };

/** Creates the query job now, so that Salesforce runs it while the caller does other work. */
export async function startQueryJob(api: HeaderTextOrgApi, request: QueryJobRequest): Promise<StartedQueryJob> {
  // Its failure is reported by bulkQueryPages, which awaits it, like the failure of a job it creates itself.
  return { id: (await createQueryJob(api, request)).id, createdAt: Date.now() };
}

/**
 * Every failure names the job and keeps its cause, whose error code `classifyFailure` still sees. `started`:
 * a job of this query created earlier (startQueryJob), polled at once when it has had its poll interval.
 */
export async function* bulkQueryPages(api: HeaderTextOrgApi, request: QueryJobRequest, started?: Promise<StartedQueryJob>): AsyncGenerator<CsvPage> {
  let jobId: string | undefined;
  try {
    const job = started ? await started : { id: (await createQueryJob(api, request)).id, createdAt: Date.now() };
    jobId = job.id;
    const options = pollOptionsOf(request);
    const firstPollMs = Math.max(0, options.pollIntervalMs - (Date.now() - job.createdAt));
    const finished = await waitForJob(api, job.id, { ...options, firstPollMs }, 'query');
    const { state, errorMessage } = finished.info;
    if (state !== 'JobComplete') {
      const reason = finished.timedOut ? `it was still running after ${pollOptionsOf(request).timeoutMs} ms` : (errorMessage ?? 'no reason given');
      throw new BulkQueryError(`the job ended ${state}: ${reason}`, job.id);
    }
    yield* resultPages(api, job.id, request);
  } catch (error) {
    const where = jobId ? ` (job ${jobId})` : '';
    const message = error instanceof Error ? error.message : String(error);
    throw new BulkQueryError(`Bulk API query${where} failed: ${message}`, jobId, { cause: error });
  }
}
