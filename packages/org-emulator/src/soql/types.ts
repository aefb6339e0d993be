/**
 * Contract between the SOQL engine (this folder) and the rest of the emulator. The engine is pure: it
 * parses a query, validates it against the schema, reads rows through `SoqlDataSource` and shapes them as
 * the REST query endpoint returns them (without pagination, which the endpoint does).
 */
import type { FieldDescribe } from '../schema/model.js';

/** A stored record: field API names (canonical case) to values; always has Id and IsDeleted. */
export type StoredRecord = Record<string, unknown> & { Id: string };

export interface SoqlDataSource {
  /** Fields of an object by API name, matched case-insensitively; undefined = no such object. */
  describeObject(objectName: string): { name: string; fields: FieldDescribe[] } | undefined;
  /** Every record of the object, in insertion order; deleted (recycle bin) ones only when asked. */
  scan(objectName: string, options: { includeDeleted: boolean }): Iterable<StoredRecord>;
  /** Any record by id (for parent paths, polymorphic ones included), deleted or not. */
  getById(id: string): { objectName: string; record: StoredRecord } | undefined;
  /**
   * Optional index: records whose `fieldName` equals one of `values` (case-insensitive for text, as
   * Salesforce compares). The engine uses it for `Field = x` / `Field IN (...)` on Id, external id and
   * unique fields to avoid full scans. Undefined = not indexed.
   */
  findByField?(objectName: string, fieldName: string, values: unknown[]): Iterable<StoredRecord> | undefined;
  /**
   * True when `scan` yields the object's records in ascending Id order: `ORDER BY Id` then needs no sort and
   * a LIMIT ends the scan (the keyset pages of sync tools, `Id > last ORDER BY Id LIMIT n`, stay cheap).
   */
  scansInIdOrder?(objectName: string): boolean;
  /**
   * The object's named child relationships, as its describe lists them (`Contacts` on Account: Contact
   * records whose `AccountId` holds the parent's Id), for parent-to-child subqueries. Absent = none.
   */
  childRelationships?(objectName: string): ChildRelationshipLink[];
}

/** One describe `childRelationships` entry that has a name: which child object, through which field. */
export type ChildRelationshipLink = { relationshipName: string; childObject: string; fieldName: string };

/** A Salesforce API error, as the REST API returns it: `[{"message": ..., "errorCode": ...}]`. */
export class SoqlError extends Error {
  public constructor(
    public readonly errorCode: 'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE' | 'INVALID_QUERY_FILTER_OPERATOR' | 'NUMBER_OUTSIDE_VALID_RANGE',
    message: string
  ) {
    super(message);
    this.name = 'SoqlError';
  }
}

export type SoqlResult = {
  /** Rows in REST shape: `{ attributes: { type, url }, Field: value, Parent: { attributes, Name } | null }`. */
  records: Array<Record<string, unknown>>;
  /** Number of rows, or the count for `SELECT COUNT() ...`. */
  totalSize: number;
  /** The object queried (canonical name). */
  objectName: string;
  /** The selected column paths in order (canonical case), e.g. ['Id', 'Account.Name']; for bulk CSV results. */
  columns: string[];
  /** With `shapeLater`: rows `from` to `to` (exclusive) of the `totalSize` matched, in REST shape. */
  rowsBetween?: (from: number, to: number) => Array<Record<string, unknown>>;
};

export type SoqlOptions = {
  /** queryAll: include deleted rows (IsDeleted = true). */
  includeDeleted: boolean;
  /** API version for attribute urls, e.g. '62.0'. */
  apiVersion: string;
  /** The clock for relative date literals (TODAY, LAST_N_DAYS:n, ...), in UTC; default: the current time. */
  now?: Date;
  /** Compile only: every error the query would raise, its object and columns, and no rows read. */
  planOnly?: boolean;
  /**
   * Match now, shape the rows when asked (`rowsBetween`, `records` left empty): a Bulk query job shapes its
   * rows a step at a time, letting the org's other requests run in between.
   */
  shapeLater?: boolean;
};
