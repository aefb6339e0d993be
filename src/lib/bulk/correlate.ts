/**
 * Turns a finished job's three result files into one outcome per record. Rows are paired with records through
 * the correlation column only (rows are unordered). A record in no file is reported in doubt, never dropped.
 */

import type { CorrelationIndex } from './correlationIndex.js';
import type { ResultRow } from './resultCsv.js';
import { parseSfError } from './sfErrorText.js';
import type { IngestJobInfo, IngestOutcome } from './types.js';
import { BULK_UNPROCESSED, IN_DOUBT } from '../util/outcomeCodes.js';

export type ResultFiles = { successful: ResultRow[]; failed: ResultRow[]; unprocessed: ResultRow[] };

const idOrNull = (text: string | undefined): string | null => (text ? text : null);

function jobEnding(job: IngestJobInfo): string {
  return `Bulk API job ${job.id} ended ${job.state}${job.errorMessage ? ` (${job.errorMessage})` : ''}`;
}

function failure(statusCode: string, message: string, targetId: string | null): IngestOutcome {
  return { ok: false, targetId, created: false, error: { statusCode, message, fields: [] } };
}

export function correlateResults(job: IngestJobInfo, files: ResultFiles, index: CorrelationIndex): Map<string, IngestOutcome> {
  const outcomes = new Map<string, IngestOutcome>();
  // A record is settled by the first row that names it; Salesforce reports each row in one file only.
  const settle = (row: ResultRow, outcome: (row: ResultRow) => IngestOutcome): void => {
    const key = index.keyOf(row[index.column]);
    if (key !== undefined && !outcomes.has(key)) outcomes.set(key, outcome(row));
  };
  for (const row of files.successful) {
    settle(row, (r) => ({ ok: true, targetId: idOrNull(r.sf__Id), created: r.sf__Created === 'true' }));
  }
  for (const row of files.failed) {
    settle(row, (r) => ({ ok: false, targetId: idOrNull(r.sf__Id), created: false, error: parseSfError(r.sf__Error ?? '') }));
  }
  const unprocessed = `${jobEnding(job)} before processing this record; it was not written.`;
  for (const row of files.unprocessed) settle(row, (r) => failure(BULK_UNPROCESSED, unprocessed, idOrNull(r.Id)));
  const missing = `${jobEnding(job)} without a result for this record: check the target before sending it again.`;
  for (const key of index.keys()) {
    if (!outcomes.has(key)) outcomes.set(key, failure(IN_DOUBT, missing, index.column === 'Id' ? idOrNull(index.textOf(key)) : null));
  }
  return outcomes;
}
