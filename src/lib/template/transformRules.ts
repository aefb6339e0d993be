/**
 * What a template's transformations (`fieldMap`, `set`, `compute`, `valueMap`, `mask`) make of one object, after
 * they were checked against the describes: one rule per target field they write, plain data (it is kept in the
 * run's journal with the normalised template, so that a retry applies the same rules). The engine compiles the
 * rules once per run (transform/rowTransform.ts) and applies them to every record in the order: match
 * -> map and compute -> translate values -> mask -> send.
 */
import type { ExpressionField } from '../mapping/expressions/fieldLiterals.js';
import type { MaskSpec } from '../mapping/masking/maskKinds.js';

export type ConstantValue = string | number | boolean | null;

/** Where a target field's value comes from. */
export type FieldSource =
  /** A source field (or a field of the same name): `fieldMap`, or a field only translated or masked. */
  | { field: string }
  /** `set`. */
  | { constant: ConstantValue }
  /** `compute`: the expression and the fields it reads, bound to their describes when the template was checked. */
  | { expression: string; inputs: Record<string, ExpressionField> };

export type ValueTranslation = {
  values: Record<string, string | null>;
  /** The value of every source value not listed (`"*"`); absent: unlisted values pass unchanged. */
  otherwise?: string | null;
};

export type FieldRule = {
  /** The target field written, as the target's describe spells it. */
  target: string;
  from: FieldSource;
  valueMap?: ValueTranslation;
  mask?: MaskSpec;
};

export type ObjectTransform = {
  rules: FieldRule[];
  /** Source fields read by `fieldMap` and expressions (paths such as `Account.Name` included), each once. */
  sourceFields: string[];
};

/** Target field -> the source field it is read from (`fieldMap`, or a field only translated or masked). */
export function mappedSources(transform: ObjectTransform | undefined): Map<string, string> {
  return new Map((transform?.rules ?? []).flatMap((rule) => ('field' in rule.from ? [[rule.target, rule.from.field] as const] : [])));
}
