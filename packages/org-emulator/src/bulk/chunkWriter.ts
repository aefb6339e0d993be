/**
 * Writes one chunk of uploaded rows through the DML engine (allOrNone false, as Bulk API 2.0 saves each row on
 * its own) and turns the save results into row outcomes with Salesforce's `sf__Error` text.
 */
import type { DmlError, SaveResult, UpsertResult } from '../org/dmlTypes.js';
import { cellValue } from './cellValues.js';
import type { ColumnPlan, FieldColumn, LookupColumn } from './columnPlan.js';
import { resolveLookups } from './lookupResolver.js';
import type { BulkDeps, IngestJob, RowOutcome } from './types.js';

const PARTIAL = { allOrNone: false } as const;

/** `CODE:message:fields --`, e.g. `REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --`. */
export function formatSaveError(errors: DmlError[]): string {
  const [first] = errors;
  if (!first) return 'UNKNOWN_EXCEPTION:unknown error:--';
  const fields = first.fields.map((field) => `${field} `).join('');
  return `${first.statusCode}:${first.message}:${fields}--`;
}

function idCell(row: string[], plans: ColumnPlan[]): string {
  const idColumn = plans.find((plan): plan is FieldColumn => plan.kind === 'field' && plan.field.name === 'Id');
  return idColumn ? row[idColumn.index] : '';
}

function toOutcome(row: string[], result: SaveResult | UpsertResult, created: boolean, fallbackId: string): RowOutcome {
  if (result.success) return { row, success: true, id: result.id ?? '', created };
  return { row, success: false, id: result.id ?? fallbackId, error: formatSaveError(result.errors) };
}

function writeDeletes(job: IngestJob, plans: ColumnPlan[], rows: string[][], deps: BulkDeps): RowOutcome[] {
  const ids = rows.map((row) => idCell(row, plans));
  const results = deps.dml.delete(ids, { ...PARTIAL, hard: job.operation === 'hardDelete' });
  return rows.map((row, i) => toOutcome(row, results[i], false, ids[i]));
}

function buildRecord(row: string[], plans: ColumnPlan[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const plan of plans) {
    if (plan.kind !== 'field') continue;
    const value = cellValue(row[plan.index], plan.field);
    if (value !== undefined) record[plan.field.name] = value;
  }
  return record;
}

function saveRecords(job: IngestJob, records: Array<Record<string, unknown>>, deps: BulkDeps): Array<SaveResult & { created: boolean }> {
  switch (job.operation) {
    case 'insert':
      return deps.dml.insert(job.object, records, PARTIAL).map((result) => ({ ...result, created: true }));
    case 'update':
      return deps.dml.update(job.object, records, PARTIAL).map((result) => ({ ...result, created: false }));
    default:
      return deps.dml.upsert(job.object, job.externalIdFieldName ?? 'Id', records, PARTIAL);
  }
}

function writeRecords(job: IngestJob, plans: ColumnPlan[], rows: string[][], deps: BulkDeps): RowOutcome[] {
  const lookups = plans.filter((plan): plan is LookupColumn => plan.kind === 'lookup');
  const resolved = resolveLookups(rows, lookups, deps);
  // Rows whose lookups failed never reach the DML engine; the others are saved in one call, in order.
  const records = rows.flatMap((row, i) => {
    const lookup = resolved[i];
    return 'error' in lookup ? [] : [{ ...buildRecord(row, plans), ...lookup.values }];
  });
  const results = records.length > 0 ? saveRecords(job, records, deps) : [];
  let next = 0;
  return rows.map((row, i): RowOutcome => {
    const lookup = resolved[i];
    if ('error' in lookup) return { row, success: false, id: idCell(row, plans), error: lookup.error };
    const result = results[next++];
    return toOutcome(row, result, result.created, idCell(row, plans));
  });
}

export function writeChunk(job: IngestJob, plans: ColumnPlan[], rows: string[][], deps: BulkDeps): RowOutcome[] {
  return job.operation === 'delete' || job.operation === 'hardDelete' ? writeDeletes(job, plans, rows, deps) : writeRecords(job, plans, rows, deps);
}
