import type { OrgApi } from '../api/orgApi.js';
import type { DescribeField, DescribeSObject } from '../schema/describeTypes.js';
import type { DescribeSource } from '../schema/describeSource.js';
import { findField, isWritable } from '../schema/fieldRules.js';
import { withTemplateNames } from '../schema/templateNames.js';
import { permissionGaps } from './permissionGaps.js';
import { fieldDifferences } from './fieldDifferences.js';
import { fieldMissing } from './missingFields.js';
import { missingRecordTypes } from './recordTypeDifferences.js';
import { requiredFieldGaps } from './requiredFields.js';
import type { CompareScope } from './compareScope.js';
import type { SchemaDifference } from './schemaDifference.js';

export type CompareInput = {
  scope: readonly CompareScope[];
  source: DescribeSource;
  target: DescribeSource;
  /** For the orgs' RecordType rows. */
  sourceApi: OrgApi;
  targetApi: OrgApi;
};

export type ComparedObject = { object: string; targetObject: string; inTarget: boolean; fieldsCompared: number };

export type CompareReport = { objects: ComparedObject[]; differences: SchemaDifference[] };

/**
 * The schema differences between two orgs that matter for syncing these objects (see schemaDifference.ts): the
 * pre-flight's comparisons (fieldDifferences, record types, required fields, permissions) over every field the
 * sync would write, plus what the pre-flight never sees because the template check refuses it first: objects
 * and fields the target does not have. The objects are known to exist in the source (compareScope.ts).
 */
export async function compareOrgs(input: CompareInput): Promise<CompareReport> {
  const targetNames = new Map((await input.target.describeGlobal()).sobjects.map((sobject) => [sobject.name.toLowerCase(), sobject.name]));
  const present = input.scope.filter((scope) => targetNames.has(scope.targetObject.toLowerCase()));
  await Promise.all([input.source.prefetch?.(input.scope.map((scope) => scope.object)), input.target.prefetch?.(present.map((scope) => scope.targetObject))]);
  const templateNameOf = new Map(input.scope.filter((scope) => scope.targetObject !== scope.object).map((scope) => [scope.targetObject, scope.object]));

  const objects: ComparedObject[] = [];
  const differences: SchemaDifference[] = [];
  const withRecordTypes: Array<{ object: string; targetObject: string }> = [];
  for (const scope of input.scope) {
    const targetObject = targetNames.get(scope.targetObject.toLowerCase());
    if (!targetObject) {
      objects.push({ object: scope.object, targetObject: scope.targetObject, inTarget: false, fieldsCompared: 0 });
      differences.push(objectMissing(scope));
      continue;
    }
    const source = await input.source.describe(scope.object);
    const target = withTemplateNames(await input.target.describe(targetObject), templateNameOf);
    const compared = compareObject(scope, source, target, targetNames);
    objects.push({ object: scope.object, targetObject, inTarget: true, fieldsCompared: compared.fieldsCompared });
    differences.push(...compared.differences);
    if (compared.writesRecordType) withRecordTypes.push({ object: scope.object, targetObject });
  }
  differences.push(...(await missingRecordTypes(withRecordTypes, input.sourceApi, input.targetApi)));
  return { objects, differences };
}

function objectMissing(scope: CompareScope): SchemaDifference {
  const named = scope.targetObject === scope.object ? scope.object : `${scope.object} (loaded into ${scope.targetObject})`;
  return {
    object: scope.object,
    kind: 'objectMissing',
    severity: 'blocking',
    what: `${named}: the target has no object ${scope.targetObject}; none of its records can be synced.`,
    fix: `Create ${scope.targetObject} in the target (deploy it), or leave ${scope.object} out of the sync.`,
  };
}

type ObjectComparison = { differences: SchemaDifference[]; fieldsCompared: number; writesRecordType: boolean };

function compareObject(scope: CompareScope, source: DescribeSObject, target: DescribeSObject, targetObjects: ReadonlyMap<string, string>): ObjectComparison {
  const differences: SchemaDifference[] = [];
  const written: string[] = [...scope.ruleTargets];
  let fieldsCompared = 0;
  let writesRecordType = false;
  for (const { field: sourceName, targets, listed } of scope.fields) {
    const sourceField = findField(source, sourceName);
    if (!sourceField) continue;
    for (const targetName of targets) {
      const targetField = findField(target, targetName);
      fieldsCompared++;
      if (!targetField) {
        differences.push(fieldMissing({ scope, sourceField, targetName, listed, targetObjects }));
        continue;
      }
      if (!isWritable(targetField)) {
        differences.push(notWritable(scope, sourceField, targetField));
        continue;
      }
      written.push(targetField.name);
      if (targetField.name === 'RecordTypeId') writesRecordType = true;
      differences.push(...fieldDifferences({ object: scope.object, targetObject: target.name, source: sourceField, target: targetField, valueMap: scope.valueMaps.get(targetField.name.toLowerCase()) }));
    }
  }
  if (scope.insert) differences.push(...requiredFieldGaps(scope.object, target, written));
  differences.push(...permissionGaps([{ object: { name: scope.object, insert: scope.insert, update: scope.update }, target }]));
  return { differences, fieldsCompared, writesRecordType };
}

function notWritable(scope: CompareScope, source: DescribeField, target: DescribeField): SchemaDifference {
  return {
    object: scope.object,
    field: source.name,
    kind: 'fieldNotWritable',
    severity: 'dataLoss',
    what: `${scope.object}.${source.name} cannot be written in the target (${target.calculated ? 'a formula' : 'read-only for the target user'}); its values are not synced.`,
    fix: `Grant the target user edit access to ${target.name}, or add "${source.name}" to "excludeFields" of ${scope.object}.`,
  };
}
