import type { HttpMethod, OrgApi } from './orgApi.js';
import { OrgApiDecorator } from './orgApiDecorator.js';

/**
 * Counts the calls made through an `OrgApi`, for the run summary and for `--api-budget`: `beforeCall` runs
 * before every request and may throw to stop the run before the budget is exceeded. Raw text requests (Bulk
 * API 2.0 uploads, result files and query result pages) count as API calls too, as Salesforce counts them.
 */
export class CountingOrgApi extends OrgApiDecorator {
  public calls = 0;

  public constructor(
    inner: OrgApi,
    private readonly beforeCall: () => void = () => {}
  ) {
    super(inner);
  }

  public request<T>(method: HttpMethod, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    this.beforeCall();
    this.calls++;
    return this.inner.request<T>(method, path, body, headers);
  }

  /** Always there: a wrapped api without it is refused at the call, before anything is counted. */
  public get requestText(): NonNullable<OrgApi['requestText']> {
    const inner = this.inner.requestText?.bind(this.inner);
    return (method, path, body, headers) => this.counted(inner && (() => inner(method, path, body, headers)), 'send raw text requests (needed by Bulk API 2.0)');
  }

  /**
   * Absent when the wrapped api cannot read headers, so that callers (the source reader) see the missing
   * capability up front and read through REST instead.
   */
  public get requestTextWithHeaders(): OrgApi['requestTextWithHeaders'] {
    const inner = this.inner.requestTextWithHeaders?.bind(this.inner);
    if (!inner) return undefined;
    return (method, path, body, headers) => this.counted(() => inner(method, path, body, headers), 'read raw text with headers');
  }

  /** Optional capabilities the wrapped api lacks are refused before anything is counted. */
  private counted<T>(send: (() => Promise<T>) | undefined, capability: string): Promise<T> {
    if (!send) return Promise.reject(new Error(`The wrapped OrgApi cannot ${capability}.`));
    this.beforeCall();
    this.calls++;
    return send();
  }
}
