/**
 * The three result files of an ingest job, written as Salesforce writes them: the `sf__` header cells quoted,
 * the uploaded header cells as uploaded, every data cell quoted. Salesforce does not keep upload order in
 * results ("the order of records in the response is not guaranteed"), so rows come out in a deterministic
 * shuffled order: a client that pairs results with its rows by position breaks here as it would there.
 */
import { quoteCell, writeHeaderLine, writeRows } from './csvFormat.js';
import { uploadedRows } from './ingestProcessor.js';
import type { IngestJob, RowOutcome } from './types.js';

/** Odd positions from the last down, then even positions up: never the identity for two or more rows. */
export function unorderedIndices(count: number): number[] {
  const odds: number[] = [];
  const evens: number[] = [];
  for (let i = 0; i < count; i++) (i % 2 === 1 ? odds : evens).push(i);
  return [...odds.reverse(), ...evens];
}

function unordered<T>(items: T[]): T[] {
  return unorderedIndices(items.length).map((i) => items[i]);
}

function resultFile(job: IngestJob, sfColumns: string[], rows: string[][]): string {
  const { header } = uploadedRows(job);
  return writeHeaderLine([...sfColumns.map(quoteCell), ...header], job) + writeRows(unordered(rows), job);
}

export function successfulResultsCsv(job: IngestJob): string {
  const rows = job.outcomes.flatMap((outcome: RowOutcome) => (outcome.success ? [[outcome.id, String(outcome.created), ...outcome.row]] : []));
  return resultFile(job, ['sf__Id', 'sf__Created'], rows);
}

export function failedResultsCsv(job: IngestJob): string {
  const rows = job.outcomes.flatMap((outcome: RowOutcome) => (outcome.success ? [] : [[outcome.id, outcome.error, ...outcome.row]]));
  return resultFile(job, ['sf__Id', 'sf__Error'], rows);
}

/** Rows never processed: all of them for a job that failed before starting, the rest for an aborted one. */
export function unprocessedRecordsCsv(job: IngestJob): string {
  const { header, rows } = uploadedRows(job);
  if (header.length === 0) return '';
  const remaining = job.state === 'JobComplete' ? [] : rows.slice(job.outcomes.length);
  return writeHeaderLine(header, job) + writeRows(unordered(remaining), job);
}
