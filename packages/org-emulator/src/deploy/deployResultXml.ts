/**
 * The Metadata WSDL's deploy types as XML, members in the WSDL's order (its sequences are alphabetical; checked
 * against jsforce's schema of API 62 and a JAXB class generated from the WSDL): AsyncResult (done, id, message,
 * state, statusCode), DeployResult (canceledBy … success, `id` after errorStatusCode), DeployDetails
 * (componentFailures, componentSuccesses, retrieveResult, runTestResult), DeployMessage, RunTestsResult,
 * CodeCoverageResult, CodeCoverageWarning, RunTestFailure, RunTestSuccess, CancelDeployResult (done, id).
 * Optional members without a value are left out, as in readMetadata's answers.
 */
import { encodeXmlText } from '../soap/xmlTree.js';
import type { DeployMessage, DeployRecord, TestRunResult } from './deployTypes.js';

type Value = string | number | boolean | undefined;

/** `<name>value</name>` for each defined value, in the order given. */
function elements(members: Array<[string, Value]>): string {
  return members
    .filter((member): member is [string, string | number | boolean] => member[1] !== undefined)
    .map(([name, value]) => `<${name}>${encodeXmlText(String(value))}</${name}>`)
    .join('');
}

/** A double as Java writes it (`25.0`). */
const double = (value: number): string => (Number.isInteger(value) ? value.toFixed(1) : String(value));

export function asyncResultXml(record: DeployRecord): string {
  return `<result>${elements([
    ['done', false],
    ['id', record.id],
    ['state', 'Queued'],
  ])}</result>`;
}

export function cancelDeployResultXml(record: DeployRecord): string {
  return `<result>${elements([
    ['done', record.done],
    ['id', record.id],
  ])}</result>`;
}

export function deployMessageXml(tag: string, message: DeployMessage): string {
  return `<${tag}>${elements([
    ['changed', message.changed],
    ['componentType', message.componentType],
    ['created', message.created],
    ['createdDate', message.createdDate],
    ['deleted', message.deleted],
    ['fileName', message.fileName],
    ['fullName', message.fullName],
    ['id', message.id],
    ['problem', message.problem],
    ['problemType', message.problemType],
    ['success', message.success],
  ])}</${tag}>`;
}

function runTestResultXml(tests: TestRunResult | undefined): string {
  const coverage = (tests?.codeCoverage ?? [])
    .map(
      (c) =>
        `<codeCoverage>${elements([
          ['id', c.id],
          ['name', c.name],
          ['numLocations', c.numLocations],
          ['numLocationsNotCovered', c.numLocationsNotCovered],
          ['type', c.type],
        ])}</codeCoverage>`
    )
    .join('');
  const warnings = (tests?.codeCoverageWarnings ?? [])
    .map(
      (w) =>
        `<codeCoverageWarnings>${elements([
          ['id', w.id],
          ['message', w.message],
          ['name', w.name],
        ])}</codeCoverageWarnings>`
    )
    .join('');
  const failures = (tests?.failures ?? [])
    .map(
      (f) =>
        `<failures>${elements([
          ['id', f.id],
          ['message', f.message],
          ['methodName', f.methodName],
          ['name', f.name],
          ['packageName', f.name],
          ['stackTrace', f.stackTrace],
          ['time', double(f.time)],
          ['type', 'Class'],
        ])}</failures>`
    )
    .join('');
  const successes = (tests?.successes ?? [])
    .map(
      (s) =>
        `<successes>${elements([
          ['id', s.id],
          ['methodName', s.methodName],
          ['name', s.name],
          ['time', double(s.time)],
        ])}</successes>`
    )
    .join('');
  const counts = elements([
    ['numFailures', tests?.failures.length ?? 0],
    ['numTestsRun', tests ? tests.failures.length + tests.successes.length : 0],
  ]);
  return `<runTestResult>${coverage}${warnings}${failures}${counts}${successes}${elements([['totalTime', double(tests?.totalTime ?? 0)]])}</runTestResult>`;
}

function detailsXml(record: DeployRecord): string {
  const failures = record.failures.map((message) => deployMessageXml('componentFailures', message)).join('');
  const successes = record.successes.map((message) => deployMessageXml('componentSuccesses', message)).join('');
  return `<details>${failures}${successes}${runTestResultXml(record.tests)}</details>`;
}

/** checkDeployStatus's `<result>`; `details` only when includeDetails was asked. */
export function deployResultXml(record: DeployRecord, includeDetails: boolean): string {
  const head = elements([
    ['canceledBy', record.canceledBy?.id],
    ['canceledByName', record.canceledBy?.name],
    ['checkOnly', record.options.checkOnly],
    ['completedDate', record.completedDate],
    ['createdBy', record.createdBy.id],
    ['createdByName', record.createdBy.name],
    ['createdDate', record.createdDate],
  ]);
  const tail = elements([
    ['done', record.done],
    ['errorMessage', record.error?.message],
    ['errorStatusCode', record.error?.statusCode],
    ['id', record.id],
    ['ignoreWarnings', record.options.ignoreWarnings],
    ['lastModifiedDate', record.lastModifiedDate],
    ['numberComponentErrors', record.numberComponentErrors],
    ['numberComponentsDeployed', record.numberComponentsDeployed],
    ['numberComponentsTotal', record.numberComponentsTotal],
    ['numberTestErrors', record.numberTestErrors],
    ['numberTestsCompleted', record.numberTestsCompleted],
    ['numberTestsTotal', record.numberTestsTotal],
    ['rollbackOnError', record.options.rollbackOnError],
    ['runTestsEnabled', record.runTestsEnabled],
    ['startDate', record.startDate],
    ['stateDetail', record.stateDetail],
    ['status', record.status],
    ['success', record.status === 'Succeeded' || record.status === 'SucceededPartial'],
  ]);
  return `<result>${head}${includeDetails ? detailsXml(record) : ''}${tail}</result>`;
}
