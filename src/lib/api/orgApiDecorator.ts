import type { HttpMethod, OrgApi } from './orgApi.js';

/**
 * What every decorator of an OrgApi (counting, gating, retrying, packing) passes through unchanged unless it says
 * otherwise: the API version, the session id (not a call: SOAP calls carry it in their envelope) and the raw text
 * requests, whose absence stays visible to callers (a getter answering undefined). `getSmall` is not passed
 * through here: a decorator that counts or gates calls must not let packed reads go around it.
 */
export abstract class OrgApiDecorator implements OrgApi {
  protected constructor(protected readonly inner: OrgApi) {}

  public get apiVersion(): string {
    return this.inner.apiVersion;
  }

  public get sessionId(): OrgApi['sessionId'] {
    return this.inner.sessionId?.bind(this.inner);
  }

  public get requestText(): OrgApi['requestText'] {
    return this.inner.requestText?.bind(this.inner);
  }

  public get requestTextWithHeaders(): OrgApi['requestTextWithHeaders'] {
    return this.inner.requestTextWithHeaders?.bind(this.inner);
  }

  public request<T>(method: HttpMethod, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    return this.inner.request<T>(method, path, body, headers);
  }
}
