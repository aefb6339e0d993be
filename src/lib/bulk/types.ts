import type { RecordError } from '../api/collections.js';
import type { BackoffPolicy } from '../api/backoff.js';

export type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete';

/** One record to write. `key` is the caller's name for it (e.g. the source id): outcomes are keyed by it. */
export type IngestRecord = { key: string; values: Record<string, unknown> };

/** What happened to one record, in the shape of an sObject Collections result. */
export type IngestOutcome = {
  ok: boolean;
  targetId: string | null;
  /** insert: true on success; upsert: true when the record was created. */
  created: boolean;
  error?: RecordError;
};

export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Aborted' | 'Failed';

export const TERMINAL_STATES: ReadonlySet<JobState> = new Set(['JobComplete', 'Aborted', 'Failed']);

/** The fields of Salesforce's ingest job info that the client reads. */
export type IngestJobInfo = {
  id: string;
  state: JobState;
  object: string;
  operation: string;
  /** Present on creation (and while Open): where to PUT the CSV, e.g. `services/data/v62.0/jobs/ingest/750…/batches`. */
  contentUrl?: string;
  numberRecordsProcessed?: number;
  numberRecordsFailed?: number;
  /** Why a job Failed, e.g. `InvalidBatch : Field name not found : Foo__c`. */
  errorMessage?: string;
};

export type IngestRequest = {
  object: string;
  operation: IngestOperation;
  /** upsert: the external id field (also the correlation column). */
  externalIdField?: string;
  /**
   * insert: a field of `values` whose value is unique per record (e.g. the match key field). Result rows come
   * back unordered and an insert has no id yet, so this column is the only way to pair rows with records.
   */
  correlationField?: string;
  /** update and delete read `values.Id`; delete uploads nothing else. */
  records: IngestRecord[];
  /** Records per job (default: only Salesforce's size limits split); the records are sent in several jobs. */
  maxRecordsPerJob?: number;
  /** First wait before polling a closed job; later waits grow by half up to `maxPollIntervalMs`. */
  pollIntervalMs?: number;
  maxPollIntervalMs?: number;
  /** Per job: when it is not finished by then it is aborted and what it did is collected. */
  timeoutMs?: number;
  /** Retries of idempotent reads (job info, result files) after transient failures. */
  retry?: BackoffPolicy;
  onPoll?: (info: IngestJobInfo) => void;
};
