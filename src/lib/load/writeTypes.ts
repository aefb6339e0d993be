import type { RecordError } from '../api/collections.js';
import type { JournalOperation } from '../journal/events.js';

/** What every writer (REST collections, Bulk API 2.0, the dry-run simulator) takes and answers. */
export type WriteItem = {
  sourceId: string;
  /** update/deferred/restore/delete: the record in the target. */
  targetId?: string;
  values: Record<string, unknown>;
  /** update: the values the record had before (journaled for rollback). */
  before?: Record<string, unknown>;
  /**
   * insert/upsert: an earlier attempt of this run sent this insert and lost the answer, so the record may
   * exist already; if an upsert finds it, this run created it all the same (see createdByRun).
   */
  insertInDoubt?: boolean;
};

export type WriteOutcome = {
  sourceId: string;
  targetId: string | null;
  ok: boolean;
  created: boolean;
  error?: RecordError;
};

/** The operations a writer sends (undelete is a SOAP call of rollback's own, see rollback/undeleteMatches). */
export type WriteOperation = Exclude<JournalOperation, 'undelete'>;

export type WriteRequest = {
  /** The template's object (its source name): what the journal, counts and report name. */
  object: string;
  /** The object in the target org's API, when the template loads `object` into another one (`"target"`). */
  sobject?: string;
  operation: WriteOperation;
  externalIdField?: string;
  items: WriteItem[];
  /** Bulk inserts: the field whose value pairs result rows with records (REST ignores it). */
  correlationField?: string;
  /** insert: finds which items that failed in transit did get in (by match key): sourceId -> targetId. */
  verifyInserted?(items: WriteItem[]): Promise<Map<string, string>>;
};

/** Anything that writes batches: the real writer, or the dry-run simulator. */
export type RecordWriter = { write(request: WriteRequest): Promise<WriteOutcome[]> };
