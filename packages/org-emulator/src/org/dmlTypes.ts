/**
 * Contract of the emulator's DML engine: every write path (single-record REST, collections, composite,
 * tree, graph, Bulk 2.0) goes through it, so validation, ids, system fields, cascade deletes and errors are
 * the same whichever API a client uses.
 */

/** A per-record error, as in collection results: `{ statusCode, message, fields }`. */
export type DmlError = { statusCode: string; message: string; fields: string[] };

export type SaveResult = {
  id: string | null;
  success: boolean;
  errors: DmlError[];
};

export type UpsertResult = SaveResult & { created: boolean };

export type DmlOptions = {
  /** All or nothing: one failure rolls back the call; the others report ALL_OR_NONE_OPERATION_ROLLED_BACK. */
  allOrNone: boolean;
  /** `Sforce-Duplicate-Rule-Header: allowSave=true`: duplicate rules that Allow with an alert let the save through. */
  allowSave?: boolean;
};

export interface DmlEngine {
  /** Records keyed by field API name (case-insensitive, as Salesforce accepts); `attributes` is ignored. */
  insert(objectName: string, records: Array<Record<string, unknown>>, options: DmlOptions): SaveResult[];
  /** Each record carries `Id` (or `id`). */
  update(objectName: string, records: Array<Record<string, unknown>>, options: DmlOptions): SaveResult[];
  /** Matches on `externalIdField` (an external id, idLookup field, or Id). */
  upsert(objectName: string, externalIdField: string, records: Array<Record<string, unknown>>, options: DmlOptions): UpsertResult[];
  /** Soft delete into the recycle bin (hard = permanent, for Bulk hardDelete). Cascades master-detail. */
  delete(ids: string[], options: DmlOptions & { hard?: boolean }): SaveResult[];
}
