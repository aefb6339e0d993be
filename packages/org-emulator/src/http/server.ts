/**
 * node:http front of an OrgApp: URL and body parsing (gzip accepted), JSON serialisation (compact, or
 * Salesforce's pretty print when `X-PrettyPrint` is set), and never a stack trace on the wire.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OrgApp } from './app.js';
import { readBody } from './body.js';
import type { EmulatorResponse } from './types.js';

/** Salesforce's pretty print: `[ {\n  "key" : value\n} ]` style (Jackson's default printer). */
export function prettyPrint(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[ ]';
    return `[ ${value.map((v) => prettyPrint(v, indent)).join(', ')} ]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{ }';
    const inner = `${indent}  `;
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)} : ${prettyPrint(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function send(res: ServerResponse, response: EmulatorResponse, pretty: boolean): void {
  const headers: Record<string, string> = { ...response.headers };
  let payload = '';
  if (typeof response.body === 'string') payload = response.body;
  else if (response.body !== undefined) {
    payload = pretty ? prettyPrint(response.body) : JSON.stringify(response.body);
    headers['Content-Type'] ??= 'application/json;charset=UTF-8';
  }
  res.writeHead(response.status, headers);
  res.end(response.status === 204 ? undefined : payload);
}

/**
 * The request target as a URL. Runs of slashes in the path are collapsed first, as Salesforce's front end
 * does: `sf org login access-token` stores the instance URL with a trailing slash and jsforce appends
 * `/services/data/...`, so every later call of the sf CLI asks for `//services/data/...`. (Parsed as is,
 * `//services/...` would even be read as a host name.)
 */
export function requestUrl(target: string): URL {
  const queryAt = target.indexOf('?');
  const path = queryAt < 0 ? target : target.slice(0, queryAt);
  const query = queryAt < 0 ? '' : target.slice(queryAt);
  return new URL(path.replace(/\/{2,}/g, '/') + query, 'http://localhost');
}

/** Salesforce's limit for a request's URI and headers together (its help article 000386264). */
export const MAX_URI_AND_HEADERS = 16_384;

/** 414 when the URI alone passes the limit, 431 when URI and headers do; undefined when the request fits. */
export function oversizedRequest(req: IncomingMessage): EmulatorResponse | undefined {
  const uri = Buffer.byteLength(req.url ?? '');
  let total = uri;
  for (let i = 0; i < req.rawHeaders.length; i += 2) total += Buffer.byteLength(req.rawHeaders[i]) + Buffer.byteLength(req.rawHeaders[i + 1]) + 4;
  if (uri > MAX_URI_AND_HEADERS) return { status: 414, headers: { 'Content-Type': 'text/html' }, body: '<html><body><h1>414 URI Too Long</h1></body></html>' };
  if (total > MAX_URI_AND_HEADERS) {
    return { status: 431, headers: { 'Content-Type': 'text/html' }, body: '<html><body><h1>431 Request Header Fields Too Large</h1></body></html>' };
  }
  return undefined;
}

async function serve(app: OrgApp, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const oversized = oversizedRequest(req);
  if (oversized) {
    req.resume();
    send(res, oversized, false);
    return;
  }
  const url = requestUrl(req.url ?? '/');
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  let body: string;
  try {
    body = await readBody(req);
  } catch {
    send(res, { status: 400, body: [{ errorCode: 'JSON_PARSER_ERROR', message: 'The request body could not be decoded.' }] }, false);
    return;
  }
  const response = await app.handle({ method: (req.method ?? 'GET').toUpperCase(), pathname: url.pathname, query: url.searchParams, headers, body });
  const pretty = headers['x-prettyprint'] !== undefined && headers['x-prettyprint'] !== '0' && headers['x-prettyprint'] !== 'false';
  send(res, response, pretty);
}

export type RunningServer = { server: Server; port: number; close: () => Promise<void> };

export function listen(app: OrgApp, port: number): Promise<RunningServer> {
  // Node's own header limit (16 KiB) would answer first and differently; the emulator applies Salesforce's.
  const server = createServer({ maxHeaderSize: 4 * MAX_URI_AND_HEADERS }, (req, res) => {
    serve(app, req, res).catch((e: unknown) => {
      console.error('emulator: response failed:', e);
      if (!res.headersSent) send(res, { status: 500, body: [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred.' }] }, false);
      else res.destroy();
    });
  });
  // Clients such as jsforce keep connections alive; stop() must not wait for them.
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address() as AddressInfo;
      resolve({
        server,
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
