/**
 * A small checker of JSON shapes, for the journal files: they are input (a user, a script or a crash can
 * damage them), and a command must refuse a damaged one with the exact field, not crash on it later. Hand
 * written rather than ajv: it runs on every line of journals of millions of lines, costs nothing to start,
 * and says what is wrong in words a user can act on ("state: "bogus" is not one of planning, ...").
 */

/**
 * The first thing wrong in a value: where (a path such as `objects[2].failed`, relative to the value checked;
 * empty for the value itself), what it must be, and what it is.
 */
export type ShapeProblem = {
  path: string;
  /** What the value must be, as words: "a string", "one of insert, update". */
  expected: string;
  /** True when the field is absent (then `actual` is undefined). */
  missing: boolean;
  actual: unknown;
};

/** A check allocates nothing for a good value: a problem's path is built on the way out, only when there is one. */
export type Check = {
  readonly expected: string;
  problem(value: unknown): ShapeProblem | undefined;
};

function check(expected: string, accepts: (value: unknown) => boolean): Check {
  return {
    expected,
    problem: (value) => (accepts(value) ? undefined : { path: '', expected, missing: false, actual: value }),
  };
}

/** The problem of a part (a field, an item) as a problem of the whole: its path under `step`. */
function under(step: string, problem: ShapeProblem): ShapeProblem {
  const path = problem.path === '' ? step : problem.path.startsWith('[') ? `${step}${problem.path}` : `${step}.${problem.path}`;
  return { ...problem, path };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const aString = check('a string', (value) => typeof value === 'string');
export const aNumber = check('a number', (value) => typeof value === 'number' && Number.isFinite(value));
export const aBoolean = check('true or false', (value) => typeof value === 'boolean');
export const anObject = check('an object', isPlainObject);
/** Dates are ISO 8601 text in the journal; a rollback compares them with the target's times. */
export const aDate = check('an ISO 8601 date', (value) => typeof value === 'string' && !Number.isNaN(Date.parse(value)));

export function oneOf(values: readonly string[]): Check {
  const allowed = new Set(values);
  return check(`one of ${values.join(', ')}`, (value) => typeof value === 'string' && allowed.has(value));
}

export function orNull(inner: Check): Check {
  const expected = `${inner.expected} or null`;
  return check(expected, (value) => value === null || inner.problem(value) === undefined);
}

/** A list whose every item passes `item`; a bad item is named by its index. */
export function listOf(item: Check, expected = `a list of ${item.expected.replace(/^an? /, '')}s`): Check {
  return {
    expected,
    problem: (value) => {
      if (!Array.isArray(value)) return { path: '', expected, missing: false, actual: value };
      for (let index = 0; index < value.length; index++) {
        const problem = item.problem(value[index]);
        if (problem) return under(`[${index}]`, problem);
      }
      return undefined;
    },
  };
}

/**
 * An object with these fields. `required` fields must be present; `optional` ones may be absent (a writer
 * leaves out what it has not got) but must have their type when present. Other fields are allowed: a newer
 * version of sf isync may add some, and an older reader must not refuse its journal for that.
 */
export function objectWith(required: Record<string, Check>, optional: Record<string, Check> = {}, expected = 'an object'): Check {
  const requiredFields = Object.entries(required);
  const optionalFields = Object.entries(optional);
  return {
    expected,
    problem: (value) => {
      if (!isPlainObject(value)) return { path: '', expected, missing: false, actual: value };
      for (const [field, fieldCheck] of requiredFields) {
        const fieldValue = value[field];
        if (fieldValue === undefined) return { path: field, expected: fieldCheck.expected, missing: true, actual: undefined };
        const problem = fieldCheck.problem(fieldValue);
        if (problem) return under(field, problem);
      }
      for (const [field, fieldCheck] of optionalFields) {
        const fieldValue = value[field];
        const problem = fieldValue === undefined ? undefined : fieldCheck.problem(fieldValue);
        if (problem) return under(field, problem);
      }
      return undefined;
    },
  };
}

/** A value as a message shows it: JSON, cut short (a bad field may hold a whole record). */
export function shown(value: unknown, max = 60): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
