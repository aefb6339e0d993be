/**
 * Waits for a closed ingest job, or a query job, to reach a final state, polling with a growing interval (a
 * 10,000-record job takes from seconds to minutes; polling it every second would spend API calls for nothing). A job still
 * running at the deadline is aborted: what it wrote is then in its results, the rest in its unprocessed
 * records, so the caller learns the fate of every record instead of waiting forever.
 */
import { sleep, type BackoffPolicy } from '../api/backoff.js';
import { withReadRetry } from '../api/withRetry.js';
import type { OrgApi } from '../api/orgApi.js';
import { abortJob, getJobInfo, type JobFamily } from './jobResource.js';
import { TERMINAL_STATES, type IngestJobInfo } from './types.js';

export type PollOptions = {
  pollIntervalMs: number;
  maxPollIntervalMs: number;
  timeoutMs: number;
  retry: BackoffPolicy;
  onPoll?: (info: IngestJobInfo) => void;
  /** Wait before the first poll (default: pollIntervalMs); 0 for a job started long ago, likely done. */
  firstPollMs?: number;
};

export type FinishedJob = { info: IngestJobInfo; timedOut: boolean };

const GROWTH = 1.5;

/** How many polls `waitForJob` makes for a job that runs `durationMs` (for projections of API calls). */
export function pollsWithin(durationMs: number, options: Pick<PollOptions, 'pollIntervalMs' | 'maxPollIntervalMs'>): number {
  let polls = 1;
  let waited = options.pollIntervalMs;
  let interval = options.pollIntervalMs;
  while (waited < durationMs) {
    interval = Math.min(options.maxPollIntervalMs, Math.ceil(interval * GROWTH));
    waited += interval;
    polls++;
  }
  return polls;
}

/** Aborts, then reads the state: if the job finished meanwhile, the abort is refused and the job is just done. */
async function abortAndSettle(api: OrgApi, family: JobFamily, jobId: string, retry: BackoffPolicy): Promise<IngestJobInfo> {
  let abortError: unknown;
  try {
    await abortJob(api, family, jobId);
  } catch (error) {
    abortError = error;
  }
  const info = await withReadRetry(() => getJobInfo(api, family, jobId), retry);
  if (TERMINAL_STATES.has(info.state)) return info;
  throw new Error(`Bulk API job ${jobId} is still ${info.state}: it could not be aborted.`, { cause: abortError });
}

export async function waitForJob(api: OrgApi, jobId: string, options: PollOptions, family: JobFamily = 'ingest'): Promise<FinishedJob> {
  const deadline = Date.now() + options.timeoutMs;
  let interval = options.pollIntervalMs;
  let wait = options.firstPollMs ?? interval;
  for (;;) {
    await sleep(Math.max(0, Math.min(wait, deadline - Date.now())));
    const info = await withReadRetry(() => getJobInfo(api, family, jobId), options.retry);
    options.onPoll?.(info);
    if (TERMINAL_STATES.has(info.state)) return { info, timedOut: false };
    if (Date.now() >= deadline) return { info: await abortAndSettle(api, family, jobId, options.retry), timedOut: true };
    interval = Math.min(options.maxPollIntervalMs, Math.ceil(interval * GROWTH));
    wait = interval;
  }
}
