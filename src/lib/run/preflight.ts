import type { OrgApi } from '../api/orgApi.js';
import type { ObjectSyncSpec } from '../transform/recordTransformer.js';
import type { AutomationItem } from '../automation/automationTypes.js';
import { ruleDifferences } from '../automation/ruleDifferences.js';
import { fieldDifferences } from '../compare/fieldDifferences.js';
import { missingRecordTypes, type RecordTypesAhead } from '../compare/recordTypeDifferences.js';
import { permissionGaps } from '../compare/permissionGaps.js';
import { requiredFieldGaps } from '../compare/requiredFields.js';
import type { SchemaDifference } from '../compare/schemaDifference.js';

export { recordTypesOf, type RecordTypeRow, type RecordTypesAhead } from '../compare/recordTypeDifferences.js';

/** Both orgs' validation rules on the template's objects (undefined: an org would not list them). */
export type RulesAhead = { source: Promise<AutomationItem[] | undefined>; target: Promise<AutomationItem[] | undefined> };

export type PreflightProblem = SchemaDifference & {
  /** Blocking problems stop the run before anything is written. */
  blocking: boolean;
};

/**
 * The metadata mismatch check made before a run writes anything: the schema differences of `sf isync compare`
 * (compare/) over the fields the run writes, less the informational ones. It reads describes (already fetched)
 * and the orgs' RecordType rows, never record data.
 */
export async function preflight(
  specs: readonly ObjectSyncSpec[],
  source: OrgApi,
  target: OrgApi,
  recordTypesAhead?: RecordTypesAhead,
  rulesAhead?: RulesAhead
): Promise<PreflightProblem[]> {
  const differences: SchemaDifference[] = [];
  for (const spec of specs) {
    const rules = new Map((spec.object.transform?.rules ?? []).map((rule) => [rule.target, rule]));
    for (const targetField of spec.fields) {
      const rule = rules.get(targetField.name);
      // Constants, expressions and masks were checked against the target field with the template.
      if (rule && (!('field' in rule.from) || rule.mask)) continue;
      const sourceName = rule && 'field' in rule.from ? rule.from.field : targetField.name;
      const sourceField = spec.source.fields.find((field) => field.name === sourceName);
      if (!sourceField) continue;
      differences.push(...fieldDifferences({ object: spec.object.name, targetObject: spec.target.name, source: sourceField, target: targetField, valueMap: rule?.valueMap }));
    }
    if (spec.object.insert) differences.push(...requiredFieldGaps(spec.object.name, spec.target, spec.fields.map((field) => field.name)));
  }
  const withRecordTypes = specs.filter((spec) => spec.fields.some((field) => field.name === 'RecordTypeId'));
  differences.push(...(await missingRecordTypes(withRecordTypes.map((spec) => ({ object: spec.object.name, targetObject: spec.target.name })), source, target, recordTypesAhead)));
  differences.push(...permissionGaps(specs));
  if (rulesAhead) differences.push(...(await validationRuleProblems(rulesAhead)));
  return differences.filter((difference) => difference.severity !== 'info').map((difference) => ({ ...difference, blocking: difference.severity === 'blocking' }));
}


async function validationRuleProblems(rulesAhead: RulesAhead): Promise<SchemaDifference[]> {
  const [sourceRules, targetRules] = await Promise.all([rulesAhead.source, rulesAhead.target]);
  if (!sourceRules || !targetRules) return [];
  return ruleDifferences(sourceRules, targetRules).map((difference) => ({
    object: difference.object,
    kind: 'validationRule' as const,
    severity: 'dataLoss' as const,
    what: difference.what,
    fix: difference.fix,
  }));
}
