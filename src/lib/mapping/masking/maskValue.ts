/**
 * Deterministic masking of one value: realistic replacement values picked by a keyed hash of the source value
 * (see keyedHash.ts), so the same value masks the same way in every object and every run for the same secret,
 * duplicates stay duplicates, and masked match keys still match.
 */
import { scalarText } from '../../util/scalarText.js';
import { fakeValuePools } from './fakeValuePools.js';
import { keyedHash, maskKey, type HashWords } from './keyedHash.js';
import type { MaskSpec, NumberMaskSpec, SimpleMaskKind } from './maskKinds.js';

/** Reserved for documentation (RFC 2606): masked emails can never reach a real mailbox. */
export const MASKED_EMAIL_DOMAIN = 'example.com';

/** What replaces a redacted value (cut to the field's length when it is shorter). */
export const REDACTED_TEXT = '[redacted]';

export type MaskOptions = {
  /** The target field's length (describe `length`): longer masked text is shortened to fit; 0 = no limit. */
  maxLength?: number;
};

export type MaskedValue = string | number | null;

/**
 * The source value as the hash sees it, so that values that mean the same mask the same: emails are
 * case-insensitive (`A@x.com` and `a@x.com` stay duplicates), phones are their digits (`+1 (415) 555-0100`
 * and `14155550100`), numbers their canonical form (`1000` and `1000.0`); names keep their case (a name's
 * case can carry meaning, `McDonald`), places and companies do not.
 */
function normalise(kind: SimpleMaskKind | 'number', text: string): string {
  switch (kind) {
    case 'email':
    case 'company':
    case 'street':
    case 'city':
      return text.trim().toLowerCase();
    case 'postalCode':
      return text.replace(/\s+/g, '').toUpperCase();
    case 'phone':
      return text.replace(/\D+/g, '');
    case 'number': {
      const number = Number(text);
      return Number.isFinite(number) ? String(number) : text.trim();
    }
    default:
      return text.trim();
  }
}

/** A name as an email's local-part atom: ASCII letters only (`O'Connell` -> `oconnell`). */
function emailAtom(name: string): string {
  return name.toLowerCase().replace(/[^a-z]/g, '');
}

/**
 * `first.last.123456@example.com`: about 3,000 first names x 470 last names x a million numbers, so a million
 * distinct source emails give well under one expected collision (a collision would merge two records'
 * masked match keys). Shorter forms keep the email valid in a short field.
 */
function maskedEmail(words: HashWords, maxLength: number): string {
  const { firstNames, lastNames } = fakeValuePools();
  const first = emailAtom(words.pick(firstNames));
  const last = emailAtom(words.pick(lastNames));
  const number = words.digits(6);
  const candidates = [`${first}.${last}.${number}`, `${last}.${number}`, number].map((local) => `${local}@${MASKED_EMAIL_DOMAIN}`);
  return candidates.find((email) => email.length <= maxLength) ?? candidates[candidates.length - 1];
}

/** `(415) 555-0142`: 555-0100 to 555-0199 are the numbers reserved for fiction in every North American area code. */
function maskedPhone(words: HashWords, maxLength: number): string {
  const areaCode = String(200 + words.index(800));
  const line = words.digits(2);
  const formatted = `(${areaCode}) 555-01${line}`;
  return formatted.length <= maxLength ? formatted : `${areaCode}55501${line}`;
}

/** Faker's company name patterns: `Smith Inc`, `Smith-Jones`, `Smith, Jones and Brown`. */
function maskedCompany(words: HashWords): string {
  const { lastNames, legalEntityTypes } = fakeValuePools();
  const pattern = words.index(3);
  const first = words.pick(lastNames);
  if (pattern === 0) return `${first} ${words.pick(legalEntityTypes)}`;
  if (pattern === 1) return `${first}-${words.pick(lastNames)}`;
  return `${first}, ${words.pick(lastNames)} and ${words.pick(lastNames)}`;
}

function maskedText(kind: Exclude<SimpleMaskKind, 'redact' | 'null'>, words: HashWords, maxLength: number): string {
  const { firstNames, lastNames, streetSuffixes, cities } = fakeValuePools();
  switch (kind) {
    case 'email':
      return maskedEmail(words, maxLength);
    case 'phone':
      return maskedPhone(words, maxLength);
    case 'firstName':
      return words.pick(firstNames);
    case 'lastName':
      return words.pick(lastNames);
    case 'name':
      return `${words.pick(firstNames)} ${words.pick(lastNames)}`;
    case 'company':
      return maskedCompany(words);
    case 'street':
      return `${1 + words.index(9999)} ${words.pick(lastNames)} ${words.pick(streetSuffixes)}`;
    case 'city':
      return words.pick(cities);
    case 'postalCode':
      return words.digits(5);
  }
}

/** An integer drawn uniformly from min..max (53 hash bits, so even the widest safe range is uniform). */
function maskedNumber(spec: NumberMaskSpec, words: HashWords): number {
  return spec.min + Math.floor(words.fraction() * (spec.max - spec.min + 1));
}

function cut(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : text.slice(0, maxLength).trimEnd();
}

/**
 * The masked value of `value` under `secret`. Null and undefined stay null and '' stays '' (nothing to hide),
 * except for the `null` kind, which always gives null. Text kinds return text, `number` returns a number.
 * Throws only for a value that is not a scalar, and never with the value in the message.
 */
export function maskValue(spec: MaskSpec, value: unknown, secret: string, options: MaskOptions = {}): MaskedValue {
  if (spec.kind === 'null' || value === null || value === undefined) return null;
  if (typeof value === 'object' || typeof value === 'function' || typeof value === 'symbol') {
    throw new TypeError(`cannot mask a value of type ${typeof value} with the ${spec.kind} mask`);
  }
  const text = scalarText(value);
  if (text === '') return '';
  const maxLength = options.maxLength && options.maxLength > 0 ? options.maxLength : Number.POSITIVE_INFINITY;
  if (spec.kind === 'redact') return cut(REDACTED_TEXT, maxLength);
  const words = keyedHash(maskKey(secret), spec.kind, normalise(spec.kind, text));
  if (spec.kind === 'number') return maskedNumber(spec, words);
  return cut(maskedText(spec.kind, words, maxLength), maxLength);
}
