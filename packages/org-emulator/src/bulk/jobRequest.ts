/**
 * Reading job-creation bodies: JSON parsing and the enum properties, which Salesforce checks while
 * deserializing, before it looks at the object or the query.
 */
import type { EmulatorResponse } from '../http/types.js';
import { invalidProperty, malformedJson } from './bulkErrors.js';
import { COLUMN_DELIMITERS, LINE_ENDINGS, type ColumnDelimiter, type LineEnding } from './types.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; response: EmulatorResponse };

export type JsonObject = Record<string, unknown>;

export function parseJsonObject(body: string): Checked<JsonObject> {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    return { ok: false, response: malformedJson((error as Error).message) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, response: malformedJson('Expected a JSON object') };
  }
  return { ok: true, value: value as JsonObject };
}

/** `fallback` = the value when the property is absent; undefined = the property is required. */
export function readEnum<T extends string>(body: JsonObject, property: string, allowed: readonly T[], fallback?: T): Checked<T> {
  const raw = body[property];
  if ((raw === undefined || raw === null) && fallback !== undefined) return { ok: true, value: fallback };
  if (typeof raw === 'string' && (allowed as readonly string[]).includes(raw)) return { ok: true, value: raw as T };
  return { ok: false, response: invalidProperty(property, raw ?? '') };
}

export type CsvOptions = { columnDelimiter: ColumnDelimiter; lineEnding: LineEnding };

/** contentType (only CSV), columnDelimiter (default COMMA) and lineEnding (default LF). */
export function readCsvOptions(body: JsonObject): Checked<CsvOptions> {
  const contentType = readEnum(body, 'contentType', ['CSV'] as const, 'CSV');
  if (!contentType.ok) return contentType;
  const columnDelimiter = readEnum(body, 'columnDelimiter', COLUMN_DELIMITERS, 'COMMA');
  if (!columnDelimiter.ok) return columnDelimiter;
  const lineEnding = readEnum(body, 'lineEnding', LINE_ENDINGS, 'LF');
  if (!lineEnding.ok) return lineEnding;
  return { ok: true, value: { columnDelimiter: columnDelimiter.value, lineEnding: lineEnding.value } };
}
