/**
 * One emulated org's request pipeline: side door, concurrency cap, authentication, faults, daily limit,
 * latency, routing (identity, REST, Bulk 2.0, the SOAP Partner and Metadata endpoints) and per-record cost. Socket-free: the server feeds it
 * parsed requests, so the whole pipeline is testable in process.
 */
import { randomInt } from 'node:crypto';
import type { BulkApi } from '../bulk/types.js';
import type { DeployQueue } from '../deploy/deployQueue.js';
import type { FaultInjector } from '../faults/faultInjector.js';
import { traceAnswer, traceRequest } from './requestTrace.js';
import type { OrgState } from '../org/orgState.js';
import { isServedVersion } from '../rest/apiVersions.js';
import { identityResponse, userInfoResponse, versionsResponse } from '../rest/identity.js';
import type { RestContext } from '../rest/restContext.js';
import { restRoutes } from '../rest/routes.js';
import { handleMetadataCall } from '../soap/metadataCalls.js';
import { handlePartnerCall } from '../soap/partnerCalls.js';
import { apiFault, invalidSessionFault, readSoapRequest, SOAP_PATH, type SoapApi, type SoapRequest } from '../soap/soapEnvelope.js';
import { type AdminDeps, handleAdmin } from './admin.js';
import { type CostModel, delay } from './costModel.js';
import { methodNotAllowed, notFound, type Router } from './router.js';
import { apiError, type EmulatorRequest, type EmulatorResponse, type StatKind } from './types.js';

export type RawRequest = {
  method: string;
  /** URL path, e.g. `/services/data/v62.0/query`. */
  pathname: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: string;
};

export type AppDeps = Omit<RestContext, 'dispatchSync'> & {
  instanceUrl: () => string;
  bulk: BulkApi | undefined;
  costs: CostModel;
  faults: FaultInjector;
  reset: AdminDeps['reset'];
  /** The org's Metadata API deploys (one at a time, on timers of their own). */
  deploys: DeployQueue;
};

const invalidSession = (): EmulatorResponse => apiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');

/** What Salesforce's edge answers while an instance is unavailable. */
const serviceUnavailable = (): EmulatorResponse => ({
  status: 503,
  headers: { 'Content-Type': 'text/html;charset=UTF-8', 'Retry-After': '1' },
  body: '<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1><p>The server is temporarily unable to service your request. Please try again later.</p></body></html>',
});

function unknownException(): EmulatorResponse {
  const errorId = `${randomInt(1e9)}-${randomInt(1e5)} (${-randomInt(1e9)})`;
  return apiError(500, 'UNKNOWN_EXCEPTION', `An unexpected error occurred. Please include this ErrorId if you contact support: ${errorId}`);
}

const METADATA_STAT_KINDS: Partial<Record<string, StatKind>> = {
  readMetadata: 'metadataRead',
  updateMetadata: 'metadataUpdate',
  deploy: 'metadataDeploy',
  checkDeployStatus: 'metadataDeployStatus',
};

function isSoapRequest(value: SoapRequest | EmulatorResponse): value is SoapRequest {
  return 'operation' in value;
}

export class OrgApp {
  private readonly router: Router<RestContext> = restRoutes();
  private readonly restCtx: RestContext;

  public constructor(private readonly deps: AppDeps) {
    this.restCtx = { ...deps, dispatchSync: (req) => this.dispatchSync(req) };
  }

  public get org(): OrgState {
    return this.deps.org;
  }

  public async handle(raw: RawRequest): Promise<EmulatorResponse> {
    const path = raw.pathname.replace(/\/+$/, '');
    if (path.startsWith('/__emulator/')) return handleAdmin(raw.method, path, raw.query, raw.body, this.deps);
    traceRequest(this.deps.org.orgId, raw.method, raw.pathname, raw.query, raw.body);
    const inFlight = this.deps.stats.enter();
    try {
      return await this.handleApi(raw, path, inFlight);
    } catch (e) {
      console.error(`emulator: ${raw.method} ${raw.pathname} failed:`, e);
      return unknownException();
    } finally {
      this.deps.stats.leave();
    }
  }

  private async handleApi(raw: RawRequest, path: string, inFlight: number): Promise<EmulatorResponse> {
    const { costs, stats, faults, usage } = this.deps;
    const soapMatch = SOAP_PATH.exec(path);
    const soapApi: SoapApi | undefined = soapMatch === null ? undefined : soapMatch[1] === 'u' ? 'partner' : 'metadata';
    const soapVersion = soapMatch?.[2];
    // The SOAP endpoint reports the same refusals as faults, and authenticates the envelope's SessionHeader.
    const refuse = soapVersion === undefined ? apiError : (_status: number, code: string, message: string): EmulatorResponse => apiFault(code, message);
    if (costs.maxConcurrent > 0 && inFlight > costs.maxConcurrent) {
      return refuse(403, 'REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.');
    }
    if (path === '/services/data' && raw.method === 'GET') {
      stats.count('versions');
      await delay(costs.latencyMs);
      return versionsResponse();
    }
    const soap = soapVersion === undefined ? undefined : readSoapRequest(raw.body);
    if (soap !== undefined && !isSoapRequest(soap)) return soap;
    const authorized = soap === undefined ? this.authorized(raw.headers.authorization) : soap.sessionId === this.deps.org.identity.accessToken;
    const invalid = soap === undefined ? invalidSession : invalidSessionFault;
    if (!authorized) return invalid();
    // The recycle bin's 15 days run out between calls; purging lazily here is what a clock-driven job would show.
    this.deps.org.purgeExpiredDeletions();
    const fault = faults.onApiCall();
    if (fault === 'sessionExpired') return invalid();
    if (!usage.consume()) return refuse(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
    if (fault === 'http503') return serviceUnavailable();
    // The model is the whole time of a request: latency, then the per-record cost, counted from arrival. The
    // emulator's own work (parsing, writing, serializing) and its event loop's lag count inside that time,
    // as a server's do, not on top of it: else a busier emulator would model a slower org than asked.
    const arrived = performance.now();
    await delay(costs.latencyMs);
    const writtenBefore = stats.totalWritten();
    const routed = performance.now();
    const response = soap === undefined ? await this.route(raw, path) : this.routeSoap(raw, soap, soapApi!, soapVersion!);
    const workMs = performance.now() - routed;
    const lateDeploy = soap?.operation.name === 'deploy' ? (faults.current.deployAnswerDelayMs ?? 0) : 0;
    const written = stats.totalWritten() - writtenBefore;
    const modelledMs = costs.latencyMs + written * costs.perRecordMs + lateDeploy;
    await delay(arrived + modelledMs - performance.now());
    if (written > 0) stats.writeAnswered();
    traceAnswer(this.deps.org.orgId, raw.method, raw.pathname, { modelledMs, workMs, totalMs: performance.now() - arrived });
    return response;
  }

  /**
   * `POST /services/Soap/u/<version>` (one Partner call, stats kind `soap`) or `/services/Soap/m/<version>`
   * (one Metadata call: `metadataRead`, `metadataUpdate`, `metadataDeploy`, `metadataDeployStatus`, `metadata`
   * for the rest), each one API request.
   */
  private routeSoap(raw: RawRequest, request: SoapRequest, api: SoapApi, version: string): EmulatorResponse {
    if (!isServedVersion(version)) return notFound();
    if (raw.method !== 'POST') return methodNotAllowed(raw.method);
    if (api === 'metadata') {
      this.deps.stats.count(METADATA_STAT_KINDS[request.operation.name] ?? 'metadata');
      return handleMetadataCall(request, { org: this.deps.org, deploys: this.deps.deploys });
    }
    this.deps.stats.count('soap');
    const { usage } = this.deps;
    return handlePartnerCall(request, { org: this.deps.org, usage: { current: usage.max - usage.remaining, limit: usage.max } });
  }

  private authorized(header: string | undefined): boolean {
    const m = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header ?? '');
    return m !== null && m[1] === this.deps.org.identity.accessToken;
  }

  private async route(raw: RawRequest, path: string): Promise<EmulatorResponse> {
    const instanceUrl = this.deps.instanceUrl();
    const org = this.deps.org;
    if (raw.method === 'GET' && path === '/services/oauth2/userinfo') return this.counted('auth', userInfoResponse(instanceUrl, org));
    if (raw.method === 'GET' && path === `/id/${org.orgId}/${org.userId}`) return this.counted('auth', identityResponse(instanceUrl, org));
    const versioned = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(path);
    if (!versioned || !isServedVersion(versioned[1])) return notFound();
    const req: EmulatorRequest = {
      method: raw.method,
      path: versioned[2] ?? '',
      query: raw.query,
      headers: raw.headers,
      body: raw.body,
      apiVersion: versioned[1],
      instanceUrl,
    };
    if (this.deps.bulk && req.path.startsWith('/jobs/')) {
      const bulkResponse = await this.deps.bulk.handle(req);
      if (bulkResponse) return bulkResponse;
    }
    const match = this.router.match(req.method, req.path);
    if (match === 'notFound') return notFound();
    if (match === 'badMethod') return methodNotAllowed(req.method);
    this.deps.stats.count(match.route.kind);
    return match.route.handler(req, this.restCtx, match.params);
  }

  private counted(kind: StatKind, response: EmulatorResponse): EmulatorResponse {
    this.deps.stats.count(kind);
    return response;
  }

  /** Composite subrequests: routed without auth, faults, cost or counting, and never asynchronously. */
  private dispatchSync(req: EmulatorRequest): EmulatorResponse {
    const match = this.router.match(req.method, req.path);
    if (match === 'notFound') return notFound();
    if (match === 'badMethod') return methodNotAllowed(req.method);
    const response = match.route.handler(req, this.restCtx, match.params);
    if (response instanceof Promise) throw new Error(`${req.path} cannot run inside a composite request`);
    return response;
  }
}
