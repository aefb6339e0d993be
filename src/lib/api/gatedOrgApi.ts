import { AdaptiveConcurrency, type Lane } from './adaptiveConcurrency.js';
import { isReadOnlyRequest } from './readOnlyRequest.js';
import { classifyFailure } from './failures.js';
import type { HttpMethod, OrgApi } from './orgApi.js';
import { OrgApiDecorator } from './orgApiDecorator.js';

/**
 * Every request to one org, reads and writes alike, through one adaptive gate: the org's limit on concurrent
 * requests is per org, so bounding only the writes (as the batch writer's own limiter does) lets queries,
 * counts and Bulk polls push the org over it. Reads go before waiting writes (see AdaptiveConcurrency). Wrap
 * it innermost, so that retries queue again.
 */
export class GatedOrgApi extends OrgApiDecorator {
  public readonly gate: AdaptiveConcurrency;

  public constructor(inner: OrgApi, maxConcurrent: number) {
    super(inner);
    this.gate = new AdaptiveConcurrency(maxConcurrent);
  }

  public get requestText(): OrgApi['requestText'] {
    const inner = this.inner;
    if (!inner.requestText) return undefined;
    return (method, path, body, headers) => this.gate.run(() => inner.requestText!(method, path, body, headers), isRefusal, laneOf(method, path));
  }

  public get requestTextWithHeaders(): OrgApi['requestTextWithHeaders'] {
    const inner = this.inner;
    if (!inner.requestTextWithHeaders) return undefined;
    return (method, path, body, headers) =>
      this.gate.run(() => inner.requestTextWithHeaders!(method, path, body, headers), isRefusal, laneOf(method, path));
  }

  public request<T>(method: HttpMethod, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    return this.gate.run(() => this.inner.request<T>(method, path, body, headers), isRefusal, laneOf(method, path, body));
  }
}

function laneOf(method: HttpMethod, path: string, body?: unknown): Lane {
  return isReadOnlyRequest(method, path, body) ? 'read' : 'write';
}

function isRefusal(error: unknown): boolean {
  return classifyFailure(error) === 'concurrency';
}
