/**
 * What ingest and query jobs share: a job's info and its abort, under `/jobs/ingest` or `/jobs/query`.
 * Both answer JSON job info whose `state` and `errorMessage` mean the same thing.
 */
import type { OrgApi } from '../api/orgApi.js';
import type { IngestJobInfo } from './types.js';

export type JobFamily = 'ingest' | 'query';

export const jobPath = (family: JobFamily, jobId: string): string => `/jobs/${family}/${jobId}`;

export const getJobInfo = (api: OrgApi, family: JobFamily, jobId: string): Promise<IngestJobInfo> =>
  api.request<IngestJobInfo>('GET', jobPath(family, jobId));

export const abortJob = (api: OrgApi, family: JobFamily, jobId: string): Promise<IngestJobInfo> =>
  api.request<IngestJobInfo>('PATCH', jobPath(family, jobId), { state: 'Aborted' });
