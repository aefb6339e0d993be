import { backoffDelay, DEFAULT_BACKOFF, sleep, type BackoffPolicy } from './backoff.js';
import { classifyFailure } from './failures.js';

/**
 * Runs a call that changes nothing (a read), retrying it after failures that pass (HTTP 5xx, dropped
 * connections, the org's concurrent-request limit) with exponential backoff and jitter, a bounded number of
 * times. Other failures, and the last one, are thrown as they are.
 */
export async function withReadRetry<T>(
  call: () => Promise<T>,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  onRetry?: (info: { reason: string; attempt: number; delayMs: number }) => void
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const kind = classifyFailure(error);
      if ((kind !== 'transient' && kind !== 'concurrency') || attempt >= policy.maxAttempts) throw error;
      const delayMs = backoffDelay(attempt, policy);
      onRetry?.({ reason: error instanceof Error ? error.name : String(error), attempt, delayMs });
      await sleep(delayMs);
    }
  }
}
