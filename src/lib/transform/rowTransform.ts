/**
 * A template object's transformations compiled for a run (rules: template/transformRules.ts) and applied to
 * each source row before it is matched: map and compute, then translate values, then mask. The transformed row
 * is what the rest of the engine reads in place of the source row (a copy: the source row is never changed):
 * every target field a rule writes holds its value, and a match key field read from the source holds the
 * transformed value of its target field, so that a masked or mapped key finds what earlier runs wrote.
 */
import type { SObjectRow } from '../api/queryPages.js';
import { compileExpression } from '../mapping/expressions/compileExpression.js';
import { evaluate, valueAt } from '../mapping/expressions/evaluateExpression.js';
import { maskValue } from '../mapping/masking/maskValue.js';
import type { DescribeField, DescribeSObject } from '../schema/describeTypes.js';
import type { MatchKey } from '../template/syncTemplate.js';
import type { FieldRule, ObjectTransform, ValueTranslation } from '../template/transformRules.js';
import { scalarText } from '../util/scalarText.js';

export type TransformedRow = {
  row: SObjectRow;
  /** Why a rule could not compute the record's value (never a value: it may be personal data). */
  problem?: string;
};

export type RowTransform = {
  /** Source fields the rules read, for the source query. */
  readonly sourceFields: readonly string[];
  /** Target fields the rules write. */
  readonly targets: ReadonlySet<string>;
  /** Target fields that are masked (their source values must never be kept anywhere). */
  readonly masked: ReadonlySet<string>;
  apply(row: SObjectRow): TransformedRow;
};

export type TransformOptions = {
  /** The masking secret of the run (see mapping/masking/maskSecret.ts). */
  secret: string;
  /** The clock of TODAY() and NOW(): the run's start. */
  now: Date;
};

type ValueResult = { ok: true; value: unknown } | { ok: false; problem: string };
type CompiledRule = { target: string; valueOf(row: SObjectRow): ValueResult };

/** A value after `valueMap` (each value of a multi-select picklist on its own); blank stays blank. */
export function translate(translation: ValueTranslation, field: Pick<DescribeField, 'type'>, value: unknown): unknown {
  if (value === null || value === undefined || value === '') return value ?? null;
  const one = (text: string): string | null =>
    Object.hasOwn(translation.values, text) ? translation.values[text] : translation.otherwise !== undefined ? translation.otherwise : text;
  const text = scalarText(value);
  if (field.type !== 'multipicklist') return one(text);
  const parts = [...new Set(text.split(';').map(one).filter((part): part is string => part !== null && part !== ''))];
  return parts.length > 0 ? parts.join(';') : null;
}

function sourceOf(rule: FieldRule, field: DescribeField, options: TransformOptions): (row: SObjectRow) => ValueResult {
  const { from } = rule;
  if ('field' in from) return (row) => ({ ok: true, value: valueAt(row, from.field) ?? null });
  if ('constant' in from) return () => ({ ok: true, value: from.constant });
  const compiled = compileExpression(from.expression, { fieldOf: (path) => from.inputs[path], target: field });
  // The template was checked when it was read: an expression that no longer compiles is a bug, not bad input.
  if (!compiled.ok) throw new Error(`The expression of ${rule.target} does not compile: ${compiled.problems[0].message}`);
  return (row) => evaluate(compiled.expression, row, { now: options.now });
}

function compileRule(rule: FieldRule, field: DescribeField, options: TransformOptions): CompiledRule {
  const source = sourceOf(rule, field, options);
  const { valueMap, mask } = rule;
  const maxLength = field.length;
  return {
    target: rule.target,
    valueOf(row) {
      const read = source(row);
      if (!read.ok) return read;
      let value = valueMap ? translate(valueMap, field, read.value) : read.value;
      if (mask) value = maskValue(mask, value, options.secret, { maxLength });
      return { ok: true, value };
    },
  };
}

/** The object's transformations, compiled against the target's describe. */
export function compileRowTransform(transform: ObjectTransform, target: DescribeSObject, matchBy: MatchKey | null, options: TransformOptions): RowTransform {
  const fieldOf = new Map(target.fields.map((field) => [field.name, field]));
  const rules = transform.rules.map((rule) => {
    const field = fieldOf.get(rule.target);
    if (!field) throw new Error(`The target has no field ${rule.target} any more.`);
    return compileRule(rule, field, options);
  });
  const targets = new Set(transform.rules.map((rule) => rule.target));
  const masked = new Set(transform.rules.filter((rule) => rule.mask).map((rule) => rule.target));
  // A key's source field read from the transformed row holds its target field's transformed value.
  const keyCopies = (matchBy?.source ?? []).flatMap((sourceName, index) => (targets.has(matchBy!.target[index]) ? [[sourceName, matchBy!.target[index]] as const] : []));
  return {
    sourceFields: transform.sourceFields,
    targets,
    masked,
    apply(row) {
      const transformed: SObjectRow = { ...row };
      for (const rule of rules) {
        const result = rule.valueOf(row);
        if (result.ok) {
          transformed[rule.target] = result.value;
          continue;
        }
        // A failed record is journaled with its values: a masked field not masked yet must not be among them.
        for (const field of masked) transformed[field] = null;
        return { row: transformed, problem: result.problem };
      }
      for (const [sourceName, targetName] of keyCopies) transformed[sourceName] = transformed[targetName];
      return { row: transformed };
    },
  };
}

export type TransformedPage = {
  rows: SObjectRow[];
  /** Source id -> why its values could not be computed; undefined when none failed. */
  problems?: Map<string, string>;
};

/** A page of source rows as the target sees them (the rows themselves without transformations). */
export function transformPage(transform: RowTransform | undefined, rows: SObjectRow[]): TransformedPage {
  if (!transform) return { rows };
  let problems: Map<string, string> | undefined;
  const transformed = rows.map((row) => {
    const result = transform.apply(row);
    if (result.problem) (problems ??= new Map()).set(String(row.Id), result.problem);
    return result.row;
  });
  return problems ? { rows: transformed, problems } : { rows: transformed };
}
