/**
 * The Bulk API 2.0 ingest resources, one call each: create, upload, close, abort, job info, result files.
 * Job bodies are JSON (`OrgApi.request`); data and results are CSV text (`requestText`).
 */
import type { TextOrgApi } from '../api/orgApi.js';
import type { LineEnding } from './csvEncode.js';
import { abortJob as abortFamilyJob, getJobInfo as getFamilyJobInfo } from './jobResource.js';
import type { IngestJobInfo, IngestOperation } from './types.js';

const JOBS = '/jobs/ingest';

export type JobSpec = { object: string; operation: IngestOperation; externalIdField?: string; lineEnding: LineEnding };

export function createJob(api: TextOrgApi, spec: JobSpec): Promise<IngestJobInfo> {
  return api.request<IngestJobInfo>('POST', JOBS, {
    object: spec.object,
    operation: spec.operation,
    ...(spec.operation === 'upsert' ? { externalIdFieldName: spec.externalIdField } : {}),
    contentType: 'CSV',
    columnDelimiter: 'COMMA',
    lineEnding: spec.lineEnding,
  });
}

/**
 * One PUT per job (Salesforce refuses a second one), to the `contentUrl` the job was created with: Salesforce
 * writes it without a leading slash (`services/data/v62.0/jobs/ingest/750…/batches`).
 */
export async function uploadJobData(api: TextOrgApi, job: IngestJobInfo, csv: string): Promise<void> {
  const path = job.contentUrl ? `/${job.contentUrl.replace(/^\/+/, '')}` : `${JOBS}/${job.id}/batches`;
  await api.requestText('PUT', path, csv, { 'Content-Type': 'text/csv' });
}

/** Salesforce starts processing the job once it is closed. */
export const closeJob = (api: TextOrgApi, jobId: string): Promise<IngestJobInfo> =>
  api.request<IngestJobInfo>('PATCH', `${JOBS}/${jobId}`, { state: 'UploadComplete' });

export const abortJob = (api: TextOrgApi, jobId: string): Promise<IngestJobInfo> => abortFamilyJob(api, 'ingest', jobId);

export const getJobInfo = (api: TextOrgApi, jobId: string): Promise<IngestJobInfo> => getFamilyJobInfo(api, 'ingest', jobId);

export type ResultFileName = 'successfulResults' | 'failedResults' | 'unprocessedrecords';

export const getResultFile = (api: TextOrgApi, jobId: string, file: ResultFileName): Promise<string> =>
  api.requestText('GET', `${JOBS}/${jobId}/${file}`, undefined, { Accept: 'text/csv' });
