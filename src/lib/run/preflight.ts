import type { OrgApi } from '../api/orgApi.js';
import { queryAll } from '../api/queryPages.js';
import { soqlString } from '../api/soqlLiterals.js';
import type { DescribeField } from '../schema/describeTypes.js';
import type { ObjectSyncSpec } from '../transform/recordTransformer.js';
import { translate } from '../transform/rowTransform.js';
import type { ValueTranslation } from '../template/transformRules.js';
import { picklistParts } from '../template/transformChecks.js';
import type { AutomationItem } from '../automation/automationTypes.js';
import { ruleDifferences } from '../automation/ruleDifferences.js';

/** Both orgs' validation rules on the template's objects (undefined: an org would not list them). */
export type RulesAhead = { source: Promise<AutomationItem[] | undefined>; target: Promise<AutomationItem[] | undefined> };

export type PreflightProblem = {
  object: string;
  field?: string;
  /** Blocking problems stop the run before anything is written. */
  blocking: boolean;
  what: string;
  fix: string;
};

/** Describe types whose values can be written into each other without loss of meaning. */
const TYPE_FAMILIES: Record<string, string> = {
  string: 'text',
  textarea: 'text',
  email: 'text',
  phone: 'text',
  url: 'text',
  picklist: 'text',
  combobox: 'text',
  multipicklist: 'text',
  encryptedstring: 'text',
  int: 'number',
  long: 'number',
  double: 'number',
  currency: 'number',
  percent: 'number',
  date: 'date',
  datetime: 'datetime',
  time: 'time',
  boolean: 'boolean',
  reference: 'reference',
  id: 'reference',
  base64: 'base64',
};

/**
 * The metadata mismatch check made before a run writes anything: fields written with incompatible types,
 * text that may not fit, picklist values the target refuses, and record types the target lacks. It reads
 * describes (already fetched) and the orgs' RecordType rows, never record data.
 */
export async function preflight(
  specs: readonly ObjectSyncSpec[],
  source: OrgApi,
  target: OrgApi,
  recordTypesAhead?: RecordTypesAhead,
  rulesAhead?: RulesAhead
): Promise<PreflightProblem[]> {
  const problems: PreflightProblem[] = [];
  for (const spec of specs) {
    const rules = new Map((spec.object.transform?.rules ?? []).map((rule) => [rule.target, rule]));
    for (const targetField of spec.fields) {
      const rule = rules.get(targetField.name);
      // Constants, expressions and masks were checked against the target field with the template.
      if (rule && (!('field' in rule.from) || rule.mask)) continue;
      const sourceName = rule && 'field' in rule.from ? rule.from.field : targetField.name;
      const sourceField = spec.source.fields.find((field) => field.name === sourceName);
      if (sourceField) problems.push(...compareFields(spec.object.name, sourceField, targetField, rule?.valueMap));
    }
  }
  problems.push(...(await missingRecordTypes(specs, source, target, recordTypesAhead)));
  problems.push(...permissionGaps(specs));
  if (rulesAhead) problems.push(...(await validationRuleProblems(rulesAhead)));
  return problems;
}

/**
 * What the running user may not do in the target that the template asks for: create or update records of an
 * object (every such write would fail). Fields the user cannot write are left out of the run by the field
 * rules already.
 */
function permissionGaps(specs: readonly ObjectSyncSpec[]): PreflightProblem[] {
  const gaps: PreflightProblem[] = [];
  for (const spec of specs) {
    const { name, insert, update } = spec.object;
    const describe = spec.target;
    if (insert && describe.createable === false) {
      gaps.push({ object: name, blocking: true, what: `The target user cannot create ${name} records.`, fix: `Grant Create on ${name} to the target user, or set "insert": false for ${name}.` });
    }
    if (update && describe.updateable === false) {
      gaps.push({ object: name, blocking: true, what: `The target user cannot edit ${name} records.`, fix: `Grant Edit on ${name} to the target user, or set "update": false for ${name}.` });
    }
  }
  return gaps;
}

async function validationRuleProblems(rulesAhead: RulesAhead): Promise<PreflightProblem[]> {
  const [sourceRules, targetRules] = await Promise.all([rulesAhead.source, rulesAhead.target]);
  if (!sourceRules || !targetRules) return [];
  return ruleDifferences(sourceRules, targetRules).map((difference) => ({ object: difference.object, blocking: false, what: difference.what, fix: difference.fix }));
}

function compareFields(object: string, source: DescribeField, target: DescribeField, valueMap?: ValueTranslation): PreflightProblem[] {
  // A field mapped onto another (`fieldMap`) is named by both.
  const field = source.name === target.name ? source.name : `${source.name} (written to ${target.name})`;
  const sourceFamily = TYPE_FAMILIES[source.type] ?? source.type;
  const targetFamily = TYPE_FAMILIES[target.type] ?? target.type;
  if (sourceFamily !== targetFamily && !(sourceFamily === 'date' && targetFamily === 'datetime')) {
    return [
      {
        object,
        field,
        blocking: true,
        what: `${object}.${field} is ${source.type} in the source and ${target.type} in the target.`,
        fix: `Align the field types, or add "${field}" to "excludeFields" of ${object}.`,
      },
    ];
  }
  const problems: PreflightProblem[] = [];
  if (sourceFamily === 'text' && source.length > target.length && target.length > 0) {
    problems.push({
      object,
      field,
      blocking: false,
      what: `${object}.${field} holds up to ${source.length} characters in the source but ${target.length} in the target; longer values fail with STRING_TOO_LONG.`,
      fix: `Lengthen the field in the target, or shorten those values in the source.`,
    });
  }
  if ((target.type === 'picklist' || target.type === 'multipicklist') && target.restrictedPicklist) {
    const allowed = new Set(target.picklistValues.filter((value) => value.active).map((value) => value.value));
    // The values the target receives: after the template's `valueMap`.
    const written = source.picklistValues.filter((value) => value.active).map((value) => (valueMap ? translate(valueMap, target, value.value) : value.value));
    const missing = [...new Set(written.flatMap((value) => (typeof value === 'string' ? picklistParts(target, value) : [])))].filter((value) => !allowed.has(value));
    if (missing.length > 0) {
      problems.push({
        object,
        field,
        blocking: false,
        what: `${object}.${field} is a restricted picklist in the target without the value(s) ${missing.map((v) => `"${v}"`).join(', ')}; records that use them fail.`,
        fix: `Add the values to the target's picklist, or change those records in the source.`,
      });
    }
  }
  return problems;
}

export type RecordTypeRow = { DeveloperName: string; SobjectType: string };

/** The record types of some objects in both orgs, asked before the objects' describes were in (see readsAhead). */
export type RecordTypesAhead = { objects: readonly string[]; source: Promise<RecordTypeRow[]>; target: Promise<RecordTypeRow[]> };

/**
 * Both orgs' record types of these objects, in one query each (none for no object). `targetObjects`: the same
 * objects as the target names them (a template object may load into one of another name); the target's rows
 * come back under the template's names, so that both orgs' rows compare.
 */
export function recordTypesOf(objects: readonly string[], source: OrgApi, target: OrgApi, targetObjects: readonly string[] = objects): RecordTypesAhead {
  if (objects.length === 0) return { objects, source: Promise.resolve([]), target: Promise.resolve([]) };
  const soql = (names: readonly string[]): string => `SELECT DeveloperName, SobjectType FROM RecordType WHERE SobjectType IN (${names.map(soqlString).join(',')})`;
  const templateNameOf = new Map(targetObjects.map((name, index) => [name.toLowerCase(), objects[index]]));
  // An org's record types of a template's objects: a lookup table, small.
  const targetRows = (queryAll(target, soql(targetObjects), { small: true }) as Promise<RecordTypeRow[]>).then((rows) =>
    rows.map((row) => ({ ...row, SobjectType: templateNameOf.get(row.SobjectType.toLowerCase()) ?? row.SobjectType }))
  );
  return { objects, source: queryAll(source, soql(objects), { small: true }) as Promise<RecordTypeRow[]>, target: targetRows };
}

async function missingRecordTypes(
  specs: readonly ObjectSyncSpec[],
  source: OrgApi,
  target: OrgApi,
  ahead: RecordTypesAhead | undefined
): Promise<PreflightProblem[]> {
  const objects = specs.filter((spec) => spec.fields.some((field) => field.name === 'RecordTypeId')).map((spec) => spec.object.name);
  if (objects.length === 0) return [];
  // Object names compare as Salesforce compares them: the rows asked ahead may name an object in other case.
  const wanted = new Set(objects.map((name) => name.toLowerCase()));
  const askedAhead = new Set(ahead?.objects.map((name) => name.toLowerCase()));
  const targetObjects = specs.filter((spec) => spec.fields.some((field) => field.name === 'RecordTypeId')).map((spec) => spec.target.name);
  const reads = ahead && objects.every((name) => askedAhead.has(name.toLowerCase())) ? ahead : recordTypesOf(objects, source, target, targetObjects);
  const ofWanted = (rows: RecordTypeRow[]): RecordTypeRow[] => rows.filter((row) => wanted.has(row.SobjectType.toLowerCase()));
  const [sourceTypes, targetTypes] = (await Promise.all([reads.source, reads.target])).map(ofWanted);
  const inTarget = new Set(targetTypes.map((row) => `${row.SobjectType}.${row.DeveloperName}`.toLowerCase()));
  return sourceTypes
    .filter((row) => !inTarget.has(`${row.SobjectType}.${row.DeveloperName}`.toLowerCase()))
    .map((row) => ({
      object: row.SobjectType,
      field: 'RecordTypeId',
      blocking: true,
      what: `Record type ${row.DeveloperName} of ${row.SobjectType} exists in the source but not in the target.`,
      fix: `Create record type ${row.DeveloperName} in the target (deploy it), or add "RecordTypeId" to "excludeFields" of ${row.SobjectType}.`,
    }));
}
