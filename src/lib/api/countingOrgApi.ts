import type { HttpMethod, OrgApi } from './orgApi.js';

/**
 * Counts the calls made through an `OrgApi`, for the run summary and for `--api-budget`: `beforeCall` runs
 * before every request and may throw to stop the run before the budget is exceeded. Raw text requests (Bulk
 * API 2.0 uploads and result files) count as API calls too, as Salesforce counts them.
 */
export class CountingOrgApi implements OrgApi {
  public calls = 0;

  public constructor(
    private readonly inner: OrgApi,
    private readonly beforeCall: () => void = () => {}
  ) {}

  public get apiVersion(): string {
    return this.inner.apiVersion;
  }

  public request<T>(method: HttpMethod, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    this.beforeCall();
    this.calls++;
    return this.inner.request<T>(method, path, body, headers);
  }

  public requestText(method: HttpMethod, path: string, body?: string, headers?: Record<string, string>): Promise<string> {
    if (!this.inner.requestText) {
      return Promise.reject(new Error('The wrapped OrgApi cannot send raw text requests (needed by Bulk API 2.0).'));
    }
    this.beforeCall();
    this.calls++;
    return this.inner.requestText(method, path, body, headers);
  }
}
