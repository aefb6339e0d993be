/**
 * Which uploaded column identifies each record in the result files, and the lookup from that column's text
 * back to the record. Salesforce returns result rows unordered, so a row is only ever paired with its record
 * through a value the caller guarantees unique in the job: the Id (update, delete), the external id (upsert)
 * or a correlation field (insert). Anything that would make that pairing a guess is refused before any call.
 */
import { cellText } from './cellText.js';
import type { IngestRequest } from './types.js';

export class CorrelationError extends Error {}

export function correlationColumn(request: Pick<IngestRequest, 'operation' | 'externalIdField' | 'correlationField'>): string {
  switch (request.operation) {
    case 'update':
    case 'delete':
      return 'Id';
    case 'upsert':
      if (!request.externalIdField) throw new CorrelationError('A Bulk API upsert needs an external id field.');
      return request.externalIdField;
    case 'insert':
      if (!request.correlationField) {
        throw new CorrelationError(
          'A Bulk API insert needs a correlation field (a field unique per record, e.g. the match key): result rows come back unordered and carry no id to pair them with their records.'
        );
      }
      return request.correlationField;
  }
}

/** Salesforce re-formats numbers it echoes (`912260031` comes back as `9.12260031E8`): compare those by value. */
function numericForm(text: string): string | undefined {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim())) return undefined;
  return String(Number(text));
}

export class CorrelationIndex {
  private readonly byText = new Map<string, string>();
  private readonly textByKey = new Map<string, string>();
  /** Numeric forms that only one record has; a form shared by several never matches. */
  private readonly byNumber = new Map<string, string | null>();

  public constructor(
    public readonly column: string,
    records: ReadonlyArray<{ key: string; values: Record<string, unknown> }>
  ) {
    for (const record of records) {
      if (this.textByKey.has(record.key)) throw new CorrelationError(`Record key '${record.key}' appears twice in one Bulk API request.`);
      const text = cellText(record.values[column], column, false);
      if (text === '') throw new CorrelationError(`Record '${record.key}' has no ${column}: its Bulk API result could not be found.`);
      if (this.byText.has(text)) {
        throw new CorrelationError(`${column} '${text}' is set on two records of one Bulk API request: their results could not be told apart.`);
      }
      this.byText.set(text, record.key);
      this.textByKey.set(record.key, text);
      const numeric = numericForm(text);
      if (numeric !== undefined) this.byNumber.set(numeric, this.byNumber.has(numeric) ? null : record.key);
    }
  }

  /** The record key of a result row's correlation cell, if it names exactly one record. */
  public keyOf(cell: string | undefined): string | undefined {
    if (cell === undefined) return undefined;
    const exact = this.byText.get(cell);
    if (exact !== undefined) return exact;
    const numeric = numericForm(cell);
    return numeric === undefined ? undefined : (this.byNumber.get(numeric) ?? undefined);
  }

  public keys(): IterableIterator<string> {
    return this.textByKey.keys();
  }

  /** The correlation cell uploaded for a record. */
  public textOf(key: string): string | undefined {
    return this.textByKey.get(key);
  }
}
