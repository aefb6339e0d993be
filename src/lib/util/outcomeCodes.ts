/**
 * The error codes sf isync gives a record itself (Salesforce's own codes, such as REQUIRED_FIELD_MISSING, are
 * passed on as the org answered them). They show in the summary, the report, the error CSV and the journal,
 * and retry reads them back: one home, so that each is spelled once.
 */

/** The record's write may or may not have got in (an answer lost in transit, a job that stopped): a resume or retry checks the target first. */
export const IN_DOUBT = 'ISYNC_IN_DOUBT';
/** The record's match key finds several target records: the sync cannot tell which is its counterpart. */
export const AMBIGUOUS_MATCH = 'ISYNC_AMBIGUOUS_MATCH';
/** Salesforce did not process the record in a Bulk job (aborted or failed job): nothing was written, sending it again is safe. */
export const BULK_UNPROCESSED = 'ISYNC_BULK_UNPROCESSED';
/** A parent the record looks up failed, or was not brought by the run and is not in the target either. */
export const PARENT_NOT_SYNCED = 'ISYNC_PARENT_NOT_SYNCED';
/** A record the record looks up outside the template (owner, record type...) has no counterpart in the target. */
export const REFERENCE_NOT_FOUND = 'ISYNC_REFERENCE_NOT_FOUND';
/** A template transformation could not compute the record's value (an expression failed on its values). */
export const TRANSFORM_FAILED = 'ISYNC_TRANSFORM_FAILED';
