import type { OrgApi } from './orgApi.js';
import { SALESFORCE_LIMITS } from './salesforceLimits.js';

export type WriteOperation = 'insert' | 'update' | 'upsert' | 'delete';

export type RecordError = { statusCode: string; message: string; fields: string[] };

/** One record's outcome, in request order, as `composite/sobjects` answers. */
export type RecordResult = {
  id: string | null;
  success: boolean;
  /** upsert only: true when the record was created. */
  created?: boolean;
  errors: RecordError[];
};

/** Salesforce's limit for one sObject Collections request. */
export const MAX_COLLECTION_SIZE = SALESFORCE_LIMITS.collectionRecords;

export type CollectionRequest = {
  operation: WriteOperation;
  object: string;
  /** insert/update/upsert: field values (update: with Id); delete: only Id is read. */
  records: Array<Record<string, unknown>>;
  /** upsert: the target external id field. */
  externalIdField?: string;
};

/** The HTTP request of one sObject Collections call: sent alone, or as a subrequest of a Composite request. */
export type CollectionCall = { method: 'POST' | 'PATCH' | 'DELETE'; path: string; body?: unknown };

/**
 * The sObject Collections request for `request` (at most 200 records, never all-or-none: one bad record must
 * not fail its neighbours); `path` is relative to `/services/data/vNN.N`.
 */
export function collectionCall(request: CollectionRequest): CollectionCall {
  const { operation, object, records } = request;
  if (records.length > MAX_COLLECTION_SIZE) {
    throw new Error(`A collection holds at most ${MAX_COLLECTION_SIZE} records; got ${records.length}.`);
  }
  if (operation === 'delete') {
    const ids = records.map((record) => String(record.Id));
    return { method: 'DELETE', path: `/composite/sobjects?ids=${ids.join(',')}&allOrNone=false` };
  }
  const body = {
    allOrNone: false,
    records: records.map((record) => ({ attributes: { type: object }, ...record })),
  };
  if (operation === 'insert') return { method: 'POST', path: '/composite/sobjects', body };
  if (operation === 'update') return { method: 'PATCH', path: '/composite/sobjects', body };
  if (!request.externalIdField) throw new Error('upsert needs an external id field');
  return { method: 'PATCH', path: `/composite/sobjects/${object}/${request.externalIdField}`, body };
}

/** One sObject Collections call. Transport errors are thrown; per-record errors come back in the results. */
export async function writeCollection(api: OrgApi, request: CollectionRequest): Promise<RecordResult[]> {
  if (request.records.length === 0) return [];
  const call = collectionCall(request);
  return api.request<RecordResult[]>(call.method, call.path, call.body);
}
