/**
 * `GET /jobs/ingest` and `GET /jobs/query`: `{ done, records, nextRecordsUrl }`, 1,000 jobs per page, the
 * next page behind an opaque `queryLocator`, optionally filtered by `jobType`.
 */
import type { EmulatorRequest, EmulatorResponse } from '../http/types.js';
import { jsonResponse } from './jobInfo.js';
import { decodeLocator, encodeLocator } from './locator.js';

export const JOBS_PER_PAGE = 1000;

export function listJobs<T>(
  req: EmulatorRequest,
  family: 'ingest' | 'query',
  jobType: string,
  jobs: T[],
  entry: (job: T) => Record<string, unknown>
): EmulatorResponse {
  const wantedType = req.query.get('jobType');
  const matching = wantedType === null || wantedType === jobType ? jobs : [];
  const offset = decodeLocator(req.query.get('queryLocator') ?? encodeLocator(0)) ?? 0;
  const end = offset + JOBS_PER_PAGE;
  const done = end >= matching.length;
  return jsonResponse(200, {
    done,
    records: matching.slice(offset, end).map(entry),
    nextRecordsUrl: done ? null : `/services/data/v${req.apiVersion}/jobs/${family}?queryLocator=${encodeLocator(end)}`,
  });
}
