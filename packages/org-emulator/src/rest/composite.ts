/**
 * `/composite` (up to 25 subrequests with references, optionally all-or-none) and `/composite/graph`
 * (independent all-or-none graphs). Subrequests run synchronously through the same router, so nothing
 * else interleaves with a transaction that may be rolled back.
 */
import { parseJsonBody } from '../http/body.js';
import { apiError, type EmulatorRequest, type EmulatorResponse } from '../http/types.js';
import { ReferenceResolver, UnresolvedReference } from './compositeReferences.js';
import type { RestContext } from './restContext.js';

export const COMPOSITE_LIMIT = 25;
/** "Up to 5 of these subrequests can be sObject Collections or query operations, including Query and QueryAll requests." */
export const COMPOSITE_QUERY_LIMIT = 5;
/** Query, QueryAll (with their next-page locators) and sObject Collections subrequests, by URL. */
const QUERY_OR_COLLECTION = /^\/services\/data\/v\d+\.\d\/(?:query|queryAll|composite\/sobjects)(?:[/?]|$)/;
const HALTED = 'The transaction was rolled back since another operation in the same transaction failed.';

type Subrequest = { method?: string; url?: string; referenceId?: string; body?: unknown; httpHeaders?: Record<string, string> };
type SubResponse = { body: unknown; httpHeaders: Record<string, string>; httpStatusCode: number; referenceId: string };

const halted = (referenceId: string, message = HALTED): SubResponse => ({
  body: [{ errorCode: 'PROCESSING_HALTED', message }],
  httpHeaders: {},
  httpStatusCode: 400,
  referenceId,
});

/** Splits `/services/data/vNN.N/path?query` into the request the router expects. */
function toRequest(parent: EmulatorRequest, sub: Subrequest, url: string, body: unknown): EmulatorRequest | undefined {
  const parsed = new URL(url, 'http://composite');
  const m = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(parsed.pathname);
  if (!m) return undefined;
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(sub.httpHeaders ?? {})) headers[k.toLowerCase()] = v;
  return {
    method: (sub.method ?? 'GET').toUpperCase(),
    path: (m[2] ?? '').replace(/\/+$/, ''),
    query: parsed.searchParams,
    headers,
    body: body === undefined ? '' : JSON.stringify(body),
    apiVersion: m[1],
    instanceUrl: parent.instanceUrl,
  };
}

/** `refs` is absent when the composite's text holds no `@{`: no reference to resolve, no body to walk. */
function runOne(parent: EmulatorRequest, ctx: RestContext, sub: Subrequest, refs: ReferenceResolver | undefined): SubResponse {
  const referenceId = sub.referenceId ?? '';
  let request: EmulatorRequest | undefined;
  try {
    request = refs ? toRequest(parent, sub, refs.inText(sub.url ?? ''), refs.inBody(sub.body)) : toRequest(parent, sub, sub.url ?? '', sub.body);
  } catch (e) {
    if (e instanceof UnresolvedReference) return halted(referenceId, e.message);
    throw e;
  }
  if (!request) {
    return { body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }], httpHeaders: {}, httpStatusCode: 404, referenceId };
  }
  const response = ctx.dispatchSync(request);
  const httpHeaders: Record<string, string> = {};
  if (response.headers?.Location) httpHeaders.Location = response.headers.Location;
  const body = response.body ?? null;
  if (response.status < 400) refs?.remember(referenceId, body);
  return { body, httpHeaders, httpStatusCode: response.status, referenceId };
}

/** Runs subrequests in order; with allOrNone the first failure rolls back all and halts the rest. */
function runComposite(parent: EmulatorRequest, ctx: RestContext, subrequests: Subrequest[], allOrNone: boolean): { responses: SubResponse[]; ok: boolean } {
  const journal = ctx.org.store.journal;
  const savepoint = journal.savepoint();
  // Without `@{` in the request no subrequest refers to another: 1,000 records' bodies are not walked for one.
  const refs = parent.body.includes('@{') ? new ReferenceResolver() : undefined;
  const responses: SubResponse[] = [];
  let failedAt = -1;
  for (const [i, sub] of subrequests.entries()) {
    const response = runOne(parent, ctx, sub, refs);
    responses.push(response);
    if (response.httpStatusCode >= 400 && allOrNone) {
      failedAt = i;
      break;
    }
  }
  if (failedAt < 0) {
    journal.release();
    return { responses, ok: responses.every((r) => r.httpStatusCode < 400) };
  }
  journal.rollback(savepoint);
  return {
    responses: subrequests.map((sub, i) => (i === failedAt ? responses[i] : halted(sub.referenceId ?? ''))),
    ok: false,
  };
}

function validate(subrequests: unknown): string | undefined {
  if (!Array.isArray(subrequests) || subrequests.length === 0) return 'compositeRequest must contain at least one subrequest';
  if (subrequests.length > COMPOSITE_LIMIT) return `Composite request cannot exceed ${COMPOSITE_LIMIT} subrequests`;
  const queries = (subrequests as Subrequest[]).filter((s) => QUERY_OR_COLLECTION.test(String(s.url ?? ''))).length;
  if (queries > COMPOSITE_QUERY_LIMIT) {
    return `Composite request cannot contain more than ${COMPOSITE_QUERY_LIMIT} query or sObject Collections subrequests`;
  }
  const ids = (subrequests as Subrequest[]).map((s) => s.referenceId);
  if (ids.some((id) => typeof id !== 'string' || !/^[A-Za-z0-9_]+$/.test(id)))
    return 'referenceId must start with a letter or a number and contain only letters, numbers and underscores';
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) return `Duplicate ReferenceId provided in the request: ${dup}`;
  return undefined;
}

export function composite(req: EmulatorRequest, ctx: RestContext): EmulatorResponse {
  const parsed = parseJsonBody<{ allOrNone?: boolean; collateSubrequests?: boolean; compositeRequest?: Subrequest[] }>(req.body);
  if (!parsed.ok) return parsed.response;
  const problem = validate(parsed.value.compositeRequest);
  if (problem) return apiError(400, 'INVALID_API_INPUT', problem);
  const { responses } = runComposite(req, ctx, parsed.value.compositeRequest!, parsed.value.allOrNone === true);
  return { status: 200, body: { compositeResponse: responses } };
}

export function graph(req: EmulatorRequest, ctx: RestContext): EmulatorResponse {
  const parsed = parseJsonBody<{ graphs?: Array<{ graphId?: string; compositeRequest?: Subrequest[] }> }>(req.body);
  if (!parsed.ok) return parsed.response;
  const graphs = parsed.value.graphs;
  if (!Array.isArray(graphs) || graphs.length === 0) return apiError(400, 'INVALID_API_INPUT', 'graphs must contain at least one graph');
  const results = graphs.map((g) => {
    const { responses, ok } = runComposite(req, ctx, g.compositeRequest ?? [], true);
    return { graphId: g.graphId ?? '', graphResponse: { compositeResponse: responses }, isSuccessful: ok };
  });
  return { status: 200, body: { graphs: results } };
}
