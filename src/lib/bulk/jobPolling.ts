/**
 * Waits for a closed ingest job to reach a final state, polling with a growing interval (a 10,000-record job
 * takes from seconds to minutes; polling it every second would spend API calls for nothing). A job still
 * running at the deadline is aborted: what it wrote is then in its results, the rest in its unprocessed
 * records, so the caller learns the fate of every record instead of waiting forever.
 */
import { sleep, type BackoffPolicy } from '../api/backoff.js';
import { abortJob, getJobInfo } from './ingestJobApi.js';
import { withReadRetry } from '../api/withRetry.js';
import type { TextOrgApi } from '../api/orgApi.js';
import { TERMINAL_STATES, type IngestJobInfo } from './types.js';

export type PollOptions = {
  pollIntervalMs: number;
  maxPollIntervalMs: number;
  timeoutMs: number;
  retry: BackoffPolicy;
  onPoll?: (info: IngestJobInfo) => void;
};

export type FinishedJob = { info: IngestJobInfo; timedOut: boolean };

const GROWTH = 1.5;

/** Aborts, then reads the state: if the job finished meanwhile, the abort is refused and the job is just done. */
async function abortAndSettle(api: TextOrgApi, jobId: string, retry: BackoffPolicy): Promise<IngestJobInfo> {
  let abortError: unknown;
  try {
    await abortJob(api, jobId);
  } catch (error) {
    abortError = error;
  }
  const info = await withReadRetry(() => getJobInfo(api, jobId), retry);
  if (TERMINAL_STATES.has(info.state)) return info;
  throw new Error(`Bulk API job ${jobId} is still ${info.state}: it could not be aborted.`, { cause: abortError });
}

export async function waitForJob(api: TextOrgApi, jobId: string, options: PollOptions): Promise<FinishedJob> {
  const deadline = Date.now() + options.timeoutMs;
  let interval = options.pollIntervalMs;
  for (;;) {
    await sleep(Math.max(0, Math.min(interval, deadline - Date.now())));
    const info = await withReadRetry(() => getJobInfo(api, jobId), options.retry);
    options.onPoll?.(info);
    if (TERMINAL_STATES.has(info.state)) return { info, timedOut: false };
    if (Date.now() >= deadline) return { info: await abortAndSettle(api, jobId, options.retry), timedOut: true };
    interval = Math.min(options.maxPollIntervalMs, Math.ceil(interval * GROWTH));
  }
}
