/**
 * The mask kinds a template can name (`"mask": { "Email": "email", "Amount": "number:0-100000" }`) and the
 * parser from the template's value to a MaskSpec. Problems are returned as text, never thrown: the template
 * checker turns them into template problems located at the field.
 */

/** Kinds that take no parameter: the template names them with a bare string. */
export const SIMPLE_MASK_KINDS = [
  'email',
  'firstName',
  'lastName',
  'name',
  'phone',
  'company',
  'street',
  'city',
  'postalCode',
  'redact',
  'null',
] as const;

/** Every kind, `number` included (it takes a range: `number:MIN-MAX` or `{ "kind": "number", "min", "max" }`). */
export const MASK_KINDS = [...SIMPLE_MASK_KINDS, 'number'] as const;

export type SimpleMaskKind = (typeof SIMPLE_MASK_KINDS)[number];
export type MaskKind = (typeof MASK_KINDS)[number];

/**
 * A number mask draws an integer uniformly from `min..max` (both included). Integers only: the fields worth
 * masking with a range (amounts, head counts, scores) do not need fractions, and integer bounds keep the
 * string form (`number:-10-10`) unambiguous.
 */
export type NumberMaskSpec = { kind: 'number'; min: number; max: number };
export type MaskSpec = { kind: SimpleMaskKind } | NumberMaskSpec;

export type ParsedMask = { ok: true; spec: MaskSpec } | { ok: false; problem: string };

const NUMBER_RANGE = /^number\s*:\s*(-?\d+)\s*-\s*(-?\d+)$/i;
const KIND_LIST = MASK_KINDS.map((kind) => (kind === 'number' ? 'number:MIN-MAX' : kind)).join(', ');

function isSimpleKind(value: string): value is SimpleMaskKind {
  return (SIMPLE_MASK_KINDS as readonly string[]).includes(value);
}

function rangeProblem(min: number, max: number): string | undefined {
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max)) return 'the bounds of a number mask must be whole numbers';
  if (min > max) return `the number mask's minimum (${min}) is above its maximum (${max})`;
  return undefined;
}

function numberSpec(min: number, max: number): ParsedMask {
  const problem = rangeProblem(min, max);
  return problem ? { ok: false, problem } : { ok: true, spec: { kind: 'number', min, max } };
}

function parseMaskText(text: string): ParsedMask {
  const trimmed = text.trim();
  if (isSimpleKind(trimmed)) return { ok: true, spec: { kind: trimmed } };
  const range = NUMBER_RANGE.exec(trimmed);
  if (range) return numberSpec(Number(range[1]), Number(range[2]));
  if (/^number\b/i.test(trimmed)) return { ok: false, problem: `"${trimmed}" is not a number range: write number:MIN-MAX, e.g. number:0-100000` };
  const sameButCase = MASK_KINDS.find((kind) => kind.toLowerCase() === trimmed.toLowerCase());
  const hint = sameButCase ? ` (mask kinds are case-sensitive: "${sameButCase}")` : '';
  return { ok: false, problem: `unknown mask kind "${trimmed}"${hint}; the kinds are ${KIND_LIST}` };
}

function parseMaskObject(value: Record<string, unknown>): ParsedMask {
  const { kind, min, max, ...rest } = value;
  const extra = Object.keys(rest);
  if (extra.length > 0) return { ok: false, problem: `unknown mask propert${extra.length === 1 ? 'y' : 'ies'} ${extra.join(', ')}` };
  if (kind === 'number') {
    if (typeof min !== 'number' || typeof max !== 'number') return { ok: false, problem: 'a number mask needs numeric "min" and "max"' };
    return numberSpec(min, max);
  }
  if (typeof kind !== 'string') return { ok: false, problem: `a mask object needs a "kind"; the kinds are ${KIND_LIST}` };
  if (min !== undefined || max !== undefined) return { ok: false, problem: `only the number mask takes "min" and "max"` };
  return parseMaskText(kind);
}

/**
 * A template mask value as a MaskSpec: a kind name (`"email"`), a number range as text (`"number:1000-5000"`)
 * or as an object (`{ "kind": "number", "min": 1000, "max": 5000 }`; other kinds may use the object form too,
 * `{ "kind": "email" }`).
 */
export function parseMask(value: unknown): ParsedMask {
  if (typeof value === 'string') return parseMaskText(value);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return parseMaskObject(value as Record<string, unknown>);
  return { ok: false, problem: `a mask is a kind name such as "email" or "number:0-100" (or an object with "kind"), not ${JSON.stringify(value)}` };
}

/** The spec as the template writes it (`number:0-100`), for messages and the journal. */
export function maskSpecText(spec: MaskSpec): string {
  return spec.kind === 'number' ? `number:${spec.min}-${spec.max}` : spec.kind;
}
