/**
 * What kind of failure an API error is, which decides what the engine does next:
 * - `transient`: retry the same request after a backoff (HTTP 5xx, dropped connections, row locks);
 * - `concurrency`: the org's concurrent long-request limit: back off AND lower the concurrency;
 * - `session`: the session expired or was revoked: stop resumably and tell the user to log in again;
 * - `dailyLimit`: the org's daily API requests are used up: pause resumably;
 * - `permanent`: the request itself is wrong; retrying it cannot help.
 */
export type FailureKind = 'transient' | 'concurrency' | 'session' | 'dailyLimit' | 'permanent';

/**
 * Network failures worth a retry: jsforce's list for its own retries (its fetch reported them as a TypeError,
 * which `classifyFailure` still takes as passing), as the plugin's HTTP client reports them by their code.
 */
const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'ENETDOWN',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export function errorCodeOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'UNKNOWN';
  const candidate = error as { errorCode?: unknown; code?: unknown; name?: unknown; cause?: unknown };
  if (typeof candidate.errorCode === 'string') return candidate.errorCode;
  if (typeof candidate.code === 'string') return candidate.code;
  if (candidate.cause) {
    const inner = errorCodeOf(candidate.cause);
    if (inner !== 'UNKNOWN') return inner;
  }
  return typeof candidate.name === 'string' ? candidate.name : 'UNKNOWN';
}

export function classifyFailure(error: unknown): FailureKind {
  const code = errorCodeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'INVALID_SESSION_ID') return 'session';
  if (code === 'REQUEST_LIMIT_EXCEEDED') {
    return /TotalRequests/i.test(message) ? 'dailyLimit' : 'concurrency';
  }
  if (code === 'UNABLE_TO_LOCK_ROW' || code === 'SERVER_UNAVAILABLE') return 'transient';
  if (/^ERROR_HTTP_(5\d\d|429|420)$/.test(code)) return 'transient';
  if (TRANSIENT_NETWORK_CODES.has(code)) return 'transient';
  if (error instanceof TypeError && /fetch failed|terminated|socket/i.test(message)) return 'transient';
  return 'permanent';
}
