/**
 * Computed fields in Salesforce formula syntax (`"Label__c": "Name & ' (' & TEXT(AnnualRevenue) & ')'"`),
 * parsed by formulon once per template and evaluated per record. Problems are returned, never thrown: the
 * template checker lists them, with their position, before anything is written.
 */
import { formulonInternals, type FormulonDataType, type FormulonInternals, type FormulonNode } from './formulonInternals.js';
import { formulonTypeOf, probeLiteral, type ExpressionField } from './fieldLiterals.js';
import { findName, positionAt, type ExpressionPosition } from './formulaText.js';
import { evaluateNode, isError } from './evaluateFormula.js';
import { resultTypeProblem, targetTypeProblem, type ExpressionTarget } from './resultValues.js';

export type ExpressionProblem = { message: string; position?: ExpressionPosition };

/** A field the expression reads, bound to its describe. */
export type ExpressionInput = { identifier: string; field: ExpressionField; dataType: FormulonDataType };

export type CompiledExpression = {
  readonly text: string;
  /** The paths to query (`Name`, `Account.Name`), in the describe's spelling, each once. */
  readonly fields: readonly string[];
  readonly target: ExpressionTarget;
  /** The result's type when compiling could tell it; else it is checked on every evaluation. */
  readonly resultType: FormulonDataType | undefined;
  readonly root: FormulonNode;
  readonly inputs: readonly ExpressionInput[];
};

export type CompileOptions = {
  /** The field a path of the expression names (`Phone`, `account.name`: any case), or undefined when there is none. */
  fieldOf(path: string): ExpressionField | undefined;
  target: ExpressionTarget;
};

export type ParsedExpression = { ok: true; root: FormulonNode; identifiers: string[]; functions: string[] } | { ok: false; problems: ExpressionProblem[] };
export type CompileResult = { ok: true; expression: CompiledExpression } | { ok: false; problems: ExpressionProblem[] };

/** What formulon calls its operators, as the expression writes them (for messages). */
const OPERATOR_NAMES: Readonly<Record<string, string>> = {
  add: '+ or &',
  subtract: '-',
  multiply: '*',
  divide: '/',
  exponentiate: '^',
  equal: '=',
  unequal: '<>',
  greaterThan: '>',
  greaterThanOrEqual: '>=',
  lessThan: '<',
  lessThanOrEqual: '<=',
};

function problemAt(text: string, message: string, offset: number | undefined): ExpressionProblem {
  return offset === undefined ? { message } : { message, position: positionAt(text, offset) };
}

/** Identifiers and function names of the tree, each once, in order of appearance. */
function namesOf(node: FormulonNode, identifiers: Set<string>, functions: Set<string>): void {
  if (node.type === 'identifier') identifiers.add(node.name);
  if (node.type !== 'callExpression') return;
  functions.add(node.id);
  for (const arg of node.arguments) namesOf(arg, identifiers, functions);
}

function loadFormulon(): FormulonInternals | ExpressionProblem {
  try {
    return formulonInternals();
  } catch (error) {
    return { message: error instanceof Error ? error.message : String(error) };
  }
}

function syntaxProblem(text: string, leading: number, error: Error & { found?: unknown; location: { start: { offset: number } } }): ExpressionProblem {
  const found = typeof error.found === 'string' ? `unexpected "${error.found}"` : 'the expression ends too early (a missing ")" or argument?)';
  return problemAt(text, `Syntax error: ${found}`, leading + error.location.start.offset);
}

/**
 * The expression's tree and the names it uses, or its syntax error and unknown functions. Enough for the
 * engine to know which fields to query before it has their describes.
 */
export function parseExpression(text: string): ParsedExpression {
  const formulon = loadFormulon();
  if (!('parse' in formulon)) return { ok: false, problems: [formulon] };
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problems: [{ message: 'the expression is empty' }] };
  let root: FormulonNode;
  try {
    root = formulon.parse(trimmed);
  } catch (error) {
    if (!formulon.isSyntaxError(error)) {
      return { ok: false, problems: [{ message: `formulon could not parse the expression: ${error instanceof Error ? error.message : String(error)}` }] };
    }
    return { ok: false, problems: [syntaxProblem(text, text.length - text.trimStart().length, error)] };
  }
  const identifiers = new Set<string>();
  const functions = new Set<string>();
  namesOf(root, identifiers, functions);
  const problems = [...functions]
    .filter((name) => !formulon.functionNames.has(name))
    .map((name) => problemAt(text, `Unknown function ${name.toUpperCase()}`, findName(text, name, true)));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, root, identifiers: [...identifiers], functions: [...functions] };
}

/** The fields an expression reads, as it writes them (`Name`, `Account.Name`), or why it does not parse. */
export function expressionFields(text: string): { ok: true; fields: string[] } | { ok: false; problems: ExpressionProblem[] } {
  const parsed = parseExpression(text);
  return parsed.ok ? { ok: true, fields: parsed.identifiers } : parsed;
}

function bindInputs(text: string, identifiers: readonly string[], options: CompileOptions): { inputs: ExpressionInput[]; problems: ExpressionProblem[] } {
  const inputs: ExpressionInput[] = [];
  const problems: ExpressionProblem[] = [];
  for (const identifier of identifiers) {
    const offset = findName(text, identifier, false);
    if (identifier.startsWith('$')) {
      problems.push(problemAt(text, `${identifier}: global variables ($User, $Organization...) are not available to a sync`, offset));
      continue;
    }
    const field = options.fieldOf(identifier);
    const dataType = field && formulonTypeOf(field.type);
    if (!field) problems.push(problemAt(text, `Unknown field ${identifier}`, offset));
    else if (!dataType) problems.push(problemAt(text, `${identifier} is a ${field.type} field, which expressions cannot read`, offset));
    else inputs.push({ identifier, field, dataType });
  }
  return { inputs, problems };
}

/**
 * Evaluates every branch once on typical values: formulon checks every function's arguments, and the result
 * tells its type. A problem when the formula is wrong whatever its values; an unknown type when the probe
 * values themselves fail (`DATEVALUE('a')`), since real values may not.
 */
function probe(text: string, root: FormulonNode, inputs: readonly ExpressionInput[]): { resultType?: FormulonDataType; problem?: ExpressionProblem } {
  const literals = new Map(inputs.map((input) => [input.identifier, probeLiteral(input.field, input.dataType)]));
  const result = evaluateNode(root, { valueOf: (identifier) => literals.get(identifier)!, now: new Date(0), checkAllBranches: true });
  if (isError(result)) {
    const isFormulaError = result.received !== undefined || result.errorType === 'NoFunctionError' || result.errorType === 'NotImplementedError';
    if (!isFormulaError) return {};
    const name = result.function ?? result.name;
    const offset = name && !OPERATOR_NAMES[name] ? findName(text, name, true) : undefined;
    const operator = name && OPERATOR_NAMES[name] ? ` (operator ${OPERATOR_NAMES[name]})` : '';
    const message =
      result.errorType === 'NotImplementedError' && name ? `${name.toUpperCase()}() is not supported (formulon does not implement it)` : result.message;
    return { problem: problemAt(text, `${message}${operator}`, offset) };
  }
  if (result.dataType !== 'null') return { resultType: result.dataType };
  return { resultType: root.type === 'callExpression' ? formulonInternals().returnTypeOf(root.id) : undefined };
}

/**
 * Compiles an expression for a target field: parses it, binds its fields to their describes, and checks on
 * typical values that its functions take their arguments and its result fits the target.
 */
export function compileExpression(text: string, options: CompileOptions): CompileResult {
  const parsed = parseExpression(text);
  if (!parsed.ok) return parsed;
  const { inputs, problems } = bindInputs(text, parsed.identifiers, options);
  const targetProblem = targetTypeProblem(options.target);
  if (targetProblem) problems.push({ message: targetProblem });
  if (problems.length > 0) return { ok: false, problems };
  const { resultType, problem } = probe(text, parsed.root, inputs);
  if (problem) return { ok: false, problems: [problem] };
  const typeProblem = resultType && resultTypeProblem(resultType, options.target);
  if (typeProblem) return { ok: false, problems: [{ message: typeProblem }] };
  const fields = [...new Set(inputs.map((input) => input.field.path))];
  return { ok: true, expression: { text, fields, target: options.target, resultType, root: parsed.root, inputs } };
}

/** A problem as one line: `message (line 1, column 12)`. */
export function expressionProblemText(problem: ExpressionProblem): string {
  return problem.position ? `${problem.message} (line ${problem.position.line}, column ${problem.position.column})` : problem.message;
}
