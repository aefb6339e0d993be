type LimitName =
  | 'collectionRecords'
  | 'compositeSubrequests'
  | 'compositeCollectionsOrQueries'
  | 'queryPageRows'
  | 'soqlCharacters'
  | 'requestUriBytes'
  | 'recommendedUriCharacters'
  | 'bulkJobUploadCharacters'
  | 'queryCursorsPerUser'
  | 'concurrentLongRequests'
  | 'soapUndeleteIds';

/**
 * The Salesforce limits the plugin works within, in one table, each with where Salesforce documents it.
 * Modules name their own constants after these (MAX_COLLECTION_SIZE, COMPOSITE_SUBREQUEST_LIMIT...) so that
 * code reads in its own terms, but the figure lives here only.
 */
export const SALESFORCE_LIMITS: Readonly<Record<LimitName, number>> = Object.freeze({
  /** REST API Developer Guide, "sObject Collections": up to 200 records per create/update/upsert/delete. */
  collectionRecords: 200,
  /** REST API Developer Guide, "Composite": up to 25 subrequests in one request. */
  compositeSubrequests: 25,
  /** REST API Developer Guide, "Composite": "up to 5 can be sObject Collections or query operations". */
  compositeCollectionsOrQueries: 5,
  /** REST API Developer Guide, "Query Options Header": batchSize 200-2,000 rows a page (2,000 by default). */
  queryPageRows: 2000,
  /** SOQL and SOSL Reference, "SOQL and SOSL Limits": a statement of at most 100,000 characters. */
  soqlCharacters: 100_000,
  /** REST API Developer Guide, "Limits": a request URI and headers of at most 16,384 bytes (414/431 past it). */
  requestUriBytes: 16_384,
  /** REST API Developer Guide: URIs under 2,000 characters are recommended (proxies cut longer ones). */
  recommendedUriCharacters: 2000,
  /** Bulk API 2.0 Developer Guide, "Limits": a job's upload of up to 150 MB (after base64 encoding). */
  bulkJobUploadCharacters: 150_000_000,
  /** SOQL and SOSL Reference: at most 10 query cursors open per user (the oldest is closed for an eleventh). */
  queryCursorsPerUser: 10,
  /** Salesforce Limits Quick Reference: 25 long-running requests at once per org (5 in developer orgs). */
  concurrentLongRequests: 25,
  /**
   * SOAP API Developer Guide: calls that take records or ids take at most 200 (create(), update(), "SOAP API
   * Call Limits"; emptyRecycleBin() "The maximum number of records is 200"). The undelete() page states no
   * figure of its own; 200 is the SOAP call rule, and what clients chunk undelete by (salesforcer's sf_undelete).
   */
  soapUndeleteIds: 200,
});
