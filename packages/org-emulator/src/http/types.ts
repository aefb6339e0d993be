/**
 * Contract for request handlers behind the emulator's router. Handlers are plain functions of a parsed
 * request, so each API family (REST sObjects, composite, query, Bulk 2.0) lives in its own module and is
 * tested without sockets.
 */
export type EmulatorRequest = {
  method: string;
  /** Path after `/services/data/vNN.N`, e.g. `/jobs/ingest/750.../batches`; no trailing slash. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  /** Raw body text ('' when none). */
  body: string;
  /** The version in the URL, e.g. '62.0'. */
  apiVersion: string;
  /** Base URL of this org, e.g. 'http://127.0.0.1:4567', for absolute URLs in responses. */
  instanceUrl: string;
};

export type EmulatorResponse = {
  status: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string as is (set content-type in headers, e.g. text/csv). */
  body?: string | object;
};

/** Request kinds counted by `GET /__emulator/stats`. */
export type StatKind =
  | 'auth'
  | 'versions'
  | 'limits'
  | 'describeGlobal'
  | 'describe'
  | 'query'
  | 'queryMore'
  | 'sobjectCreate'
  | 'sobjectRead'
  | 'sobjectUpdate'
  | 'sobjectUpsert'
  | 'sobjectDelete'
  | 'collectionCreate'
  | 'collectionUpdate'
  | 'collectionUpsert'
  | 'collectionDelete'
  | 'collectionRetrieve'
  | 'composite'
  | 'graph'
  | 'tree'
  | 'bulkJobCreate'
  | 'bulkUpload'
  | 'bulkClose'
  | 'bulkPoll'
  | 'bulkResults'
  | 'bulkQueryCreate'
  | 'bulkQueryPoll'
  | 'bulkQueryResults'
  | 'soap'
  | 'metadataRead'
  | 'metadataUpdate'
  | 'metadataDeploy'
  | 'metadataDeployStatus'
  | 'metadata'
  | 'replication'
  | 'toolingQuery'
  | 'toolingRead'
  | 'toolingUpdate'
  | 'toolingCreate'
  | 'other';

/** A Salesforce REST error body: `[{ message, errorCode }]` (some add `fields`). */
export type ApiErrorBody = Array<{ message: string; errorCode: string; fields?: string[] }>;

export function apiError(status: number, errorCode: string, message: string, fields?: string[]): EmulatorResponse {
  const entry: { message: string; errorCode: string; fields?: string[] } = { message, errorCode };
  if (fields) entry.fields = fields;
  return { status, body: [entry] };
}
