export type BackoffPolicy = {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
};

export const DEFAULT_BACKOFF: BackoffPolicy = { maxAttempts: 6, baseMs: 250, maxMs: 15_000 };

/**
 * Exponential backoff with "full jitter" (a random delay between 0 and the exponential cap): concurrent
 * clients that failed together do not retry together, which is what keeps a loaded org from failing again.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  return Math.floor(random() * cap);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
