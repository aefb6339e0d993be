/**
 * A compiled expression evaluated on one source record. Problems name fields and functions, never a record's
 * values: a value can be personal data that a mask would hide from the target, and problems reach the
 * journal and error files.
 */
import type { CompiledExpression } from './compileExpression.js';
import { evaluateNode, isError } from './evaluateFormula.js';
import { literalOf } from './fieldLiterals.js';
import type { FormulonError, FormulonLiteral } from './formulonInternals.js';
import { targetValue, typeName, type ExpressionValue } from './resultValues.js';

export type EvaluationResult = { ok: true; value: ExpressionValue } | { ok: false; problem: string };

export type EvaluationOptions = {
  /**
   * The clock of TODAY(), NOW() and TIMENOW(): give the run's start, so that every record of a run computes
   * the same date (a re-run on another day computes another one, and writes it). Default: now.
   */
  now?: Date;
};

/** A record's value at a path: a flat key (`Account.Name`, as Bulk CSV rows hold it) or nested objects (REST). */
export function valueAt(record: Readonly<Record<string, unknown>>, path: string): unknown {
  if (Object.hasOwn(record, path)) return record[path];
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return null;
    value = (value as Record<string, unknown>)[part];
  }
  return value ?? null;
}

/** formulon's message, unless it quotes a value (`Invalid Value 'x' for 'DATEVALUE()'`). */
function errorText(error: FormulonError): string {
  if (error.input === undefined) return error.message;
  return `a value is not valid for ${error.function ? `${error.function.toUpperCase()}()` : 'a function'}`;
}

export function evaluate(expression: CompiledExpression, record: Readonly<Record<string, unknown>>, options: EvaluationOptions = {}): EvaluationResult {
  const literals = new Map<string, FormulonLiteral>();
  for (const { identifier, field, dataType } of expression.inputs) {
    const literal = literalOf(field, dataType, valueAt(record, field.path));
    if (!literal) return { ok: false, problem: `${field.path} holds a value that is not a valid ${typeName(dataType)}` };
    literals.set(identifier, literal);
  }
  const result = evaluateNode(expression.root, {
    valueOf: (identifier) => literals.get(identifier)!,
    now: options.now ?? new Date(),
    checkAllBranches: false,
  });
  if (isError(result)) return { ok: false, problem: `${expression.target.name}: ${errorText(result)}` };
  const converted = targetValue(result, expression.target);
  return converted.ok ? converted : { ok: false, problem: converted.problem };
}
