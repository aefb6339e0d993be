import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import { withReadRetry } from './withRetry.js';
import type { HttpMethod, OrgApi } from './orgApi.js';
import { OrgApiDecorator } from './orgApiDecorator.js';
import { isReadOnlyRequest } from './readOnlyRequest.js';

/**
 * Retries reads that failed for a passing reason (HTTP 5xx, dropped connection, the org's concurrent-request
 * limit) with exponential backoff and jitter, a bounded number of times. Only requests that change nothing are
 * retried here: GETs, and Composite requests made only of GETs (long queries); writes have their own rules
 * (BatchWriter), since an insert may have got in before its connection dropped.
 */
export class RetryingOrgApi extends OrgApiDecorator {
  /**
   * Text requests (Bulk API 2.0 CSV uploads, results, query pages) pass through: the bulk clients retry their own
   * reads.
   */
  public constructor(
    inner: OrgApi,
    private readonly policy: BackoffPolicy = DEFAULT_BACKOFF,
    private readonly onRetry?: (info: { reason: string; attempt: number; delayMs: number }) => void
  ) {
    super(inner);
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
