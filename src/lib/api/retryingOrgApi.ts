import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import { withReadRetry } from './withRetry.js';
import type { HttpMethod, OrgApi } from './orgApi.js';
import { isReadOnlyRequest } from './readOnlyRequest.js';

/**
 * Retries reads that failed for a passing reason (HTTP 5xx, dropped connection, the org's concurrent-request
 * limit) with exponential backoff and jitter, a bounded number of times. Only requests that change nothing are
 * retried here: GETs, and Composite requests made only of GETs (long queries); writes have their own rules
 * (BatchWriter), since an insert may have got in before its connection dropped.
 */
export class RetryingOrgApi implements OrgApi {
  public constructor(
    private readonly inner: OrgApi,
    private readonly policy: BackoffPolicy = DEFAULT_BACKOFF,
    private readonly onRetry?: (info: { reason: string; attempt: number; delayMs: number }) => void
  ) {}

  public get apiVersion(): string {
    return this.inner.apiVersion;
  }

  /** Not a call: the session id passes through (SOAP calls carry it in their envelope). */
  public get sessionId(): OrgApi['sessionId'] {
    return this.inner.sessionId?.bind(this.inner);
  }

  /** Text requests (Bulk API 2.0 CSV) pass through: the bulk client retries its own reads. */
  public get requestText(): OrgApi['requestText'] {
    return this.inner.requestText?.bind(this.inner);
  }

  /** Bulk API 2.0 query result pages pass through too: the query client retries them (they are reads). */
  public get requestTextWithHeaders(): OrgApi['requestTextWithHeaders'] {
    return this.inner.requestTextWithHeaders?.bind(this.inner);
  }

  /** Small reads (see PackedReads) are reads: retried as a GET is, each time packed anew. */
  public get getSmall(): OrgApi['getSmall'] {
    const inner = this.inner.getSmall?.bind(this.inner);
    if (!inner) return undefined;
    return <T>(path: string): Promise<T> => withReadRetry(() => inner<T>(path), this.policy, this.onRetry);
  }

  public request<T>(method: HttpMethod, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    const call = (): Promise<T> => this.inner.request<T>(method, path, body, headers);
    return isReadOnlyRequest(method, path, body) ? withReadRetry(call, this.policy, this.onRetry) : call();
  }
}
