/**
 * Evaluates formulon's tree of a formula, calling formulon for each function (formulonInternals.ts tells why
 * not its public parse). What is decided here rather than in formulon:
 * - IF, CASE, BLANKVALUE and NULLVALUE evaluate only the branch they return, as Salesforce does, so that
 *   `IF(ISBLANK(Amount), 0, Amount * 2)` works on a blank Amount;
 * - blanks, as Salesforce's "treat blank fields as blanks": a function of a blank is blank, except the
 *   functions made for blanks (ISBLANK, ISNULL, BLANKVALUE, NULLVALUE); a blank condition is false (IF, AND,
 *   OR, NOT, ISPICKVAL, INCLUDES); TEXT of a blank and a blank joined to text are ''; a blank CASE selector
 *   takes the else value; a blank equals only a blank;
 * - TODAY(), NOW() and TIMENOW() read the clock given by the caller, so that one run computes one date.
 * At compile time (`checkAllBranches`) every branch is evaluated, so that formulon checks every function's
 * arguments, and the branches of IF and CASE must have one type.
 */
import { formulonInternals, type FormulonError, type FormulonLiteral, type FormulonNode, type FormulonResult } from './formulonInternals.js';
import { NULL_LITERAL, dateLiteral, textLiteral } from './fieldLiterals.js';

export type EvaluationScope = {
  /** The literal of an identifier as the expression writes it (every identifier was bound when compiling). */
  valueOf(identifier: string): FormulonLiteral;
  /** The clock of TODAY(), NOW() and TIMENOW(). */
  now: Date;
  /** Compile time: evaluate every branch, and refuse IF and CASE branches of different types. */
  checkAllBranches: boolean;
};

const TRUE: FormulonLiteral = { type: 'literal', dataType: 'checkbox', value: true, options: {} };
const FALSE: FormulonLiteral = { type: 'literal', dataType: 'checkbox', value: false, options: {} };

/** Functions whose blank arguments are read as false. */
const BLANK_AS_FALSE = new Set(['and', 'or', 'not']);
/** Functions that are false for a blank first argument. */
const FALSE_WHEN_BLANK = new Set(['ispickval', 'includes']);
/** Functions made for blanks: formulon gets the blanks. */
const BLANK_AWARE = new Set(['isblank', 'isnull']);

export function isError(result: FormulonResult | readonly FormulonLiteral[]): result is FormulonError {
  return !Array.isArray(result) && (result as FormulonResult).type === 'error';
}

export function isBlankLiteral(literal: FormulonLiteral): boolean {
  return literal.dataType === 'null' || literal.value === null || literal.value === undefined;
}

/** An error of the formula itself, whatever its values (formulon marks those with `received`). */
function formulaError(name: string, message: string): FormulonError {
  return { type: 'error', errorType: 'ArgumentError', message, function: name, received: 'mixed types' };
}

function dispatch(name: string, args: FormulonLiteral[]): FormulonResult {
  try {
    return formulonInternals().dispatch(name, args);
  } catch (error) {
    // formulon throws plain errors on inputs it does not expect; its message names no value.
    const reason = error instanceof Error ? error.message : String(error);
    return { type: 'error', errorType: 'EvaluationError', message: `${name.toUpperCase()}() could not be evaluated: ${reason}`, function: name };
  }
}

/** Evaluates the nodes in order, stopping at the first error. */
function evaluateAll(nodes: readonly FormulonNode[], scope: EvaluationScope): FormulonLiteral[] | FormulonError {
  const values: FormulonLiteral[] = [];
  for (const node of nodes) {
    const value = evaluateNode(node, scope);
    if (isError(value)) return value;
    values.push(value);
  }
  return values;
}

function comparableType(literal: FormulonLiteral): string {
  return literal.dataType === 'picklist' ? 'text' : literal.dataType;
}

/** The branches' common type, or an error naming the two types that differ (blank branches fit any type). */
function sameTypeBranches(name: string, branches: readonly FormulonLiteral[]): FormulonError | undefined {
  const typed = branches.filter((branch) => !isBlankLiteral(branch));
  const other = typed.find((branch) => comparableType(branch) !== comparableType(typed[0]));
  if (!other) return undefined;
  return formulaError(name, `${name.toUpperCase()}() returns values of different types: ${typed[0].dataType} and ${other.dataType}`);
}

function evaluateIf(args: readonly FormulonNode[], scope: EvaluationScope): FormulonResult {
  if (args.length !== 3 || scope.checkAllBranches) {
    const values = evaluateAll(args, scope);
    if (isError(values)) return values;
    const mixed = values.length === 3 ? sameTypeBranches('if', values.slice(1)) : undefined;
    return mixed ?? dispatch('if', [isBlankLiteral(values[0]) ? FALSE : values[0], ...values.slice(1)]);
  }
  const condition = evaluateNode(args[0], scope);
  if (isError(condition)) return condition;
  const test = isBlankLiteral(condition) ? FALSE : condition;
  const taken = evaluateNode(test.value === true ? args[1] : args[2], scope);
  // The taken branch twice: formulon checks the condition's type and returns it.
  return isError(taken) ? taken : dispatch('if', [test, taken, taken]);
}

function sameValue(a: FormulonLiteral, b: FormulonLiteral): boolean {
  return a.value instanceof Date && b.value instanceof Date ? a.value.getTime() === b.value.getTime() : a.value === b.value;
}

/** CASE(selector, match1, result1, ..., else): the matches are evaluated, then only the result taken. */
function evaluateCase(args: readonly FormulonNode[], scope: EvaluationScope): FormulonResult {
  if (args.length < 4 || args.length % 2 !== 0) {
    const values = evaluateAll(args, scope);
    return isError(values) ? values : dispatch('case', values);
  }
  const matchNodes = args.filter((_node, i) => i % 2 === 1 && i < args.length - 1);
  const resultNodes = args.filter((_node, i) => (i > 0 && i % 2 === 0) || i === args.length - 1);
  const selectorAndMatches = evaluateAll([args[0], ...matchNodes], scope);
  if (isError(selectorAndMatches)) return selectorAndMatches;
  const [selector, ...matches] = selectorAndMatches;
  const matched = isBlankLiteral(selector) ? -1 : matches.findIndex((match) => sameValue(match, selector));
  const takenIndex = matched === -1 ? resultNodes.length - 1 : matched;
  let results: FormulonLiteral[];
  if (scope.checkAllBranches) {
    const all = evaluateAll(resultNodes, scope);
    if (isError(all)) return all;
    const mixed = sameTypeBranches('case', all);
    if (mixed) return mixed;
    results = all;
  } else {
    const taken = evaluateNode(resultNodes[takenIndex], scope);
    if (isError(taken)) return taken;
    results = resultNodes.map(() => taken);
  }
  if (isBlankLiteral(selector)) return results[takenIndex];
  const interleaved = matches.flatMap((match, i) => [match, results[i]]);
  return dispatch('case', [selector, ...interleaved, results[results.length - 1]]);
}

/** BLANKVALUE(value, substitute) and NULLVALUE(value, substitute): the substitute only when the value is blank. */
function evaluateSubstitute(name: 'blankvalue' | 'nullvalue', args: readonly FormulonNode[], scope: EvaluationScope): FormulonResult {
  if (args.length !== 2 || scope.checkAllBranches) {
    const values = evaluateAll(args, scope);
    return isError(values) ? values : dispatch(name, values);
  }
  const value = evaluateNode(args[0], scope);
  if (isError(value)) return value;
  const blank = isBlankLiteral(value) || (name === 'blankvalue' && value.value === '');
  if (!blank) return dispatch(name, [value, value]);
  const substitute = evaluateNode(args[1], scope);
  return isError(substitute) ? substitute : dispatch(name, [value, substitute]);
}

function clockLiteral(name: 'today' | 'now' | 'timenow', now: Date): FormulonLiteral {
  if (name === 'now') return dateLiteral('datetime', now);
  if (name === 'today') return dateLiteral('date', new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())));
  return dateLiteral('time', new Date(now.getTime() % 86_400_000));
}

/** A function of evaluated arguments, blanks handled as the header says. */
function applyFunction(name: string, args: FormulonLiteral[]): FormulonResult {
  const blanks = args.map(isBlankLiteral);
  if (!blanks.includes(true) || BLANK_AWARE.has(name)) return dispatch(name, args);
  if (BLANK_AS_FALSE.has(name)) return dispatch(name, args.map((arg, i) => (blanks[i] ? FALSE : arg)));
  if (FALSE_WHEN_BLANK.has(name) && blanks[0]) return FALSE;
  if (name === 'text' && args.length === 1) return textLiteral('');
  if (name === 'equal' || name === 'unequal') {
    const equal = blanks.every(Boolean);
    return (name === 'equal') === equal ? TRUE : FALSE;
  }
  if (name === 'add' && args.some((arg) => arg.dataType === 'text')) return dispatch(name, args.map((arg, i) => (blanks[i] ? textLiteral('') : arg)));
  return NULL_LITERAL;
}

export function evaluateNode(node: FormulonNode, scope: EvaluationScope): FormulonResult {
  switch (node.type) {
    case 'literal':
      return node;
    case 'identifier':
      return scope.valueOf(node.name);
    case 'callExpression':
      break;
  }
  const name = node.id;
  if (name === 'if') return evaluateIf(node.arguments, scope);
  if (name === 'case') return evaluateCase(node.arguments, scope);
  if (name === 'blankvalue' || name === 'nullvalue') return evaluateSubstitute(name, node.arguments, scope);
  if ((name === 'today' || name === 'now' || name === 'timenow') && node.arguments.length === 0) return clockLiteral(name, scope.now);
  const args = evaluateAll(node.arguments, scope);
  return isError(args) ? args : applyFunction(name, args);
}
