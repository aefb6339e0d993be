/**
 * formulon (the Salesforce formula parser and evaluator on npm) as this module uses it: its parser and its
 * per-function dispatch, which its public API does not export. Its public `parse(formula, values)` was
 * measured unusable per record, for three reasons:
 * - it parses the formula again on every call, which costs tens to hundreds of times what dispatching the
 *   cached tree costs (scripts/bench/expressionSpeed.ts measures both);
 * - it evaluates every argument first, so `IF(ISBLANK(Amount), 0, Amount * 2)` fails when Amount is blank,
 *   and `IF(Amount = 0, 0, 1 / Amount)` cannot guard a division;
 * - it reports a syntax error without its position, which its parser knows.
 * So the package's CommonJS file is run here with a few lines appended that hand back the parser and the
 * dispatch from inside its module scope. The names read are internal: a formulon upgrade that renames them
 * makes `formulonInternals()` throw with a clear message (the unit tests fail first), never evaluate wrongly.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runInThisContext } from 'node:vm';

/** formulon's data types, as in its literals' `dataType`. */
export type FormulonDataType = 'text' | 'number' | 'checkbox' | 'date' | 'datetime' | 'time' | 'geolocation' | 'picklist' | 'multipicklist' | 'null';

export type FormulonLiteral = { type: 'literal'; dataType: FormulonDataType; value: unknown; options: Record<string, unknown> };

/** An error formulon returns rather than throws: wrong argument types or counts, unknown functions, bad values. */
export type FormulonError = {
  type: 'error';
  errorType: string;
  message: string;
  /** The function (lower case) the error is about, when there is one. */
  function?: string;
  /** The function a NotImplementedError is about (it says `name` where the others say `function`). */
  name?: string;
  /** Present in argument type and count errors, the ones a formula has whatever its values. */
  received?: unknown;
  /** Present in value errors (`DATEVALUE('x')`): the offending input, which must not reach a message. */
  input?: unknown;
};

export type FormulonResult = FormulonLiteral | FormulonError;

export type FormulonNode = FormulonLiteral | { type: 'identifier'; name: string } | { type: 'callExpression'; id: string; arguments: FormulonNode[] };

export type FormulonSyntaxError = Error & { location: { start: { offset: number; line: number; column: number } } };

export type FormulonInternals = {
  version: string;
  /** The formula's tree. Throws a FormulonSyntaxError (with the position) when it does not parse. */
  parse(formula: string): FormulonNode;
  isSyntaxError(error: unknown): error is FormulonSyntaxError;
  /**
   * One function applied to evaluated arguments, after formulon's own checks of their count and types.
   * Returns formulon's error literals; can throw a plain TypeError when given a blank it does not expect.
   */
  dispatch(name: string, args: FormulonResult[]): FormulonResult;
  /** Every function formulon knows, lower case, operators included (`add`, `greaterThan`). */
  functionNames: ReadonlySet<string>;
  /** A function's result type when it has a single one (`VALUE` gives a number), for results a probe cannot type. */
  returnTypeOf(name: string): FormulonDataType | undefined;
};

type ModuleScope = {
  parser: { parse(formula: string): FormulonNode; SyntaxError: new (...args: never[]) => Error };
  dispatch: FormulonInternals['dispatch'];
  functions: Record<string, { returnType?: unknown }>;
};

/** Appended inside the module's function, where its top-level declarations are in scope. */
const HAND_BACK = ';return { parser: salesforceParser, dispatch, functions: existingFunctions };';

let internals: FormulonInternals | undefined;

function load(): FormulonInternals {
  const require = createRequire(import.meta.url);
  const file = require.resolve('formulon');
  const { version } = require('formulon/package.json') as { version: string };
  const source = readFileSync(file, 'utf8');
  const wrapper = runInThisContext(`(function (exports, require, module) {${source}\n${HAND_BACK}\n})`, { filename: file }) as (
    exports: object,
    require: NodeJS.Require,
    module: object
  ) => ModuleScope;
  let scope: ModuleScope;
  try {
    const exports = {};
    scope = wrapper(exports, createRequire(file), { exports });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`formulon ${version} is not supported by sf isync's expressions (its internals changed: ${reason})`);
  }
  const { parser, dispatch, functions } = scope;
  return {
    version,
    parse: (formula) => parser.parse(formula),
    isSyntaxError: (error): error is FormulonSyntaxError => error instanceof parser.SyntaxError,
    dispatch,
    functionNames: new Set(Object.keys(functions)),
    returnTypeOf: (name) => {
      const returnType = Object.hasOwn(functions, name) ? functions[name].returnType : undefined;
      return typeof returnType === 'string' ? (returnType as FormulonDataType) : undefined;
    },
  };
}

export function formulonInternals(): FormulonInternals {
  internals ??= load();
  return internals;
}
