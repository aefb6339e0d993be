/**
 * Maps Bulk API 2.0 paths (relative to `/services/data/vNN.N`) and methods to handlers, counting each request
 * under its stats kind. A trailing slash is accepted: Salesforce's own examples use one, and SFDMU adds one.
 */
import type { EmulatorRequest, EmulatorResponse, StatKind } from '../http/types.js';
import { methodNotAllowed, notFound } from './bulkErrors.js';
import { createIngestJob } from './ingestCreate.js';
import { changeIngestState, deleteIngestJob, ingestJobInfo, ingestResults, RESULT_FILES, uploadJobData, type ResultFile } from './ingestRoutes.js';
import { ingestListEntry, queryListEntry } from './jobInfo.js';
import { listJobs } from './jobList.js';
import type { JobStore } from './jobStore.js';
import { createQueryJob } from './queryCreate.js';
import { abortQueryJob, deleteQueryJob, queryJobInfo, queryResults } from './queryRoutes.js';
import type { BulkDeps, IngestJob, QueryJob } from './types.js';

type Route = { kind: StatKind; run: () => EmulatorResponse };
type Routes = Partial<Record<string, Route>>;

const BULK_PATH = /^\/jobs\/(ingest|query)(?:\/([^/]+))?(?:\/([^/]+))?$/;

function withIngestJob(store: JobStore, id: string, run: (job: IngestJob) => EmulatorResponse): () => EmulatorResponse {
  return () => {
    const job = store.ingest(id);
    return job ? run(job) : notFound();
  };
}

function withQueryJob(store: JobStore, id: string, run: (job: QueryJob) => EmulatorResponse): () => EmulatorResponse {
  return () => {
    const job = store.query(id);
    return job ? run(job) : notFound();
  };
}

function ingestRoutes(req: EmulatorRequest, store: JobStore, deps: BulkDeps, id?: string, sub?: string): Routes | undefined {
  if (id === undefined) {
    return {
      GET: { kind: 'bulkPoll', run: () => listJobs(req, 'ingest', 'V2Ingest', store.list('ingest'), ingestListEntry) },
      POST: { kind: 'bulkJobCreate', run: () => createIngestJob(req, store, deps) },
    };
  }
  if (sub === undefined) {
    return {
      GET: { kind: 'bulkPoll', run: withIngestJob(store, id, ingestJobInfo) },
      PATCH: { kind: 'bulkClose', run: withIngestJob(store, id, (job) => changeIngestState(job, req, store, deps)) },
      DELETE: { kind: 'other', run: withIngestJob(store, id, (job) => deleteIngestJob(job, store)) },
    };
  }
  if (sub === 'batches') {
    return { PUT: { kind: 'bulkUpload', run: withIngestJob(store, id, (job) => uploadJobData(job, req)) } };
  }
  if (sub in RESULT_FILES) {
    const file = sub as ResultFile;
    return { GET: { kind: 'bulkResults', run: withIngestJob(store, id, (job) => ingestResults(job, file)) } };
  }
  return undefined;
}

function queryRoutes(req: EmulatorRequest, store: JobStore, deps: BulkDeps, id?: string, sub?: string): Routes | undefined {
  if (id === undefined) {
    return {
      GET: { kind: 'bulkQueryPoll', run: () => listJobs(req, 'query', 'V2Query', store.list('query'), queryListEntry) },
      POST: { kind: 'bulkQueryCreate', run: () => createQueryJob(req, store, deps) },
    };
  }
  if (sub === undefined) {
    return {
      GET: { kind: 'bulkQueryPoll', run: withQueryJob(store, id, queryJobInfo) },
      PATCH: { kind: 'other', run: withQueryJob(store, id, (job) => abortQueryJob(job, req, deps)) },
      DELETE: { kind: 'other', run: withQueryJob(store, id, (job) => deleteQueryJob(job, store)) },
    };
  }
  if (sub === 'results') {
    return { GET: { kind: 'bulkQueryResults', run: withQueryJob(store, id, (job) => queryResults(job, req)) } };
  }
  return undefined;
}

/** undefined = not a Bulk 2.0 path (the emulator's other handlers get it). */
export function routeBulkRequest(req: EmulatorRequest, store: JobStore, deps: BulkDeps): EmulatorResponse | undefined {
  const path = req.path.replace(/\/+$/, '');
  if (!/^\/jobs\/(ingest|query)(\/|$)/.test(path)) return undefined;
  const match = BULK_PATH.exec(path);
  const routes = match ? (match[1] === 'ingest' ? ingestRoutes : queryRoutes)(req, store, deps, match[2], match[3]) : undefined;
  if (!routes) {
    deps.count('other');
    return notFound();
  }
  const route = routes[req.method.toUpperCase()];
  if (!route) {
    deps.count('other');
    return methodNotAllowed(req.method.toUpperCase(), Object.keys(routes));
  }
  deps.count(route.kind);
  return route.run();
}
