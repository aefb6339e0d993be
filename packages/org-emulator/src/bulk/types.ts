/**
 * Types of the emulator's Bulk API 2.0 module: what it needs from the rest of the emulator (`BulkDeps`), what it
 * offers the router (`BulkApi`), and the jobs it keeps.
 */
import type { EmulatorRequest, EmulatorResponse, StatKind } from '../http/types.js';
import type { DmlEngine } from '../org/dmlTypes.js';
import type { FieldDescribe } from '../schema/model.js';
import type { SoqlResult } from '../soql/types.js';

export type ObjectFields = { name: string; fields: FieldDescribe[] };

export type BulkDeps = {
  dml: DmlEngine;
  /**
   * Runs SOQL; throws a SoqlError-like error (`errorCode`, `message`) when the query is invalid. `planOnly`:
   * the checks, object and columns only, no rows; `shapeLater`: the rows shaped when asked (`rowsBetween`).
   */
  query(soql: string, includeDeleted: boolean, planOnly?: boolean, shapeLater?: boolean): SoqlResult;
  /** Matched case-insensitively; undefined = no such object. */
  describeObject(name: string): ObjectFields | undefined;
  userId: string;
  count(kind: StatKind): void;
  now(): Date;
  /** Processing rate while an ingest job is InProgress: milliseconds per record, 0 = as fast as possible. */
  perRecordMs: number;
  /**
   * Processing rate of query jobs: milliseconds per row read (default 0). The cost model charges records
   * written, not records read (a REST query page costs its request's latency whatever its size), so the
   * server leaves it at 0 and a query job costs the latency of its requests; tests set it to catch a job
   * InProgress.
   */
  perRowReadMs?: number;
};

export type BulkApi = {
  /** undefined = not a Bulk API 2.0 path. */
  handle(req: EmulatorRequest): Promise<EmulatorResponse | undefined>;
  /** Forgets every job and stops any processing in flight. */
  reset(): void;
};

export const COLUMN_DELIMITERS = ['COMMA', 'TAB', 'SEMICOLON', 'PIPE', 'CARET', 'BACKQUOTE'] as const;
export type ColumnDelimiter = (typeof COLUMN_DELIMITERS)[number];
export const LINE_ENDINGS = ['LF', 'CRLF'] as const;
export type LineEnding = (typeof LINE_ENDINGS)[number];
export const INGEST_OPERATIONS = ['insert', 'update', 'upsert', 'delete', 'hardDelete'] as const;
export type IngestOperation = (typeof INGEST_OPERATIONS)[number];
export const QUERY_OPERATIONS = ['query', 'queryAll'] as const;
export type QueryOperation = (typeof QUERY_OPERATIONS)[number];

export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Aborted' | 'Failed';
export const TERMINAL_STATES: readonly JobState[] = ['JobComplete', 'Aborted', 'Failed'];

/** Facts shared by ingest and query jobs. */
export type JobCommon = {
  id: string;
  /** Canonical object name. */
  object: string;
  createdById: string;
  createdDate: Date;
  systemModstamp: Date;
  state: JobState;
  /** The version in the create URL, e.g. '62.0'. */
  apiVersion: string;
  columnDelimiter: ColumnDelimiter;
  lineEnding: LineEnding;
  numberRecordsProcessed: number;
  totalProcessingTime: number;
  errorMessage?: string;
};

/** The outcome of one uploaded row. */
export type RowOutcome = { row: string[]; success: true; id: string; created: boolean } | { row: string[]; success: false; id: string; error: string };

export type IngestJob = JobCommon & {
  kind: 'ingest';
  operation: IngestOperation;
  externalIdFieldName?: string;
  /** The one CSV upload Salesforce accepts per job; undefined until PUT. */
  upload?: string;
  /** Parsed upload, filled when processing starts (or when unprocessed rows are asked for). */
  header?: string[];
  rows?: string[][];
  /** Outcomes of processed rows, in processing order. */
  outcomes: RowOutcome[];
  numberRecordsFailed: number;
};

export type QueryJob = JobCommon & {
  kind: 'query';
  operation: QueryOperation;
  query: string;
  /** Header of the results CSV (the query's column paths). */
  columns: string[];
  /** Result rows as CSV cells, produced when the job runs (empty until then). */
  rows: string[][];
};

export type Job = IngestJob | QueryJob;
