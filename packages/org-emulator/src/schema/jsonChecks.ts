/**
 * Small structural checks for hand-written JSON (schema files). Each check records a problem as
 * "<JSON path>: <what is wrong>" instead of throwing, so one run reports every mistake in a file.
 */

export type Problems = string[];

export type JsonObject = Record<string, unknown>;

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object, or a problem; `undefined` when it is not one. */
export function expectObject(value: unknown, path: string, problems: Problems): JsonObject | undefined {
  if (isObject(value)) return value;
  problems.push(`${path}: must be an object, got ${describeValue(value)}`);
  return undefined;
}

export function expectArray(value: unknown, path: string, problems: Problems): unknown[] | undefined {
  if (Array.isArray(value)) return value as unknown[];
  problems.push(`${path}: must be an array, got ${describeValue(value)}`);
  return undefined;
}

export function expectString(value: unknown, path: string, problems: Problems): value is string {
  if (typeof value === 'string' && value.length > 0) return true;
  problems.push(`${path}: must be a non-empty string, got ${describeValue(value)}`);
  return false;
}

export function expectBoolean(value: unknown, path: string, problems: Problems): value is boolean {
  if (typeof value === 'boolean') return true;
  problems.push(`${path}: must be true or false, got ${describeValue(value)}`);
  return false;
}

export function expectInteger(value: unknown, path: string, problems: Problems, min: number, max: number): value is number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return true;
  problems.push(`${path}: must be an integer from ${min} to ${max}, got ${describeValue(value)}`);
  return false;
}

export function expectStringArray(value: unknown, path: string, problems: Problems): value is string[] {
  const array = expectArray(value, path, problems);
  if (!array) return false;
  const before = problems.length;
  array.forEach((item, index) => expectString(item, `${path}[${index}]`, problems));
  return problems.length === before;
}

/** Reports keys the format does not know (a typo would otherwise be silently ignored). */
export function expectKnownKeys(object: JsonObject, allowed: readonly string[], path: string, problems: Problems): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) problems.push(`${path}.${key}: unknown key (allowed: ${allowed.join(', ')})`);
  }
}

export function expectRequiredKeys(object: JsonObject, required: readonly string[], path: string, problems: Problems): void {
  for (const key of required) {
    if (!(key in object)) problems.push(`${path}: missing "${key}"`);
  }
}
