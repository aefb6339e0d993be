/**
 * The Metadata API's file-based deploy over SOAP: `deploy(zip, DeployOptions)` starts it and answers its id (an
 * AsyncResult), `checkDeployStatus(id, includeDetails)` tells how it goes. Sent through the `OrgApi` like the
 * other SOAP calls (soapMetadata.ts), so that every call counts against the run's API budget.
 *
 * Starting and waiting are separate on purpose: a deploy runs in the org whatever happens to this process, so
 * the caller journals the id between the two, and a later process can wait for the same deploy (`waitForDeploy`
 * takes any id) before it decides anything from what the org shows.
 */
import { sleep, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import { DeployFailedError, parseDeployResult, succeeded, type DeployStatus } from './deployResult.js';
import type { OrgApi } from './orgApi.js';
import { metadataCall } from './soapMetadata.js';
import { elements, escapeXml, textOf } from './soapXml.js';
import { withReadRetry } from './withRetry.js';

/**
 * NoTestRun is refused in production (`INVALID_OPERATION: testLevel of NoTestRun cannot be used in production
 * organizations`); there, a package with Apex needs RunLocalTests (or named tests covering it).
 */
export type TestLevel = 'NoTestRun' | 'RunSpecifiedTests' | 'RunLocalTests' | 'RunAllTestsInOrg';

export type DeployOptions = {
  /** Absent: the org's default (no tests for a package without Apex, production included). */
  testLevel?: TestLevel;
  /** The zip holds one package (package.xml at its root), as SDR's metadata-format zips do. Default true. */
  singlePackage?: boolean;
  /** All or nothing: a deploy with one failure changes nothing. Default true (production requires it). */
  rollbackOnError?: boolean;
};

export type DeployPollOptions = {
  /** Wait before the first poll; the wait then grows by half each poll up to maxPollIntervalMs. */
  pollIntervalMs: number;
  maxPollIntervalMs: number;
  /** A deploy still running after this is left to the org: waiting for it throws DeployTimeoutError. */
  timeoutMs: number;
  retry: BackoffPolicy;
  /** Wait before the first poll (default: pollIntervalMs); 0 for a deploy started long ago, likely done. */
  firstPollMs?: number;
  onPoll?: (status: DeployStatus) => void;
};

/**
 * A trigger deploy without tests takes seconds; one with the org's local tests takes minutes (an hour is not
 * rare on big orgs): polls start quick and slow down, as SDR's do, and give up at SDR's default wait.
 */
export const DEFAULT_DEPLOY_POLL: DeployPollOptions = { pollIntervalMs: 500, maxPollIntervalMs: 15_000, timeoutMs: 60 * 60_000, retry: DEFAULT_BACKOFF };

const GROWTH = 1.5;

/** A deploy still running when the caller stopped waiting: it may still succeed, and its id can be awaited later. */
export class DeployTimeoutError extends Error {
  public readonly errorCode = 'DEPLOY_TIMEOUT';

  public constructor(
    public readonly deployId: string,
    public readonly status: string
  ) {
    super(`Metadata deploy ${deployId} is still ${status} after the wait: it goes on in the org, and is awaited again on the next restore.`);
    this.name = 'DeployTimeoutError';
  }
}

/**
 * Starts a deploy of a metadata-format zip; answers its id. The options are written in the order of the WSDL's
 * DeployOptions sequence, which a SOAP server may insist on.
 */
export async function startDeploy(api: OrgApi, zip: Buffer, options: DeployOptions): Promise<string> {
  const deployOptions =
    `<rollbackOnError>${String(options.rollbackOnError ?? true)}</rollbackOnError>` +
    `<singlePackage>${String(options.singlePackage ?? true)}</singlePackage>` +
    (options.testLevel ? `<testLevel>${escapeXml(options.testLevel)}</testLevel>` : '');
  const answer = await metadataCall(api, `<deploy><ZipFile>${zip.toString('base64')}</ZipFile><DeployOptions>${deployOptions}</DeployOptions></deploy>`);
  const id = textOf(elements(answer, 'result')[0] ?? '', 'id');
  if (!id) throw new Error('The org answered a Metadata deploy without its id.');
  return id;
}

/** `checkDeployStatus` with its details (component failures, test results). */
export async function checkDeployStatus(api: OrgApi, deployId: string): Promise<DeployStatus> {
  const answer = await metadataCall(api, `<checkDeployStatus><asyncProcessId>${escapeXml(deployId)}</asyncProcessId><includeDetails>true</includeDetails></checkDeployStatus>`);
  return parseDeployResult(answer);
}

/**
 * Polls a deploy until it is done. A deploy that did not succeed throws DeployFailedError (what the org refused,
 * the tests that failed, the coverage it lacked); one still running at the deadline throws DeployTimeoutError.
 * Polls are reads: passing failures (5xx, a dropped connection) are retried rather than lose track of the deploy.
 */
export async function waitForDeploy(api: OrgApi, deployId: string, options: DeployPollOptions = DEFAULT_DEPLOY_POLL): Promise<DeployStatus> {
  const deadline = Date.now() + options.timeoutMs;
  let interval = options.pollIntervalMs;
  let wait = options.firstPollMs ?? interval;
  for (;;) {
    await sleep(Math.max(0, Math.min(wait, deadline - Date.now())));
    const status = await withReadRetry(() => checkDeployStatus(api, deployId), options.retry);
    options.onPoll?.(status);
    if (status.done) {
      if (!succeeded(status)) throw new DeployFailedError(deployId, status);
      return status;
    }
    if (Date.now() >= deadline) throw new DeployTimeoutError(deployId, status.status);
    interval = Math.min(options.maxPollIntervalMs, Math.ceil(interval * GROWTH));
    wait = interval;
  }
}
