/**
 * Reads an object's source records page by page: through the REST query API, or, for an object with at
 * least the run's bulk threshold of records, through a Bulk API 2.0 query job (one job and a results page per
 * 10,000 rows instead of a call per 2,000). The record count that decides it is the run's (RecordCounts),
 * shared with the writer's choice (see ObjectSync.chooseWriter). Retries (a few records by id), phased
 * objects and queries with columns that Bulk CSV cannot type (relationship paths) stay on REST.
 */
import type { HeaderTextOrgApi, OrgApi } from '../api/orgApi.js';
import { queryAll, queryPages, SMALL_READ_ROWS, type SObjectRow } from '../api/queryPages.js';
import { pollsWithin } from '../bulk/jobPolling.js';
import { pollOptionsOf } from '../bulk/jobRun.js';
import { bulkQueryPages, startQueryJob, type StartedQueryJob } from '../bulk/queryJob.js';
import { canTypeColumns, restRowsOf } from '../bulk/queryRowValues.js';
import type { ObjectSyncSpec } from '../transform/recordTransformer.js';
import { buildSourceQuery, keysetReadable, LOAD_PHASES, type SourcePart } from './sourceQuery.js';
import type { EngineRun } from './engineRun.js';

/**
 * Rows per Bulk API results page (`maxRecords`): the size of a Bulk ingest batch, so a page read is a job
 * written, and few enough rows that the engine's per-page work (target matching) stays a page at a time.
 */
export const BULK_READ_PAGE_SIZE = 10_000;

/** The SELECT list of a query built by `buildSourceQuery` (`SELECT a, b FROM X …`). */
function selectedColumns(soql: string): string[] {
  const list = /^SELECT (.+?) FROM /i.exec(soql)?.[1] ?? '';
  return list.split(',').map((column) => column.trim());
}

/** Whether this query of the object could be read by a Bulk query job, whatever its size. */
export function bulkReadable(spec: ObjectSyncSpec, soql: string): boolean {
  if (spec.onlySourceIds || LOAD_PHASES[spec.object.name]) return false;
  return canTypeColumns(selectedColumns(soql), spec.source.fields);
}

function canReadInBulk(api: OrgApi): api is HeaderTextOrgApi {
  return typeof api.requestTextWithHeaders === 'function';
}

async function readsInBulk(run: EngineRun, spec: ObjectSyncSpec, soql: string): Promise<boolean> {
  const threshold = run.config.bulkReadThreshold;
  if (threshold === undefined || !canReadInBulk(run.services.source) || !bulkReadable(spec, soql)) return false;
  return (await run.services.counts.source(spec.object.name)) >= threshold;
}

/**
 * Creates, at the start of a run, the Bulk query jobs of the objects that will be read in bulk: a job runs on
 * Salesforce's side while the objects before it sync, so its rows are ready when the object starts instead of
 * after a poll interval or more (source reads depend on nothing the run writes). A job the run never reads
 * (the run stopped first) is left to Salesforce, which deletes finished jobs after seven days.
 */
export function startBulkReads(run: EngineRun, specs: readonly ObjectSyncSpec[]): Map<string, Promise<StartedQueryJob | undefined>> {
  const started = new Map<string, Promise<StartedQueryJob | undefined>>();
  for (const spec of specs) {
    const soql = buildSourceQuery(spec);
    const job = readsInBulk(run, spec, soql).then((bulk) =>
      bulk ? startQueryJob(run.services.source as HeaderTextOrgApi, { soql, pageSize: BULK_READ_PAGE_SIZE }) : undefined
    );
    // Awaited when the object starts; a run that stops before must not see it as an unhandled rejection.
    job.catch(() => undefined);
    started.set(spec.object.name, job);
  }
  return started;
}

/** The rows of one query of an object's source, page by page, shaped as REST query rows either way. */
export async function* readSource(run: EngineRun, spec: ObjectSyncSpec, part: SourcePart = {}): AsyncGenerator<SObjectRow[]> {
  // A delta counted nothing changed since the object's last sync: no query (the next delta's bound covers
  // whatever changes after the count, which was asked after this run's read start).
  if (spec.modifiedSince && !part.ids && (await run.services.counts.source(spec.object.name)) === 0) return;
  const soql = buildSourceQuery(spec, part);
  const { source, bulkReads } = run.services;
  const { pageSize } = run.config;
  if (!(await readsInBulk(run, spec, soql))) {
    // Counted small (a delta's few changes, a small object): its pages may share Composite calls with others'.
    const small = part.ids ? part.ids.length <= SMALL_READ_ROWS : (await run.services.counts.source(spec.object.name)) <= SMALL_READ_ROWS;
    if (keysetReadable(spec)) yield* keysetPages(source, spec, part, { pageSize, small, firstPage: (soql) => run.services.counts.firstPage(soql) });
    else yield* queryPages(source, soql, { batchSize: pageSize, small });
    return;
  }
  // The job started ahead is for the object's whole query, the only one read in bulk (retries and phases are not).
  const ahead = soql === buildSourceQuery(spec) ? bulkReads?.get(spec.object.name) : undefined;
  const started = ahead?.then((job) => job ?? startQueryJob(source as HeaderTextOrgApi, { soql, pageSize: BULK_READ_PAGE_SIZE }));
  // A first page as small as a REST one: the object's first batches leave sooner (it often gates others).
  const pages = bulkQueryPages(source as HeaderTextOrgApi, { soql, pageSize: BULK_READ_PAGE_SIZE, firstPageSize: pageSize }, started);
  for await (const page of pages) yield restRowsOf(page, spec.source.fields);
}

/**
 * A REST read in keyset pages (see keysetReadable): each page is a query of the next `pageSize` rows after the
 * last Id read, so no cursor stays open while the object waits. The template's `limit` bounds the rows read
 * (without an `orderBy`, which records it keeps was never defined: by Id is as good as any).
 */
async function* keysetPages(
  api: OrgApi,
  spec: ObjectSyncSpec,
  part: SourcePart,
  read: { pageSize: number; small: boolean; firstPage: (soql: string) => Promise<SObjectRow[] | undefined> | undefined }
): AsyncGenerator<SObjectRow[]> {
  const { pageSize } = read;
  let afterId: string | undefined;
  let left = spec.object.limit ?? Number.POSITIVE_INFINITY;
  while (left > 0) {
    const size = Math.min(pageSize, left);
    const soql = buildSourceQuery(spec, part, { afterId, size });
    // One page (LIMIT <= batch size); queryAll still follows a nextRecordsUrl if the org sends smaller pages. A
    // delta's first page was read at the start, in place of its count.
    const first = afterId === undefined ? await read.firstPage(soql) : undefined;
    const rows = first ?? (await queryAll(api, soql, { batchSize: pageSize, small: read.small || size <= SMALL_READ_ROWS }));
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
    left -= rows.length;
    const lastId = String(rows[rows.length - 1].Id);
    // An org that ignored the Id filter would answer the same page for ever: stop instead of looping.
    if (lastId === afterId) throw new Error(`Reading ${spec.object.name} did not advance past ${lastId}: the org answered the same page twice.`);
    afterId = lastId;
  }
}

/**
 * API calls of one Bulk read of `records` rows: the job, its polls and a call per results page. The job is
 * assumed to run a second per 10,000 rows (Salesforce gives no figure; query jobs run far faster than ingest).
 */
export function bulkReadCalls(records: number): number {
  const runningMs = Math.max(1000, (records / 10_000) * 1000);
  const polls = pollsWithin(runningMs, pollOptionsOf({}));
  return 1 + polls + Math.max(1, Math.ceil(records / BULK_READ_PAGE_SIZE));
}
