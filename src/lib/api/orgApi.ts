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
  /**
   * Raw text request (Bulk API 2.0 CSV uploads and result files): `body` is sent as is and the answer comes
   * back unparsed. Optional so that JSON-only fakes stay valid; the Bulk API client asks for `TextOrgApi`.
   */
  requestText?(method: HttpMethod, path: string, body?: string, headers?: Record<string, string>): Promise<string>;
  /**
   * `requestText` that also answers the response headers (names in lower case), for Bulk API 2.0 query
   * results, whose next page is named only by the `Sforce-Locator` header. Optional like `requestText`.
   */
  requestTextWithHeaders?(method: HttpMethod, path: string, body?: string, headers?: Record<string, string>): Promise<TextResponse>;
  /**
   * The session id (the access token) for calls that carry it in their body, as SOAP's `SessionHeader` does:
   * the Partner API `undelete()` (soapUndelete.ts). Optional like `requestText`; undefined when not logged in.
   */
  sessionId?(): string | undefined;
  /**
   * A GET (path relative to `/services/data/vNN.N`) whose answer the caller knows to be small: a count, an
   * `Id IN` list of a few records, a lookup, a delta's counted page, a describe. It may travel with other small
   * reads in one Composite request (one API call, see PackedReads), and answers or fails as the GET sent alone
   * would. Optional: without it, callers send the GET themselves.
   */
  getSmall?<T>(path: string): Promise<T>;
}

/** A raw text answer with its response headers, names in lower case. */
export type TextResponse = { body: string; headers: Readonly<Record<string, string>> };

/** An `OrgApi` that can also send raw text, as the Bulk API 2.0 client needs. */
export type TextOrgApi = OrgApi & Required<Pick<OrgApi, 'requestText'>>;

/** An `OrgApi` that can read raw text with its headers, as the Bulk API 2.0 query client needs. */
export type HeaderTextOrgApi = OrgApi & Required<Pick<OrgApi, 'requestTextWithHeaders'>>;

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

  public sessionId(): string | undefined {
    return this.connection.accessToken ?? undefined;
  }

  public async request<T>(method: HttpMethod, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    return (await this.connection.request<T>({
      method,
      url: dataPath(this.apiVersion, path),
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    }));
  }

  /**
   * Goes through `connection.request` rather than `fetch` so that jsforce keeps doing what it does for JSON
   * calls: the auth header, the session refresh on 401 (shared with concurrent calls), the SFDX headers and
   * the transport's proxy settings. jsforce would parse a `text/csv` answer into records (its
   * `parseResponseBody` picks `parseCSV` by content type), so `responseType: 'text/plain'` makes it pick
   * `parseText`, i.e. hand back the body untouched. The same response type also applies to error bodies,
   * which then arrive as `ERROR_HTTP_<status>` with the JSON text as message: `withApiErrorCode` restores
   * Salesforce's `errorCode` so that callers classify failures as they do for JSON calls.
   */
  public async requestText(method: HttpMethod, path: string, body?: string, headers: Record<string, string> = {}): Promise<string> {
    return (await this.requestTextWithHeaders(method, path, body, headers)).body;
  }

  /**
   * jsforce's `connection.request` answers the body only. Its options accept a `transport`, so this passes
   * the connection's own transport wrapped to note each response's headers: everything else (auth, session
   * refresh, proxy) stays jsforce's. After a session refresh the request is sent again through the same
   * transport, so the headers kept are those of the answer that was returned.
   */
  public async requestTextWithHeaders(method: HttpMethod, path: string, body?: string, headers: Record<string, string> = {}): Promise<TextResponse> {
    const transport = this.connection._transport;
    let responseHeaders: Record<string, string> = {};
    const noting: Pick<typeof transport, 'httpRequest'> = {
      httpRequest: (request, options) => {
        const pending = transport.httpRequest(request, options);
        pending.then((response) => (responseHeaders = lowerCaseHeaders(response.headers)), () => undefined);
        return pending;
      },
    };
    // @salesforce/core types the options as JSON, but hands them to jsforce's HttpApi, which takes a transport.
    const options = { responseType: 'text/plain', transport: noting } as unknown as Parameters<Connection['request']>[1];
    try {
      const text = await this.connection.request<unknown>({ method, url: dataPath(this.apiVersion, path), headers, body }, options);
      // 204 No Content answers jsforce's `noContentResponse`, i.e. undefined.
      return { body: typeof text === 'string' ? text : '', headers: responseHeaders };
    } catch (error) {
      throw withApiErrorCode(error);
    }
  }
}

/** Node answers a header seen several times as a list. */
export function lowerCaseHeaders(headers: Record<string, string | string[] | number | undefined> | undefined): Record<string, string> {
  const lowered: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) lowered[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return lowered;
}

type ApiErrorBody = { errorCode: string; message: string };

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  const candidate = value as Partial<ApiErrorBody> | null;
  return typeof candidate?.errorCode === 'string' && typeof candidate.message === 'string';
}

/** A jsforce `ERROR_HTTP_nnn` error whose message is Salesforce's JSON error list, as the JSON path reports it. */
export function withApiErrorCode(error: unknown): unknown {
  const { errorCode, message } = (error ?? {}) as { errorCode?: unknown; message?: unknown };
  if (typeof errorCode !== 'string' || !/^ERROR_HTTP_\d+$/.test(errorCode) || typeof message !== 'string') return error;
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return error;
  }
  const first: unknown = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!isApiErrorBody(first)) return error;
  return Object.assign(new Error(first.message, { cause: error }), { name: first.errorCode, errorCode: first.errorCode, data: parsed });
}
