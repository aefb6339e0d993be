/**
 * The Metadata API's `DeployResult` (the answer of `checkDeployStatus`) as sf isync reads it, and the text a failed
 * deploy is reported with. Read by element local name like every SOAP answer here (soapXml.ts).
 */
import { elements, textOf } from './soapXml.js';

/** Statuses after which the org changes nothing more (the others: Pending, InProgress, Finalizing, Canceling). */
const FINAL_STATUSES = new Set(['Succeeded', 'SucceededPartial', 'Failed', 'FinalizingFailed', 'Canceled']);

export type DeployStatus = {
  id: string;
  /** `done` as the org answered it, or a final status (an org that answers one is finished either way). */
  done: boolean;
  /** Pending, InProgress, Succeeded, SucceededPartial, Failed, Canceling, Canceled, Finalizing, FinalizingFailed. */
  status: string;
  success: boolean;
  /** The deploy's own error (a package that could not be read, a refused test level), if any. */
  errorMessage?: string;
  /** Components the org refused: `ApexTrigger ContactTrigger (line 3): problem`. */
  componentFailures: string[];
  /** Apex tests that failed: `Class.method: message`. */
  testFailures: string[];
  /** Code coverage the deploy fell short of: `name: message`, or the message alone for the org as a whole. */
  coverageWarnings: string[];
};

/** The `result` of a `checkDeployStatus` answer. */
export function parseDeployResult(answer: string): DeployStatus {
  const result = elements(answer, 'result')[0] ?? '';
  const details = elements(result, 'details')[0] ?? '';
  // Component messages inside `details` carry `id` and `success` members too: the deploy's own are read without them.
  const own = result.replace(/<(?:[\w-]+:)?details(?:\s[^>]*)?(?:\/>|>[\s\S]*<\/(?:[\w-]+:)?details>)/, '');
  const status = textOf(own, 'status') ?? 'Pending';
  const errorMessage = textOf(own, 'errorMessage');
  const errorCode = textOf(own, 'errorStatusCode');
  return {
    id: textOf(own, 'id') ?? '',
    done: textOf(own, 'done') === 'true' || FINAL_STATUSES.has(status),
    status,
    success: textOf(own, 'success') === 'true',
    ...(errorMessage ? { errorMessage: errorCode ? `${errorCode}: ${errorMessage}` : errorMessage } : {}),
    // componentFailures is one element per message: a single failure is no different from several.
    componentFailures: elements(details, 'componentFailures').map(componentProblem),
    testFailures: elements(details, 'failures').map(
      (failure) => `${[textOf(failure, 'name'), textOf(failure, 'methodName')].filter(Boolean).join('.')}: ${textOf(failure, 'message') ?? ''}`
    ),
    // An org-wide warning (average coverage) has a nil name.
    coverageWarnings: elements(details, 'codeCoverageWarnings').map((warning) => [textOf(warning, 'name'), textOf(warning, 'message')].filter(Boolean).join(': ')),
  };
}

function componentProblem(message: string): string {
  const line = textOf(message, 'lineNumber');
  const where = [textOf(message, 'componentType'), textOf(message, 'fullName')].filter(Boolean).join(' ');
  return `${where}${line ? ` (line ${line})` : ''}: ${textOf(message, 'problem') ?? textOf(message, 'problemType') ?? 'failed'}`;
}

/** Whether a finished deploy changed the org: with rollbackOnError, anything short of Succeeded changed nothing. */
export function succeeded(status: DeployStatus): boolean {
  return status.status === 'Succeeded' || (status.success && status.status !== 'SucceededPartial');
}

/** A deploy that finished without succeeding, named by what the org said went wrong. */
export class DeployFailedError extends Error {
  public readonly errorCode = 'DEPLOY_FAILED';

  public constructor(
    public readonly deployId: string,
    public readonly result: DeployStatus
  ) {
    const problems = [
      ...(result.errorMessage ? [result.errorMessage] : []),
      ...result.componentFailures,
      ...result.testFailures.map((failure) => `test ${failure}`),
      ...result.coverageWarnings.map((warning) => `coverage: ${warning}`),
    ];
    super(`Metadata deploy ${deployId} ${result.status === 'Canceled' ? 'was canceled' : `ended ${result.status}`}${problems.length > 0 ? `: ${problems.join('; ')}` : '.'}`);
    this.name = 'DeployFailedError';
  }
}
