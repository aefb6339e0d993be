/**
 * Record values as Bulk API 2.0 CSV cells. Bulk CSV has no types and no null: an empty cell means "not set"
 * (nothing on insert, the field left alone on update) and `#N/A` means "set to null". A text value that is
 * literally `#N/A` therefore also clears the field: the format has no way to escape it.
 */
export const NULL_MARKER = '#N/A';

/** Numbers as Salesforce reads them: never in exponent notation (`1e-7`), which number fields reject. */
function numberText(value: number, field: string): string {
  if (!Number.isFinite(value)) throw new TypeError(`${field}: ${value} cannot be written to Salesforce`);
  const text = String(value);
  return /e/i.test(text) ? value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }) : text;
}

/**
 * `clearNulls`: update and upsert send null as `#N/A` so the field is cleared, as sObject Collections clear it;
 * insert leaves it out, which is what a new record holds anyway (and lets field defaults apply).
 * Strings go as they are: dates and datetimes read from Salesforce (`2024-05-01`, `2024-05-01T10:00:00.000+0000`)
 * are already in the formats Bulk API 2.0 accepts; `Date` objects become `yyyy-MM-ddTHH:mm:ss.SSSZ`.
 */
export function cellText(value: unknown, field: string, clearNulls: boolean): string {
  if (value === undefined) return '';
  if (value === null) return clearNulls ? NULL_MARKER : '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return numberText(value, field);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError(`${field}: an invalid Date cannot be written to Salesforce`);
    return value.toISOString();
  }
  throw new TypeError(`${field}: a ${Array.isArray(value) ? 'list' : typeof value} value cannot be written as a Bulk API CSV cell`);
}
