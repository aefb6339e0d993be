/**
 * Compiles a WHERE condition into a predicate over stored records, once per query. Null semantics follow
 * Salesforce: `=`/`<`/LIKE never match a null field, `!=` and NOT IN do. Also reports which top-level
 * equality/IN terms could be answered by `SoqlDataSource.findByField` instead of a scan.
 */
import type { ComparisonOperator, Condition, FieldPath, Literal, SoqlQuery } from './ast.js';
import { messages, queryError } from './errors.js';
import { kindOf, type ValueKind } from './fieldKinds.js';
import { literalTypeMismatch, toOperand, type Operand } from './operands.js';
import type { ObjectSchema, ResolvedPath, SchemaResolver } from './resolver.js';
import type { SoqlDataSource, StoredRecord } from './types.js';
import { comparableOf, pathReader, textOf, type Comparable } from './values.js';

export type RowPredicate = (record: StoredRecord) => boolean;

/** Records whose `fieldName` equals one of `values` (stored form) are the only ones that can match. */
export type IndexHint = { fieldName: string; values: unknown[] };

export type WhereContext = {
  resolver: SchemaResolver;
  root: ObjectSchema;
  alias?: string;
  source: SoqlDataSource;
  text: string;
  now: Date;
  /** Runs a semi-join subquery and returns the values of its one selected field. */
  subqueryValues: (query: SoqlQuery) => unknown[];
};

export type CompiledWhere = { test: RowPredicate; indexHints: IndexHint[] };

type Term = { test: RowPredicate; hint?: IndexHint };

const RANGE_OPERATORS = new Set<ComparisonOperator>(['<', '<=', '>', '>=']);

function likeMatcher(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const ch = pattern[i];
    if (ch === '\\' && (pattern[i + 1] === '%' || pattern[i + 1] === '_')) {
      source += pattern[i + 1];
      i += 1;
    } else if (ch === '%') source += '.*';
    else if (ch === '_') source += '.';
    else source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'is');
}

function inRange(value: Comparable, operand: Operand & { kind: 'range' }): boolean {
  return typeof value === 'number' && value >= operand.start && value < operand.end;
}

/** `field <operator> operand` on a comparable field value. */
function comparator(operator: ComparisonOperator, operand: Operand): (value: Comparable) => boolean {
  if (operand.kind === 'null') {
    if (operator === '=') return (v) => v === null;
    if (operator === '!=') return (v) => v !== null;
    return () => false;
  }
  if (operand.kind === 'range') {
    const { start, end } = operand;
    const isNumber = (v: Comparable): v is number => typeof v === 'number';
    switch (operator) {
      case '=':
        return (v) => inRange(v, operand);
      case '!=':
        return (v) => !inRange(v, operand);
      case '<':
        return (v) => isNumber(v) && v < start;
      case '<=':
        return (v) => isNumber(v) && v < end;
      case '>':
        return (v) => isNumber(v) && v >= end;
      default:
        return (v) => isNumber(v) && v >= start;
    }
  }
  const x = operand.value;
  switch (operator) {
    case '=':
      return (v) => v === x;
    case '!=':
      return (v) => v !== x;
    case '<':
      return (v) => v !== null && v < x;
    case '<=':
      return (v) => v !== null && v <= x;
    case '>':
      return (v) => v !== null && v > x;
    default:
      return (v) => v !== null && v >= x;
  }
}

/** Membership in a list of operands: a Set lookup, plus a range check for relative date literals. */
function membership(operands: Operand[]): (value: Comparable) => boolean {
  const values = new Set<Comparable>();
  const ranges: Array<Operand & { kind: 'range' }> = [];
  for (const operand of operands) {
    if (operand.kind === 'range') ranges.push(operand);
    else values.add(operand.kind === 'value' ? operand.value : null);
  }
  if (ranges.length === 0) return (v) => values.has(v);
  return (v) => values.has(v) || ranges.some((r) => inRange(v, r));
}

class WhereCompiler {
  public constructor(private readonly ctx: WhereContext) {}

  public condition(condition: Condition): Term {
    switch (condition.kind) {
      case 'and': {
        const terms = condition.operands.map((c) => this.condition(c));
        const tests = terms.map((t) => t.test);
        return { test: (r) => tests.every((t) => t(r)) };
      }
      case 'or': {
        const tests = condition.operands.map((c) => this.condition(c).test);
        return { test: (r) => tests.some((t) => t(r)) };
      }
      case 'not': {
        const inner = this.condition(condition.operand).test;
        return { test: (r) => !inner(r) };
      }
      case 'compare':
        return this.compare(condition.path, condition.operator, condition.value);
      case 'in':
        return this.membershipTerm(condition.path, condition.negated, (resolved, kind) =>
          condition.values.map((literal) => this.operand(literal, resolved, kind))
        );
      case 'semiJoin':
        return this.membershipTerm(condition.path, condition.negated, (_resolved, kind) =>
          this.ctx.subqueryValues(condition.query).map((raw) => {
            const value = comparableOf(kind, raw);
            return value === null ? { kind: 'null' } : { kind: 'value', value, indexValue: raw };
          })
        );
    }
  }

  private resolve(path: FieldPath): { resolved: ResolvedPath; kind: ValueKind } {
    const resolved = this.ctx.resolver.path(this.ctx.root, path, this.ctx.alias);
    const kind = kindOf(resolved.field);
    if (!resolved.field.filterable || kind === 'opaque') {
      throw queryError('INVALID_FIELD', this.ctx.text, path.start, messages.notFilterable(resolved.field.name));
    }
    return { resolved, kind };
  }

  private operand(literal: Literal, resolved: ResolvedPath, kind: ValueKind): Operand {
    return toOperand(literal, resolved, kind, { text: this.ctx.text, now: this.ctx.now });
  }

  private invalidOperator(resolved: ResolvedPath): Error {
    const typeName = resolved.field.type === 'reference' ? 'id' : resolved.field.type;
    return queryError('INVALID_QUERY_FILTER_OPERATOR', this.ctx.text, resolved.start, messages.invalidOperator(typeName));
  }

  private compare(path: FieldPath, operator: ComparisonOperator, literal: Literal): Term {
    const { resolved, kind } = this.resolve(path);
    const read = pathReader(resolved, this.ctx.source);
    if (operator === 'LIKE') {
      if (kind !== 'text') throw this.invalidOperator(resolved);
      if (literal.kind === 'null') return { test: (r) => comparableOf(kind, read(r)) === null };
      if (literal.kind !== 'string') throw literalTypeMismatch(resolved, kind, literal, this.ctx.text);
      const matcher = likeMatcher(literal.value);
      return {
        test: (r) => {
          const raw = read(r);
          return raw !== null && raw !== '' && matcher.test(textOf(raw));
        },
      };
    }
    if (RANGE_OPERATORS.has(operator) && (kind === 'boolean' || kind === 'multipicklist')) {
      throw this.invalidOperator(resolved);
    }
    const operand = this.operand(literal, resolved, kind);
    const matches = comparator(operator, operand);
    const test: RowPredicate = (r) => matches(comparableOf(kind, read(r)));
    const indexable = operator === '=' && operand.kind === 'value' && operand.indexValue !== undefined;
    return { test, hint: indexable ? this.hint(resolved, [operand]) : undefined };
  }

  private membershipTerm(path: FieldPath, negated: boolean, operandsOf: (resolved: ResolvedPath, kind: ValueKind) => Operand[]): Term {
    const { resolved, kind } = this.resolve(path);
    if (kind === 'boolean') throw this.invalidOperator(resolved);
    const read = pathReader(resolved, this.ctx.source);
    const operands = operandsOf(resolved, kind);
    const isMember = membership(operands);
    if (negated) return { test: (r) => !isMember(comparableOf(kind, read(r))) };
    return { test: (r) => isMember(comparableOf(kind, read(r))), hint: this.hint(resolved, operands) };
  }

  private hint(resolved: ResolvedPath, operands: Operand[]): IndexHint | undefined {
    if (resolved.hops.length > 0) return undefined;
    const values: unknown[] = [];
    for (const operand of operands) {
      if (operand.kind !== 'value' || operand.indexValue === undefined) return undefined;
      values.push(operand.indexValue);
    }
    return { fieldName: resolved.field.name, values };
  }
}

export function compileWhere(condition: Condition, ctx: WhereContext): CompiledWhere {
  const compiler = new WhereCompiler(ctx);
  // Only the condition itself or the operands of a top-level AND can narrow the candidates to an index hit.
  const terms = condition.kind === 'and' ? condition.operands.map((c) => compiler.condition(c)) : [compiler.condition(condition)];
  const tests = terms.map((t) => t.test);
  const test: RowPredicate = tests.length === 1 ? tests[0] : (r) => tests.every((t) => t(r));
  return { test, indexHints: terms.flatMap((t) => (t.hint ? [t.hint] : [])) };
}
