import type { Connection } from '@salesforce/core';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * The slice of an org's REST API the sync engine uses. Everything that talks to Salesforce goes through it, so
 * the engine is tested against fakes and any org (real, or the emulator) behind a `Connection`.
 */
export interface OrgApi {
  /** e.g. '62.0' */
  readonly apiVersion: string;
  /** JSON request; `path` is relative to `/services/data/vNN.N` unless it starts with `/services/`. */
  request<T>(method: HttpMethod, path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
}

/** Oldest version with everything the engine relies on (upsert collections arrived in v46). */
export const MIN_API_VERSION = 46;

export function dataPath(apiVersion: string, path: string): string {
  return path.startsWith('/services/') ? path : `/services/data/v${apiVersion}${path}`;
}

/** `OrgApi` over a `@salesforce/core` Connection (jsforce): auth headers, refresh and its transport. */
export class ConnectionOrgApi implements OrgApi {
  public readonly apiVersion: string;

  public constructor(private readonly connection: Connection) {
    this.apiVersion = connection.getApiVersion();
  }

  public async request<T>(method: HttpMethod, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    return (await this.connection.request<T>({
      method,
      url: dataPath(this.apiVersion, path),
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    }));
  }
}
