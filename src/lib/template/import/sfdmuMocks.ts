/**
 * SFDMU's mock patterns (`mockFields[].pattern`: a generator of the casual library, evaluated as
 * `casual.<pattern>`, or one of SFDMU's own `c_seq_number(...)`, `c_seq_date(...)`, `c_set_value(...)` and
 * `ids`) against sf isync's mask kinds (src/lib/mapping/masking/maskKinds.ts). A pattern becomes a mask when a
 * kind fakes the same kind of value, a constant (`set`) for `c_set_value`, or nothing, with the reason.
 */
import { SIMPLE_MASK_KINDS } from '../../mapping/masking/maskKinds.js';

export type MockImport =
  | { kind: 'mask'; mask: string; difference?: string }
  | { kind: 'set'; value: string | number | boolean | null }
  | { kind: 'none'; why: string };

/** casual generator -> the mask kind that fakes the same kind of value. */
const SAME_KIND: Record<string, string> = {
  name: 'name',
  full_name: 'name',
  first_name: 'firstName',
  last_name: 'lastName',
  email: 'email',
  free_email: 'email',
  phone: 'phone',
  company_name: 'company',
  street: 'street',
  address1: 'street',
  city: 'city',
  zip: 'postalCode',
};

/** Generators of free text: `redact` hides the value as they do, with a fixed text instead of random words. */
const FREE_TEXT = new Set(['word', 'words', 'sentence', 'sentences', 'text', 'title', 'description', 'short_description', 'catch_phrase', 'string', 'letter']);

const PATTERN = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\((.*)\))?\s*;?\s*$/s;

export function importMockPattern(pattern: string): MockImport {
  const match = PATTERN.exec(pattern);
  if (!match) return { kind: 'none', why: `"${pattern}" is not a generator name sf isync knows` };
  const [, name, args] = match;
  const generator = name.toLowerCase();
  if (SAME_KIND[generator]) return { kind: 'mask', mask: SAME_KIND[generator] };
  if (generator === 'address') return { kind: 'mask', mask: 'street', difference: 'SFDMU writes a whole fake address, sf isync a fake street' };
  if (FREE_TEXT.has(generator)) return { kind: 'mask', mask: 'redact', difference: `SFDMU writes random text (${pattern}), sf isync the fixed text [redacted]` };
  if (generator === 'integer') return integerMask(args, pattern);
  if (generator === 'c_set_value') return constant(args, pattern);
  if (generator === 'ids') return { kind: 'none', why: 'SFDMU writes the source record Id into the field; sf isync has no mask that does (compute cannot read Id)' };
  if (generator === 'c_seq_number' || generator === 'c_seq_date') {
    return { kind: 'none', why: `SFDMU numbers the records in sequence (${pattern}); sf isync masks each value on its own (deterministically), so it has no sequence` };
  }
  const kinds = [...SIMPLE_MASK_KINDS, 'number:MIN-MAX'].join(', ');
  return { kind: 'none', why: `sf isync has no mask for SFDMU's "${name}" generator; its mask kinds are ${kinds}` };
}

function integerMask(args: string | undefined, pattern: string): MockImport {
  const bounds = (args ?? '').split(',').map((part) => Number(part.trim()));
  if (bounds.length === 2 && bounds.every((bound) => Number.isSafeInteger(bound)) && bounds[0] <= bounds[1]) {
    return { kind: 'mask', mask: `number:${bounds[0]}-${bounds[1]}` };
  }
  return { kind: 'none', why: `${pattern} has no whole-number range that number:MIN-MAX can take` };
}

/** `c_set_value('text')`, `c_set_value(42)`, `c_set_value(null)`: a constant, unless it names the source value (RAW_VALUE). */
function constant(args: string | undefined, pattern: string): MockImport {
  const text = (args ?? '').trim();
  if (text.includes('RAW_VALUE')) return { kind: 'none', why: `${pattern} builds the value from the source value (RAW_VALUE); write it as a "compute" expression` };
  const quoted = /^'((?:[^'\\]|\\.)*)'$|^"((?:[^"\\]|\\.)*)"$/s.exec(text);
  if (quoted) return { kind: 'set', value: (quoted[1] ?? quoted[2]).replace(/\\(.)/g, '$1') };
  if (text === '' || text === 'null' || text === 'undefined') return { kind: 'set', value: null };
  if (text === 'true' || text === 'false') return { kind: 'set', value: text === 'true' };
  if (/^-?\d+(\.\d+)?$/.test(text)) return { kind: 'set', value: Number(text) };
  return { kind: 'none', why: `${pattern} sets a value that is not a constant sf isync can read` };
}
