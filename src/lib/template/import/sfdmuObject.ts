/**
 * One export.json object into one template object: its query, operation, externalId, excluded fields, field
 * mapping and mock fields. Everything it does not carry goes into the import's notes with its path.
 */
import type { TemplateObjectSpec } from '../templateFile.js';
import { importError } from './importMessages.js';
import { OBJECT_NOT_IMPORTED, UNKNOWN_SETTING } from './sfdmuSettings.js';
import { isRecord, sfdmuOperation, SFDMU_OPERATIONS, type ImportNote, type SfdmuObject } from './sfdmuExport.js';
import { importMockPattern } from './sfdmuMocks.js';
import { lookupOfPath, parseSfdmuQuery, type ImportedQuery } from './sfdmuQuery.js';

export type ObjectContext = {
  exportPath: string;
  notImported: ImportNote[];
  notes: ImportNote[];
};

/** Objects that sf isync resolves in the target by itself when the template leaves them out. */
const RESOLVED_IN_TARGET = new Set(['user', 'group', 'recordtype']);
const HANDLED = new Set(['query', 'name', 'operation', 'externalId', 'excludedFields', 'excluded', 'master', 'allRecords', 'skipExistingRecords']);
const HANDLED_TRANSFORM = new Set(['updateWithMockData', 'mockFields', 'useFieldMapping', 'fieldMapping']);

/** The template object, or undefined when the object is left out (the reason is in the notes). */
export function importObject(raw: SfdmuObject, path: string, ctx: ObjectContext): TemplateObjectSpec | undefined {
  const note = (list: ImportNote[], setting: string, value: unknown, why: string, at = `${path}.${setting}`): void => void list.push({ path: at, setting, value, why });
  const query = readQuery(raw, path, ctx.exportPath);
  if (raw.excluded === true) return void note(ctx.notes, 'excluded', true, `${query.object} is excluded in export.json: left out of the template`);
  const operation = sfdmuOperation(raw.operation ?? 'Readonly');
  if (!operation) throw importError('UnknownOperation', [`${path}.operation`, String(raw.operation), ctx.exportPath], [SFDMU_OPERATIONS.join(', ')]);
  if (/^(Delete|DeleteSource|DeleteHierarchy|HardDelete)$/.test(operation)) {
    return void note(ctx.notImported, 'operation', operation, `${query.object} is left out: sf isync never deletes records before it loads, nor source records`);
  }
  const matchBy = importMatchBy(raw.externalId, query.object, note, ctx);
  if (operation === 'Readonly') return readonlyObject(query.object, matchBy, note, ctx, raw.operation === undefined);

  const spec: TemplateObjectSpec = { name: query.object };
  if (query.multiselect.length > 0) {
    note(ctx.notes, 'query', query.multiselect.join(', '), `SFDMU's field keywords are left to sf isync's default: every writable field present in both orgs${query.fields.length > 0 ? ` (the fields listed beside them, ${query.fields.join(', ')}, are among them)` : ''}; narrow it with "fields" or "excludeFields"`);
  } else if (query.fields.length > 0) spec.fields = query.fields;
  queryNotes(query, path, note, ctx);
  if (query.where) spec.where = query.where;
  if (query.orderBy) spec.orderBy = query.orderBy;
  if (query.limit !== undefined && query.limit > 0) spec.limit = query.limit;
  if (Array.isArray(raw.excludedFields) && raw.excludedFields.length > 0) {
    const names = raw.excludedFields.filter((field): field is string => typeof field === 'string' && !field.includes('.'));
    if (names.length > 0) spec.excludeFields = [...new Set(names)];
    if (names.length < raw.excludedFields.length) note(ctx.notImported, 'excludedFields', raw.excludedFields.filter((f) => !names.includes(f as string)), 'relationship paths are not fields of the object');
  }
  if (matchBy !== undefined) spec.matchBy = matchBy;
  if (operation === 'Insert') {
    spec.update = false;
    note(ctx.notes, 'operation', 'Insert', 'imported as "update": false: sf isync inserts the source records it does not find in the target (by matchBy) and updates none, so running it again inserts nothing twice. SFDMU\'s Insert inserts every selected record on every run: for that, write "matchBy": false (insert-only)');
  }
  if (operation === 'Update') spec.insert = false;
  if (raw.skipExistingRecords === true && operation !== 'Insert') {
    spec.update = false;
    note(ctx.notes, 'skipExistingRecords', true, 'imported as "update": false: records found in the target are left as they are');
  }
  if (raw.master === false || raw.allRecords === false) {
    const setting = raw.master === false ? 'master' : 'allRecords';
    note(ctx.notImported, setting, false, 'SFDMU reads only the records that the other objects\' records look up; sf isync reads every record that "where" selects: narrow "where" (for example Id IN (SELECT AccountId FROM Contact WHERE ...))');
  }
  importFieldMapping(raw, spec, note, ctx);
  importMocks(raw, spec, note, ctx);
  otherSettings(raw, note, ctx);
  return spec;
}

type Note = (list: ImportNote[], setting: string, value: unknown, why: string, at?: string) => void;

function readQuery(raw: SfdmuObject, path: string, exportPath: string): ImportedQuery {
  if (typeof raw.query !== 'string' || raw.query.trim() === '') throw importError('QueryMissing', [`${path}.query`, exportPath]);
  try {
    return parseSfdmuQuery(raw.query);
  } catch (error) {
    throw importError('QueryInvalid', [`${path}.query`, exportPath, raw.query, (error as Error).message]);
  }
}

function queryNotes(query: ImportedQuery, path: string, note: Note, ctx: ObjectContext): void {
  if (query.relationshipFields.length > 0) {
    const lookups = [...new Set(query.relationshipFields.map((field) => lookupOfPath(field)!))];
    const missing = lookups.filter((lookup) => !query.fields.some((field) => field.toLowerCase() === lookup.toLowerCase()));
    const extra = missing.length > 0 && query.multiselect.length === 0 ? `; the query does not select ${missing.join(', ')}, so the template does not write ${missing.length === 1 ? 'it' : 'them'}: add ${missing.length === 1 ? 'it' : 'them'} to "fields" to have the lookup synced` : '';
    note(ctx.notes, 'query', query.relationshipFields.join(', '), `parent fields are left out: sf isync resolves lookups itself (to the parent's target record, found by the parent object's key)${extra}`);
  }
  if (query.polymorphic.length > 0) {
    note(ctx.notes, 'query', query.polymorphic.join(', '), 'imported as the lookup alone: sf isync resolves a polymorphic lookup to whichever object it points to, not to one object only');
  }
  if (query.systemFields.length > 0) note(ctx.notes, 'query', query.systemFields.join(', '), 'audit and system fields are left out: no sync writes them');
  for (const { clause, text } of query.unsupported) note(ctx.notImported, 'query', text, `${clause} has no equivalent in a sync template`, `${path}.query`);
}

function readonlyObject(name: string, matchBy: string | string[] | undefined, note: Note, ctx: ObjectContext, defaulted: boolean): TemplateObjectSpec | undefined {
  const how = defaulted ? 'has no operation (SFDMU reads it only, Readonly)' : 'is Readonly';
  if (matchBy !== undefined && !RESOLVED_IN_TARGET.has(name.toLowerCase())) {
    note(ctx.notes, 'operation', 'Readonly', `${name} ${how}: imported with "insert": false and "update": false, so it is only matched in the target by its key and lookups to it resolve there`);
    return { name, matchBy, insert: false, update: false };
  }
  note(ctx.notes, 'operation', defaulted ? null : 'Readonly', `${name} ${how}: left out, since sf isync resolves lookups to objects outside the template in the target (RecordType by DeveloperName, User by Username then Email, Group by DeveloperName, other objects by their default key)`);
  return undefined;
}

/** `externalId` as matchBy: `A;B` and `$$A$B` are composite keys, `Account.Name` is the lookup AccountId. */
function importMatchBy(value: unknown, object: string, note: Note, ctx: ObjectContext): string | string[] | undefined {
  const natural = `sf isync takes ${object}'s first external id field, else its name field when people give it, else history (the id map of earlier runs)`;
  if (value === undefined || value === null || value === '') {
    note(ctx.notes, 'externalId', value ?? null, `no externalId: SFDMU matched by Name; ${natural}`);
    return undefined;
  }
  if (typeof value !== 'string') return void note(ctx.notImported, 'externalId', value, `not a field name; ${natural}`);
  const text = value.trim();
  const parts = (text.startsWith('$$') ? text.slice(2).split('$') : text.split(';')).map((part) => part.trim()).filter(Boolean);
  if (parts.length === 1 && parts[0].toLowerCase() === 'id') {
    note(ctx.notes, 'externalId', value, `Id: ${natural}; write "matchBy": "Id" only for orgs that share record ids (a sandbox and its production)`);
    return undefined;
  }
  const key: string[] = [];
  for (const part of parts) {
    const lookup = lookupOfPath(part);
    if (lookup) note(ctx.notes, 'externalId', part, `imported as the lookup ${lookup}: sf isync compares a lookup in a key by the parent's target record`);
    const field = lookup ?? part;
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(field)) return void note(ctx.notImported, 'externalId', value, `"${part}" is not a field name; ${natural}`);
    if (!key.includes(field)) key.push(field);
  }
  return key.length === 1 ? key[0] : key;
}

function importFieldMapping(raw: SfdmuObject, spec: TemplateObjectSpec, note: Note, ctx: ObjectContext): void {
  if (!Array.isArray(raw.fieldMapping) || raw.fieldMapping.length === 0) return;
  if (raw.useFieldMapping !== true) return void note(ctx.notes, 'fieldMapping', raw.fieldMapping, 'left out: "useFieldMapping" is not true, so SFDMU does not apply it either');
  const fieldMap: Record<string, string> = {};
  raw.fieldMapping.forEach((item, index) => {
    const itemPath = `fieldMapping[${index}]`;
    if (!isRecord(item)) return note(ctx.notImported, itemPath, item, 'not a mapping item');
    const { targetObject, sourceField, targetField } = item;
    if (typeof targetObject === 'string' && targetObject && !sourceField) return void (spec.target = targetObject);
    if (typeof sourceField !== 'string' || typeof targetField !== 'string' || /[.$]/.test(sourceField + targetField)) {
      return note(ctx.notImported, itemPath, item, 'only a field-to-field mapping of the object itself has an equivalent ("fieldMap")');
    }
    fieldMap[sourceField] = targetField;
  });
  if (Object.keys(fieldMap).length === 0) return;
  spec.fieldMap = fieldMap;
  if (spec.fields) {
    const mapped = new Set(Object.keys(fieldMap).map((field) => field.toLowerCase()));
    const fields = spec.fields.filter((field) => !mapped.has(field.toLowerCase()));
    if (fields.length > 0) spec.fields = fields;
    else delete spec.fields;
  }
}

function importMocks(raw: SfdmuObject, spec: TemplateObjectSpec, note: Note, ctx: ObjectContext): void {
  if (!Array.isArray(raw.mockFields) || raw.mockFields.length === 0) return;
  if (raw.updateWithMockData !== true) return void note(ctx.notes, 'mockFields', raw.mockFields, 'left out: "updateWithMockData" is not true, so SFDMU does not apply them either');
  raw.mockFields.forEach((item, index) => {
    const setting = `mockFields[${index}]`;
    if (!isRecord(item) || typeof item.name !== 'string' || typeof item.pattern !== 'string') return note(ctx.notImported, setting, item, 'not a mock field with a name and a pattern');
    const name = item.name;
    if (name.toLowerCase() === 'all') return note(ctx.notImported, setting, item, 'a mock of every field has no equivalent: name each field in "mask"');
    const target = (spec.fieldMap?.[name] as string | undefined) ?? name;
    const written = !spec.fields || spec.fields.some((field) => field.toLowerCase() === name.toLowerCase()) || spec.fieldMap?.[name];
    if (!written) return note(ctx.notImported, setting, item, `${name} is not in the query, so SFDMU does not mock it either`);
    const imported = importMockPattern(item.pattern);
    if (imported.kind === 'none') return note(ctx.notImported, setting, item, imported.why);
    if (imported.kind === 'set') spec.set = { ...spec.set, [target]: imported.value };
    else spec.mask = { ...spec.mask, [target]: imported.mask };
    const differences = [
      imported.kind === 'mask' ? imported.difference : undefined,
      item.excludedRegex || item.includedRegex ? 'sf isync masks every value, whatever excludedRegex and includedRegex select' : undefined,
      typeof item.locale === 'string' && item.locale ? `sf isync's fakes are English (locale ${item.locale} is not kept)` : undefined,
    ].filter(Boolean);
    if (differences.length > 0) note(ctx.notes, setting, item, `imported as ${imported.kind === 'set' ? `"set": ${JSON.stringify(imported.value)}` : `"mask": "${imported.mask}"`}; ${differences.join('; ')}`);
  });
  if (spec.mask) note(ctx.notes, 'updateWithMockData', true, 'sf isync masks deterministically (the same source value gives the same fake in every run, keyed by isync-mask-secret), where SFDMU draws random values');
}

function otherSettings(raw: SfdmuObject, note: Note, ctx: ObjectContext): void {
  for (const [setting, value] of Object.entries(raw)) {
    if (HANDLED.has(setting) || HANDLED_TRANSFORM.has(setting)) continue;
    note(ctx.notImported, setting, value, OBJECT_NOT_IMPORTED[setting] ?? UNKNOWN_SETTING);
  }
}
