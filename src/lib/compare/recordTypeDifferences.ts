import type { OrgApi } from '../api/orgApi.js';
import { queryAll } from '../api/queryPages.js';
import { soqlString } from '../api/soqlLiterals.js';
import type { SchemaDifference } from './schemaDifference.js';

export type RecordTypeRow = { DeveloperName: string; SobjectType: string; Name?: string };

/** The record types of some objects in both orgs, asked before the objects' describes were in (see readsAhead). */
export type RecordTypesAhead = { objects: readonly string[]; source: Promise<RecordTypeRow[]>; target: Promise<RecordTypeRow[]> };

/**
 * Objects whose record types need a business process (the sales, support, lead and solution processes), which
 * a deploy must name: one the target may not have, so their record types are not created automatically.
 */
const NEEDS_BUSINESS_PROCESS: ReadonlySet<string> = new Set(['opportunity', 'case', 'lead', 'solution']);

/**
 * Both orgs' record types of these objects, in one query each (none for no object). `targetObjects`: the same
 * objects as the target names them (a template object may load into one of another name); the target's rows
 * come back under the template's names, so that both orgs' rows compare.
 */
export function recordTypesOf(objects: readonly string[], source: OrgApi, target: OrgApi, targetObjects: readonly string[] = objects): RecordTypesAhead {
  if (objects.length === 0) return { objects, source: Promise.resolve([]), target: Promise.resolve([]) };
  const soql = (names: readonly string[]): string =>
    `SELECT DeveloperName, Name, SobjectType FROM RecordType WHERE SobjectType IN (${names.map(soqlString).join(',')})`;
  const templateNameOf = new Map(targetObjects.map((name, index) => [name.toLowerCase(), objects[index]]));
  // An org's record types of a template's objects: a lookup table, small.
  const targetRows = (queryAll(target, soql(targetObjects), { small: true }) as Promise<RecordTypeRow[]>).then((rows) =>
    rows.map((row) => ({ ...row, SobjectType: templateNameOf.get(row.SobjectType.toLowerCase()) ?? row.SobjectType }))
  );
  return { objects, source: queryAll(source, soql(objects), { small: true }) as Promise<RecordTypeRow[]>, target: targetRows };
}

/** An object whose record types are compared: as the template names it, and as the target does. */
export type RecordTypeObject = { object: string; targetObject: string };

/**
 * The source's record types that the target lacks, for objects whose `RecordTypeId` is synced: each one's
 * records would fail (no record type of that name to point to).
 */
export async function missingRecordTypes(objects: readonly RecordTypeObject[], source: OrgApi, target: OrgApi, ahead?: RecordTypesAhead): Promise<SchemaDifference[]> {
  if (objects.length === 0) return [];
  // Object names compare as Salesforce compares them: the rows asked ahead may name an object in other case.
  const wanted = new Set(objects.map(({ object }) => object.toLowerCase()));
  const targetNameOf = new Map(objects.map(({ object, targetObject }) => [object.toLowerCase(), targetObject]));
  const askedAhead = new Set(ahead?.objects.map((name) => name.toLowerCase()));
  const reads =
    ahead && objects.every(({ object }) => askedAhead.has(object.toLowerCase()))
      ? ahead
      : recordTypesOf(
          objects.map(({ object }) => object),
          source,
          target,
          objects.map(({ targetObject }) => targetObject)
        );
  const ofWanted = (rows: RecordTypeRow[]): RecordTypeRow[] => rows.filter((row) => wanted.has(row.SobjectType.toLowerCase()));
  const [sourceTypes, targetTypes] = (await Promise.all([reads.source, reads.target])).map(ofWanted);
  const inTarget = new Set(targetTypes.map((row) => `${row.SobjectType}.${row.DeveloperName}`.toLowerCase()));
  return sourceTypes
    .filter((row) => !inTarget.has(`${row.SobjectType}.${row.DeveloperName}`.toLowerCase()))
    .map((row) => {
      const targetObject = targetNameOf.get(row.SobjectType.toLowerCase()) ?? row.SobjectType;
      const deployable = !NEEDS_BUSINESS_PROCESS.has(targetObject.toLowerCase());
      return {
        object: row.SobjectType,
        field: 'RecordTypeId',
        kind: 'recordTypeMissing' as const,
        severity: 'blocking' as const,
        what: `Record type ${row.DeveloperName} of ${row.SobjectType} exists in the source but not in the target.`,
        fix: `Create record type ${row.DeveloperName} in the target, or add "RecordTypeId" to "excludeFields" of ${row.SobjectType}.`,
        ...(deployable ? { autoFix: { type: 'RecordType' as const, object: row.SobjectType, targetObject, developerName: row.DeveloperName, label: row.Name ?? row.DeveloperName } } : {}),
      };
    });
}
