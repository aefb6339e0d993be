/**
 * The error responses of Bulk API 2.0, in one place so each text is written once. Texts marked "observed"
 * were copied from recorded Salesforce responses or Salesforce's guide; the others follow the same patterns
 * where no recording was found (see README.md).
 */
import { apiError, type EmulatorResponse } from '../http/types.js';

/** Observed (guide: Get Job Info, unsuccessful request). */
export function notFound(): EmulatorResponse {
  return apiError(404, 'NOT_FOUND', 'The requested resource does not exist');
}

/** Observed: `InvalidJob : Unable to find object: Foo`. */
export function unknownObject(objectName: string): EmulatorResponse {
  return apiError(400, 'INVALIDJOB', `InvalidJob : Unable to find object: ${objectName}`);
}

/** Observed (Bulk 1.0 and 2.0 share it). */
export function externalIdMissing(objectName: string): EmulatorResponse {
  return apiError(400, 'INVALIDJOB', `InvalidJob : External ID was blank for ${objectName}. An External ID must be specified for upsert.`);
}

/** Observed, including the double space when the name is empty. */
export function notAnExternalId(fieldName: string, objectName: string): EmulatorResponse {
  return apiError(400, 'INVALIDJOB', `InvalidJob : Field name provided, ${fieldName} does not match an External ID for ${objectName}`);
}

/** Observed for `operation` and `contentType`; used for every enum property of a job. */
export function invalidProperty(property: string, value: unknown): EmulatorResponse {
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return apiError(400, 'API_ERROR', `Invalid value: '${shown}' supplied for property: '${property}'`);
}

/** Observed, typo ("multipe") and 15-character id included. */
export function secondUpload(jobId: string): EmulatorResponse {
  return apiError(
    400,
    'BULK_API_ERROR',
    `Found multipe contents for job: <${jobId.slice(0, 15)}>, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure you only do 'PUT' once on a given Job.`
  );
}

/** Observed (guide: Abort a Query Job). */
export function abortFinishedJob(): EmulatorResponse {
  return apiError(400, 'INVALIDJOBSTATE', 'Aborting already Completed Job not allowed');
}

/** Observed (guide: Delete a Query Job). */
export function deleteUnfinishedJob(): EmulatorResponse {
  return apiError(400, 'API_ERROR', 'Error encountered when deleting the job because the job is not terminated');
}

/** Not observed: a state change the job's current state does not allow. */
export function invalidStateChange(from: string, to: unknown): EmulatorResponse {
  const target = typeof to === 'string' ? to : JSON.stringify(to);
  return apiError(400, 'INVALIDJOBSTATE', `Invalid state change from ${from} to ${target}`);
}

/** Not observed: ingest results asked for before the job reached a final state. */
export function resultsNotReady(state: string): EmulatorResponse {
  return apiError(400, 'INVALIDJOBSTATE', `Results are not available while the job is ${state}`);
}

/**
 * Documented (guide v47, Get Results for a Query Job: "412 Precondition Failed", status IN_PROGRESS): query
 * results asked for before JobComplete. Other states are written the same way (UPLOAD_COMPLETE, ABORTED...).
 */
export function queryResultsNotReady(state: string): EmulatorResponse {
  const status = state.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
  return apiError(
    412,
    'JOB_NOT_COMPLETE',
    `can only download query results of successfully completed bulk job with status: JOB_COMPLETE. Current status: ${status}`
  );
}

/** Observed (Bulk 2.0 query with a parent-to-child subquery). */
export function subqueryNotSupported(): EmulatorResponse {
  return apiError(400, 'FEATURENOTENABLED', 'Aggregate Relationships not supported in Bulk V2 Query with CSV content type');
}

/** Observed (Bulk 2.0 query selecting an address or location field). */
export function compoundFieldNotSupported(): EmulatorResponse {
  return apiError(400, 'API_ERROR', 'Selecting compound data not supported in Bulk Query');
}

/** Not observed in Bulk form: the body is not JSON. */
export function malformedJson(detail: string): EmulatorResponse {
  return apiError(400, 'JSON_PARSER_ERROR', detail);
}

/** Not observed: upload above the 150 MB (base64) limit Salesforce documents. */
export function uploadTooLarge(): EmulatorResponse {
  return apiError(400, 'EXCEEDED_QUOTA', 'Job data exceeds the 150 MB limit (after base64 encoding)');
}

export function methodNotAllowed(method: string, allowed: string[]): EmulatorResponse {
  return apiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are ${allowed.join(',')}`);
}

/** Not observed: an upload to a job that is no longer Open. */
export function jobNotOpen(state: string): EmulatorResponse {
  return apiError(400, 'INVALIDJOBSTATE', `Job is not Open: ${state}`);
}

/** Not observed for Bulk 2.0 (the REST query code): a results locator this job never issued. */
export function invalidLocator(): EmulatorResponse {
  return apiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
}

/** Not observed: maxRecords that is not a positive whole number. */
export function invalidMaxRecords(value: string): EmulatorResponse {
  return apiError(400, 'API_ERROR', `Invalid value: '${value}' supplied for parameter: 'maxRecords'`);
}

/** Status observed (guide: results need the creating API version); the body text is not. */
export function versionMismatch(jobVersion: string): EmulatorResponse {
  return apiError(409, 'API_ERROR', `Use API version ${jobVersion}, in which this job was created, to get its results`);
}
