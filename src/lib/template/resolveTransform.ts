/**
 * A template object's transformations (`fieldMap`, `set`, `compute`, `valueMap`, `mask`) checked against the
 * describes and turned into one rule per target field (transformRules.ts). Every problem is collected and
 * located at its field, as the other template checks do, so that one run lists everything to fix.
 */
import type { DescribeField, DescribeSObject } from '../schema/describeTypes.js';
import { findField, isWritable } from '../schema/fieldRules.js';
import { compileExpression, expressionFields, expressionProblemText } from '../mapping/expressions/compileExpression.js';
import type { ExpressionField } from '../mapping/expressions/fieldLiterals.js';
import { maskSpecText, parseMask } from '../mapping/masking/maskKinds.js';
import { didYouMean } from './didYouMean.js';
import type { MatchKey } from './syncTemplate.js';
import { constantProblem, maskTypeProblem, refusedValues, restrictedValues } from './transformChecks.js';
import type { TemplateObjectSpec } from './templateFile.js';
import { didYouMeanSuffix, templateMessage, templateProblem, type TemplateProblem } from './templateProblems.js';
import type { FieldRule, FieldSource, ObjectTransform, ValueTranslation } from './transformRules.js';

export type TransformContext = {
  location: string;
  source: DescribeSObject;
  /** The target's describe, or the source's when no target org is given (the orgs are assumed alike). */
  target: DescribeSObject;
  targetOrg: 'source' | 'target';
  /** A source object's describe, for the parent fields of expressions (`Account.Name`); undefined when unknown. */
  describeSource(object: string): Promise<DescribeSObject | undefined>;
  /** Whether SF_ISYNC_MASK_SECRET is set (a masked match key needs it). */
  hasSecret: boolean;
  problems: TemplateProblem[];
  warnings: string[];
};

const DEFAULT_VALUE_KEY = '*';

export function hasTransform(spec: TemplateObjectSpec): boolean {
  return [spec.fieldMap, spec.set, spec.compute, spec.valueMap, spec.mask].some((part) => part && Object.keys(part).length > 0);
}

/** `fieldMap`'s source fields that exist, in describe spelling: they are not written under their own name. */
export function mappedSourceFields(spec: TemplateObjectSpec, source: DescribeSObject): string[] {
  return Object.keys(spec.fieldMap ?? {}).flatMap((name) => findField(source, name)?.name ?? []);
}

/** The target fields `fieldMap`, `set` and `compute` write, in lower case, as the template names them. */
export function ruleTargetNames(spec: TemplateObjectSpec): Set<string> {
  const mapped = Object.values(spec.fieldMap ?? {}).flatMap((targets) => (Array.isArray(targets) ? targets : [targets]));
  return new Set([...mapped, ...Object.keys(spec.set ?? {}), ...Object.keys(spec.compute ?? {})].map((name) => name.toLowerCase()));
}

class RuleSet {
  private readonly rules = new Map<string, { rule: FieldRule; origin: string }>();

  public constructor(
    private readonly ctx: TransformContext,
    /** Target fields the object writes without a rule (today's rules): valueMap and mask may name them. */
    private readonly written: readonly string[]
  ) {}

  public get all(): FieldRule[] {
    return [...this.rules.values()].map(({ rule }) => rule);
  }

  /**
   * The target field a rule may write, or undefined after a problem. Only `fieldMap` may write a lookup, and only
   * from a lookup (`lookup`): the value stays a source id, which the sync remaps to its parent's target id.
   */
  public targetField(property: string, name: string, lookup = false): DescribeField | undefined {
    const { ctx } = this;
    const field = findField(ctx.target, name);
    if (!field) {
      const suggestion = didYouMeanSuffix(didYouMean(name, ctx.target.fields.map((f) => f.name)));
      ctx.problems.push(templateProblem(`${ctx.location} › ${property}`, 'unknownField', [name, ctx.target.name, ctx.targetOrg, suggestion], [ctx.target.name]));
    } else if (lookup && field.type !== 'reference') {
      ctx.problems.push(templateProblem(`${ctx.location} › ${property}`, 'lookupOntoField', [`${ctx.target.name}.${field.name}`, field.type]));
    } else if ((field.type === 'reference' && !lookup) || field.type === 'id') {
      ctx.problems.push(templateProblem(`${ctx.location} › ${property}`, 'transformLookup', [`${ctx.target.name}.${field.name}`, property], [field.name, property]));
    } else if (!isWritable(field)) {
      const kind = field.calculated ? 'fieldKind.formula' : field.autoNumber ? 'fieldKind.autoNumber' : 'fieldKind.readOnly';
      ctx.problems.push(templateProblem(`${ctx.location} › ${property}`, 'fieldNotWritable', [ctx.location, field.name, templateMessage(kind)]));
    } else return field;
    return undefined;
  }

  /** A new rule for the field, unless another transformation writes it already. */
  public claim(property: string, field: DescribeField, from: FieldSource): void {
    const taken = this.rules.get(field.name);
    if (taken) {
      this.ctx.problems.push(templateProblem(`${this.ctx.location} › ${property}`, 'transformTargetTwice', [this.ctx.target.name, field.name, `${taken.origin} and ${property}`]));
      return;
    }
    this.rules.set(field.name, { rule: { target: field.name, from }, origin: property });
  }

  /** The rule of a field that `valueMap` or `mask` names: its own, or a copy of the same-named source field. */
  public ruleFor(property: string, name: string): { rule: FieldRule; field: DescribeField } | undefined {
    const field = this.targetField(property, name);
    if (!field) return undefined;
    const existing = this.rules.get(field.name);
    if (existing) return { rule: existing.rule, field };
    if (!this.written.includes(field.name)) {
      this.ctx.problems.push(templateProblem(`${this.ctx.location} › ${property}`, 'transformNotWritten', [property, this.ctx.target.name, field.name], [field.name, property]));
      return undefined;
    }
    const rule: FieldRule = { target: field.name, from: { field: field.name } };
    this.rules.set(field.name, { rule, origin: property });
    return { rule, field };
  }
}

function resolveFieldMap(spec: TemplateObjectSpec, ctx: TransformContext, rules: RuleSet): void {
  for (const [sourceName, targets] of Object.entries(spec.fieldMap ?? {})) {
    const sourceField = findField(ctx.source, sourceName);
    if (!sourceField) {
      const suggestion = didYouMeanSuffix(didYouMean(sourceName, ctx.source.fields.map((f) => f.name)));
      ctx.problems.push(templateProblem(`${ctx.location} › fieldMap`, 'unknownField', [sourceName, ctx.source.name, 'source', suggestion], [ctx.source.name]));
      continue;
    }
    const lookup = sourceField.type === 'reference';
    for (const targetName of Array.isArray(targets) ? targets : [targets]) {
      const field = rules.targetField('fieldMap', targetName, lookup);
      if (field) rules.claim('fieldMap', field, { field: sourceField.name });
    }
  }
}

function resolveConstants(spec: TemplateObjectSpec, ctx: TransformContext, rules: RuleSet): void {
  for (const [targetName, value] of Object.entries(spec.set ?? {})) {
    const field = rules.targetField('set', targetName);
    if (!field) continue;
    const problem = constantProblem(field, value) ?? valuesProblem(field, [typeof value === 'string' ? value : null], 'set', ctx);
    if (problem === 'reported') continue;
    if (problem) {
      ctx.problems.push(templateProblem(`${ctx.location} › set`, 'constantWrongType', [ctx.target.name, field.name, field.type, problem.given], [problem.wanted]));
      continue;
    }
    rules.claim('set', field, { constant: value });
  }
}

/** A restricted picklist's refusal of values a rule writes, reported here; 'reported' or undefined. */
function valuesProblem(field: DescribeField, values: ReadonlyArray<string | null>, property: string, ctx: TransformContext): 'reported' | undefined {
  const refused = refusedValues(field, values);
  if (refused.length === 0) return undefined;
  const allowed = (restrictedValues(field) ?? []).map((value) => `"${value}"`).join(', ');
  for (const value of refused) {
    ctx.problems.push(templateProblem(`${ctx.location} › ${property}`, 'valueRefused', [ctx.target.name, field.name, value, property], [allowed]));
  }
  return 'reported';
}

/** The describe of a path an expression reads (`Name`, `Account.Name`, `Account.Owner.Email`), any case. */
async function fieldAtPath(path: string, ctx: TransformContext): Promise<ExpressionField | undefined> {
  const parts = path.split('.');
  let describe: DescribeSObject | undefined = ctx.source;
  const spelled: string[] = [];
  for (const [index, part] of parts.entries()) {
    if (!describe) return undefined;
    if (index === parts.length - 1) {
      const field = findField(describe, part);
      return field ? { type: field.type, path: [...spelled, field.name].join('.'), picklistValues: field.picklistValues } : undefined;
    }
    const lookup: DescribeField | undefined = describe.fields.find((f) => f.type === 'reference' && f.relationshipName?.toLowerCase() === part.toLowerCase());
    if (!lookup?.relationshipName || lookup.referenceTo.length === 0) return undefined;
    spelled.push(lookup.relationshipName);
    describe = await ctx.describeSource(lookup.referenceTo[0]);
  }
  return undefined;
}

async function resolveExpressions(spec: TemplateObjectSpec, ctx: TransformContext, rules: RuleSet): Promise<void> {
  for (const [targetName, text] of Object.entries(spec.compute ?? {})) {
    const field = rules.targetField('compute', targetName);
    if (!field) continue;
    const names = expressionFields(text);
    const inputs: Record<string, ExpressionField> = {};
    if (names.ok) for (const name of names.fields) if (!name.startsWith('$')) {
      const found = await fieldAtPath(name, ctx);
      if (found) inputs[name] = found;
    }
    const compiled = compileExpression(text, { fieldOf: (path) => inputs[path], target: field });
    if (!compiled.ok) {
      for (const problem of compiled.problems) {
        ctx.problems.push(templateProblem(`${ctx.location} › compute`, 'expressionInvalid', [ctx.target.name, field.name, expressionProblemText(problem)]));
      }
      continue;
    }
    rules.claim('compute', field, { expression: text, inputs });
  }
}

/** A template's `valueMap` of one field as the engine applies it: `"*"` becomes `otherwise`. */
export function valueTranslationOf(map: Record<string, string | null>): ValueTranslation {
  const { [DEFAULT_VALUE_KEY]: otherwise, ...values } = map;
  return otherwise === undefined ? { values } : { values, otherwise };
}

function resolveValueMaps(spec: TemplateObjectSpec, ctx: TransformContext, rules: RuleSet): void {
  for (const [targetName, map] of Object.entries(spec.valueMap ?? {})) {
    const found = rules.ruleFor('valueMap', targetName);
    if (!found) continue;
    const translation = valueTranslationOf(map);
    const written = [...Object.values(translation.values), ...(translation.otherwise === undefined ? [] : [translation.otherwise])];
    if (valuesProblem(found.field, written, 'valueMap', ctx)) continue;
    found.rule.valueMap = translation;
  }
}

function resolveMasks(spec: TemplateObjectSpec, matchBy: MatchKey | null, ctx: TransformContext, rules: RuleSet): void {
  const masked: string[] = [];
  for (const [targetName, value] of Object.entries(spec.mask ?? {})) {
    const found = rules.ruleFor('mask', targetName);
    if (!found) continue;
    const { field, rule } = found;
    const parsed = parseMask(value);
    if (!parsed.ok) {
      ctx.problems.push(templateProblem(`${ctx.location} › mask`, 'maskInvalid', [ctx.target.name, field.name, parsed.problem]));
      continue;
    }
    const typeProblem = maskTypeProblem(parsed.spec, field);
    if (typeProblem) {
      ctx.problems.push(templateProblem(`${ctx.location} › mask`, 'maskWrongType', [maskSpecText(parsed.spec), ctx.target.name, field.name, field.type], [typeProblem]));
      continue;
    }
    if (!ctx.hasSecret && matchBy?.target.includes(field.name) && parsed.spec.kind !== 'null') {
      ctx.problems.push(templateProblem(`${ctx.location} › mask`, 'maskKeyWithoutSecret', [ctx.target.name, field.name], [ctx.location]));
      continue;
    }
    rule.mask = parsed.spec;
    masked.push(field.name);
  }
  if (masked.length > 0 && !ctx.hasSecret) ctx.warnings.push(templateMessage('warning.maskWithoutSecret', [ctx.location, masked.join(', ')]));
}

/**
 * A match key reads its source fields from the transformed record, where a transformed target field of the same
 * name as a key source field would stand in for it: refused unless that field is the key's own target.
 */
function checkKeyNames(matchBy: MatchKey | null, rules: readonly FieldRule[], ctx: TransformContext): void {
  if (!matchBy) return;
  const targets = new Set(rules.map((rule) => rule.target.toLowerCase()));
  matchBy.source.forEach((sourceName, index) => {
    const target = matchBy.target[index];
    if (targets.has(sourceName.toLowerCase()) && sourceName.toLowerCase() !== target.toLowerCase()) {
      ctx.problems.push(templateProblem(`${ctx.location} › matchBy`, 'keyNameConflict', [sourceName, sourceName]));
    }
  });
}

/**
 * The object's transformations as rules, or undefined when it has none. `written` are the target fields the
 * object writes without a rule (after `fieldMap`'s sources were taken out), which `valueMap` and `mask` may name.
 */
export async function resolveTransform(
  spec: TemplateObjectSpec,
  written: readonly string[],
  matchBy: MatchKey | null,
  ctx: TransformContext
): Promise<ObjectTransform | undefined> {
  if (!hasTransform(spec)) return undefined;
  const rules = new RuleSet(ctx, written);
  resolveFieldMap(spec, ctx, rules);
  resolveConstants(spec, ctx, rules);
  await resolveExpressions(spec, ctx, rules);
  resolveValueMaps(spec, ctx, rules);
  resolveMasks(spec, matchBy, ctx, rules);
  checkKeyNames(matchBy, rules.all, ctx);
  const sourceFields = new Set<string>();
  for (const { from } of rules.all) {
    if ('field' in from) sourceFields.add(from.field);
    if ('expression' in from) for (const input of Object.values(from.inputs)) sourceFields.add(input.path);
  }
  return { rules: rules.all, sourceFields: [...sourceFields] };
}
