import http from 'node:http';
import https from 'node:https';
import { promisify } from 'node:util';
import { gunzip, inflate } from 'node:zlib';
import { SFDX_HTTP_HEADERS, type Connection } from '@salesforce/core';
import { ConnectionOrgApi, dataPath, lowerCaseHeaders, type HttpMethod, type OrgApi, type TextResponse } from './orgApi.js';
import { refusalError, type ApiError } from './subrequestError.js';

/** An answer as it came: status, headers (names in lower case) and the body decoded to text. */
type RawAnswer = { status: number; headers: Record<string, string>; text: string };

/** Sockets stay open between calls (a sync makes hundreds): one pool per protocol, idle sockets unref'd by Node. */
const AGENTS = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

/** 401 answers that jsforce does not treat as an expired session (refreshing could not help: access is refused). */
const NOT_EXPIRED = ['Connected app is not attached to Agent', 'This session is not valid for use with the REST API'];

const decoders: Record<string, (data: Buffer) => Promise<Buffer>> = { gzip: promisify(gunzip), deflate: promisify(inflate) };

/**
 * `OrgApi` that makes its HTTP calls itself, over Node's http/https with keep-alive sockets, with what jsforce
 * sends (the auth header, the sf CLI's user agent and call options, gzip) and errors shaped as jsforce shapes
 * them. Only what needs jsforce goes to it: a call answered "session expired" is made again through
 * `ConnectionOrgApi`, whose connection refreshes the session (once for all calls that ask) and resends it.
 *
 * Why not jsforce for every call: its request path (a lazy stream and promise wrappers per call, fetch with
 * web streams, events and debug logging) costs milliseconds of CPU per call. The org counts a call in flight
 * until its answer has left, so that CPU, spent while slots were counted busy, held a good part of the run's
 * slot time (the measurements are in the README, "What isync does to be fast"). Settings only
 * jsforce applies (a proxy, trace context, `HTTP_TIMEOUT`) keep every call on jsforce: see `orgApiFor`.
 */
export class HttpOrgApi implements OrgApi {
  public readonly apiVersion: string;

  public constructor(
    private readonly connection: Connection,
    /** Where calls answered "session expired" go (jsforce, which refreshes the session). */
    private readonly jsforce: Pick<ConnectionOrgApi, 'request' | 'requestTextWithHeaders'> = new ConnectionOrgApi(connection)
  ) {
    this.apiVersion = connection.getApiVersion();
  }

  public sessionId(): string | undefined {
    return this.connection.accessToken ?? undefined;
  }

  public async request<T>(method: HttpMethod, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const answer = await this.send(method, path, text, headers);
    if (sessionExpired(answer)) return this.jsforce.request<T>(method, path, body, headers);
    if (answer.status >= 300) throw errorOf(answer);
    return (answer.status === 204 ? undefined : parsedBody(answer)) as T;
  }

  public async requestText(method: HttpMethod, path: string, body?: string, headers: Record<string, string> = {}): Promise<string> {
    return (await this.requestTextWithHeaders(method, path, body, headers)).body;
  }

  /** The body as sent (Bulk API 2.0 CSV), whatever its content type; errors as `request` reports them. */
  public async requestTextWithHeaders(method: HttpMethod, path: string, body?: string, headers: Record<string, string> = {}): Promise<TextResponse> {
    const answer = await this.send(method, path, body, headers);
    if (sessionExpired(answer)) return this.jsforce.requestTextWithHeaders(method, path, body, headers);
    if (answer.status >= 300) throw errorOf(answer);
    return { body: answer.status === 204 ? '' : answer.text, headers: answer.headers };
  }

  private send(method: HttpMethod, path: string, body: string | undefined, headers: Record<string, string>): Promise<RawAnswer> {
    const url = new URL(this.connection.instanceUrl.replace(/\/+$/, '') + dataPath(this.apiVersion, path));
    const sent: Record<string, string> = { ...SFDX_HTTP_HEADERS, 'accept-encoding': 'gzip, deflate' };
    for (const [name, value] of Object.entries(headers)) sent[name.toLowerCase()] = value;
    if (this.connection.accessToken) sent.authorization = `Bearer ${this.connection.accessToken}`;
    const callOptions = Object.entries(this.connection._callOptions ?? {}).map(([name, value]) => `${name}=${String(value)}`);
    if (callOptions.length > 0) sent['sforce-call-options'] = callOptions.join(', ');
    if (body !== undefined) sent['content-length'] = String(Buffer.byteLength(body));
    const agent = url.protocol === 'https:' ? AGENTS['https:'] : AGENTS['http:'];
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise<RawAnswer>((resolve, reject) => {
      const request = transport.request(url, { method, headers: sent, agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const lowered = lowerCaseHeaders(response.headers);
          decoded(Buffer.concat(chunks), lowered['content-encoding']).then(
            (data) => resolve({ status: response.statusCode ?? 0, headers: lowered, text: data.toString('utf8') }),
            reject
          );
        });
      });
      request.on('error', reject);
      request.end(body);
    });
  }
}

/**
 * The client for an org's calls: `HttpOrgApi`, unless the environment asks for something only jsforce does
 * (a proxy, trace context headers, a request timeout), in which case every call goes through jsforce.
 */
export function orgApiFor(connection: Connection, env: NodeJS.ProcessEnv = process.env): OrgApi {
  return JSFORCE_SETTINGS.some((name) => env[name] ?? env[name.toLowerCase()]) ? new ConnectionOrgApi(connection) : new HttpOrgApi(connection);
}

/** Environment variables jsforce reads for its calls (its transport's proxy and timeout, its trace propagation). */
const JSFORCE_SETTINGS = ['HTTPS_PROXY', 'HTTP_PROXY', 'HTTP_TIMEOUT', 'TRACEPARENT', 'B3', 'X_B3_TRACEID'];

function sessionExpired(answer: RawAnswer): boolean {
  return answer.status === 401 && !NOT_EXPIRED.some((phrase) => answer.text.includes(phrase));
}

function decoded(data: Buffer, encoding: string | undefined): Promise<Buffer> {
  const decode = encoding ? decoders[encoding.trim().toLowerCase()] : undefined;
  return decode ? decode(data) : Promise.resolve(data);
}

/** As jsforce parses an answer: JSON when it says it is JSON (and parses), its text otherwise. */
function parsedBody(answer: RawAnswer): unknown {
  if (!/^application\/json(;|$)/.test(answer.headers['content-type'] ?? '') || answer.text === '') return answer.text;
  try {
    return JSON.parse(answer.text) as unknown;
  } catch {
    return answer.text;
  }
}

function errorOf(answer: RawAnswer): ApiError {
  if (answer.status === 300) {
    // Multiple Choices: an external id GET that matched several records (jsforce's error for it).
    return Object.assign(new Error('Multiple records found'), { name: 'MULTIPLE_CHOICES', errorCode: 'MULTIPLE_CHOICES', data: parsedBody(answer) });
  }
  // Salesforce's JSON error list whatever the content type says (a text call's error is one too); an HTML
  // error page or plain text otherwise, which the error then reports as it is.
  let body: unknown = answer.text;
  try {
    body = JSON.parse(answer.text) as unknown;
  } catch {
    // not JSON
  }
  const error = refusalError(answer.status, body, answer.text);
  if (answer.headers['content-type'] === 'text/html') {
    error.message = `HTTP response contains html content.\nCheck that the org exists and can be reached.\n\nHTTP status code: ${answer.status}.`;
  }
  return error;
}
