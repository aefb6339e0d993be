import type { DescribeField, DescribeSObject } from '../schema/describeTypes.js';
import { defaultWritableFields, findField, isWritable } from '../schema/fieldRules.js';
import { didYouMean } from './didYouMean.js';
import type { TemplateObjectSpec } from './templateFile.js';
import { didYouMeanSuffix, templateMessage, templateProblem, type TemplateProblem } from './templateProblems.js';

export type FieldsContext = {
  location: string;
  source: DescribeSObject;
  target?: DescribeSObject;
  problems: TemplateProblem[];
  warnings: string[];
  /** `fieldMap`'s source fields (describe spelling): written under their targets' names, never their own. */
  mappedSources?: ReadonlySet<string>;
  /** Target fields that `fieldMap`, `set` or `compute` write (lower case): checked, and added, by their rules. */
  ruleTargets?: ReadonlySet<string>;
};

export type ResolvedFields = { fields: string[]; requestedFields: string[] | null; excludeFields: string[] };

/**
 * The fields to write, in describe spelling. Listed fields must exist and be writable in both orgs (each
 * failure is a problem). Without a list, every default writable field of the source that is writable in the
 * target too; those missing in the target are skipped with one warning per object. `fieldMap`'s sources are
 * left out: their targets are the transformation's (resolveTransform.ts). `excludeFields` must name
 * source fields, so that a typo does not silently keep a field.
 */
export function resolveFields(spec: TemplateObjectSpec, ctx: FieldsContext): ResolvedFields {
  const requestedFields = spec.fields ? spec.fields.flatMap((name) => checkListedField(name, ctx)) : null;
  const excludeFields = (spec.excludeFields ?? []).flatMap((name) => {
    const field = findField(ctx.source, name);
    if (!field) unknownField(ctx, 'excludeFields', name, ctx.source, 'source');
    return field ? [field.name] : [];
  });
  const chosen = requestedFields ?? defaultFieldsInBothOrgs(ctx);
  const excluded = new Set(excludeFields);
  return { fields: chosen.filter((name) => !excluded.has(name)), requestedFields, excludeFields };
}

function checkListedField(name: string, ctx: FieldsContext): string[] {
  if (ctx.ruleTargets?.has(name.toLowerCase())) return [];
  const sourceField = findField(ctx.source, name);
  if (!sourceField) {
    unknownField(ctx, 'fields', name, ctx.source, 'source');
    return [];
  }
  if (ctx.mappedSources?.has(sourceField.name)) return [];
  if (!isWritable(sourceField)) {
    notWritable(ctx, sourceField);
    return [];
  }
  if (ctx.target) {
    const targetField = findField(ctx.target, name);
    if (!targetField) {
      const suggestion = didYouMean(name, ctx.target.fields.map((f) => f.name));
      ctx.problems.push(
        templateProblem(`${ctx.location} › fields`, 'fieldMissingInTarget', [ctx.source.name, sourceField.name, didYouMeanSuffix(suggestion)])
      );
      return [];
    }
    if (!isWritable(targetField)) {
      notWritable(ctx, targetField);
      return [];
    }
  }
  return [sourceField.name];
}

function defaultFieldsInBothOrgs(ctx: FieldsContext): string[] {
  const fields = defaultWritableFields(ctx.source).filter((name) => !ctx.mappedSources?.has(name));
  const { target } = ctx;
  if (!target) return fields;
  const missing = fields.filter((name) => {
    const targetField = findField(target, name);
    return !targetField || !isWritable(targetField);
  });
  if (missing.length > 0) {
    ctx.warnings.push(templateMessage('warning.objectFieldsMissingInTarget', [ctx.location, missing.length, missing.join(', ')]));
  }
  return fields.filter((name) => !missing.includes(name));
}

function unknownField(ctx: FieldsContext, property: string, name: string, describe: DescribeSObject, org: string): void {
  const suggestion = didYouMean(name, describe.fields.map((f) => f.name));
  ctx.problems.push(
    templateProblem(`${ctx.location} › ${property}`, 'unknownField', [name, describe.name, org, didYouMeanSuffix(suggestion)], [describe.name])
  );
}

function notWritable(ctx: FieldsContext, field: DescribeField): void {
  const kind = field.calculated ? 'fieldKind.formula' : field.autoNumber ? 'fieldKind.autoNumber' : 'fieldKind.readOnly';
  ctx.problems.push(templateProblem(`${ctx.location} › fields`, 'fieldNotWritable', [ctx.location, field.name, templateMessage(kind)]));
}
