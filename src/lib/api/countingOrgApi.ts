import type { HttpMethod, OrgApi } from './orgApi.js';

/**
 * Counts the calls made through an `OrgApi`, for the run summary and for `--api-budget`: `beforeCall` runs
 * before every request and may throw to stop the run before the budget is exceeded.
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
}
