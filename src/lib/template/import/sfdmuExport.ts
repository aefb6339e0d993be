/**
 * SFDMU's export.json as `sf isync template import` reads it: loose shapes (every property optional, values
 * unchecked until used), and what the import reports. The format is SFDMU's `Script` (root), `ScriptObjectSet`,
 * `ScriptObject`, `ScriptMockField` and `ScriptMappingItem` (forcedotcom/SFDX-Data-Move-Utility,
 * src/modules/models/script/ in 5.x, src/modules/models/script_models/ in 4.x; help.sfdmu.com "Full export.json
 * file format").
 */
import type { TemplateFile } from '../templateFile.js';

/** One object of export.json: `{ "query": "SELECT ... FROM Account", "operation": "Upsert", "externalId": "Name" }`. */
export type SfdmuObject = Record<string, unknown>;

/** The root of export.json: `objects`, `objectSets`, and the script-level settings. */
export type SfdmuExport = Record<string, unknown> & {
  objects?: unknown;
  objectSets?: unknown;
};

/**
 * A setting of export.json that the template does not carry as it is: `path` in export.json's own notation
 * (`objects[2].deleteOldData`, `objectSets[1]`), the setting's name, its value (access tokens hidden) and why.
 */
export type ImportNote = {
  path: string;
  setting: string;
  value: unknown;
  why: string;
};

export type SfdmuImport = {
  /** The template, `$schema` not yet set (it depends on where the file is written). */
  template: TemplateFile;
  /** Settings with no equivalent: left out of the template. */
  notImported: ImportNote[];
  /** Settings imported with a difference in behaviour worth reading. */
  notes: ImportNote[];
  /** The object set imported (1-based, as the user counts them) and how many the file has. */
  objectSet: number;
  objectSets: number;
};

/** SFDMU's operations (`OPERATION` in its Enumerations.ts), matched case-insensitively. */
export const SFDMU_OPERATIONS = ['Insert', 'Update', 'Upsert', 'Readonly', 'Delete', 'DeleteSource', 'DeleteHierarchy', 'HardDelete'] as const;
export type SfdmuOperation = (typeof SFDMU_OPERATIONS)[number];

export function sfdmuOperation(value: unknown): SfdmuOperation | undefined {
  return typeof value === 'string' ? SFDMU_OPERATIONS.find((operation) => operation.toLowerCase() === value.trim().toLowerCase()) : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as the report shows it: org access tokens never leave export.json. */
export function shownValue(setting: string, value: unknown): unknown {
  if (setting !== 'orgs' || !Array.isArray(value)) return value;
  return (value as unknown[]).map((org): unknown =>
    isRecord(org) ? Object.fromEntries(Object.entries(org).map(([key, v]) => [key, /token|password|secret/i.test(key) ? '(hidden)' : v])) : org
  );
}
