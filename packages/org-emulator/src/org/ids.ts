/**
 * Salesforce record ids: 15 case-sensitive characters (3-char key prefix + 12) plus the 3-char case-safe
 * checksum that makes the 18-char form usable where case is lost (Excel, CSV, case-insensitive compares).
 */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_SHAPE = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-5]{3})?$/;

/** The 3-char suffix: one char per 5-char chunk, each bit set where that chunk has an upper-case letter. */
export function idChecksum(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id15.charCodeAt(chunk * 5 + i);
      if (ch >= 65 && ch <= 90) bits |= 1 << i;
    }
    suffix += CHECKSUM_ALPHABET[bits];
  }
  return suffix;
}

/** The 18-char form of a 15- or 18-char id, or undefined when the text is not an id (or a bad checksum). */
export function normalizeId(value: string): string | undefined {
  if (!ID_SHAPE.test(value)) return undefined;
  const id15 = value.slice(0, 15);
  const expected = id15 + idChecksum(id15);
  if (value.length === 18 && value.toUpperCase() !== expected.toUpperCase()) return undefined;
  return expected;
}

export function keyPrefixOf(id: string): string {
  return id.slice(0, 3);
}

export function base62(value: number, width: number): string {
  let text = '';
  let rest = value;
  for (let i = 0; i < width; i++) {
    text = BASE62[rest % 62] + text;
    rest = Math.floor(rest / 62);
  }
  return text;
}

/**
 * Allocates ids for one org: `<prefix><pod 2 chars>0<9-char sequence>` + checksum, like real ids
 * (`0015g00000AbCdE`). The pod characters differ per org so that two emulated orgs never share an id,
 * which lets tests catch code that carries a source id into a target org.
 */
export class IdAllocator {
  private sequence = 0;

  public constructor(private readonly pod: string) {
    if (!/^[a-zA-Z0-9]{2}$/.test(pod)) throw new Error(`pod must be 2 alphanumeric characters: ${pod}`);
  }

  public next(keyPrefix: string): string {
    this.sequence += 1;
    const id15 = `${keyPrefix}${this.pod}0${base62(this.sequence, 9)}`;
    return id15 + idChecksum(id15);
  }
}

/** Deterministic 2-char pod code from a number (0..3843). */
export function podCode(n: number): string {
  return base62(n % (62 * 62), 2);
}
