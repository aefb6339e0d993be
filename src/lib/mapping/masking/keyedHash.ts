import { createHmac } from 'node:crypto';

/**
 * HMAC-SHA256 of `kind NUL value` under the masking secret: the same value masks the same way for the same
 * secret in every object and every run, another secret gives unrelated values, and without the secret the
 * masked value tells nothing about the source value (a plain hash of an email could be reversed by hashing
 * candidate emails). The kind separates domains, so a value masked as a first name and as a last name gives
 * unrelated picks.
 */
export function keyedHash(key: Buffer, kind: string, normalisedValue: string): HashWords {
  return new HashWords(createHmac('sha256', key).update(`${kind}\u0000${normalisedValue}`).digest());
}

/**
 * The secret's bytes, encoded once per secret rather than once per value. A Buffer rather than a KeyObject:
 * createHmac takes a Buffer key faster than a KeyObject (a third of the HMAC's cost, measured on Node 22).
 */
const keys = new Map<string, Buffer>();

export function maskKey(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    // A run uses one secret (two in tests): the bound only keeps a misuse from growing without limit.
    if (keys.size >= 8) keys.clear();
    key = Buffer.from(secret, 'utf8');
    keys.set(secret, key);
  }
  return key;
}

/**
 * The 256 hash bits read as eight 32-bit words, one per choice. `index(n)` takes a word modulo n: the bias is
 * below n / 2^32, negligible for lists of a few thousand names.
 */
export class HashWords {
  private next = 0;

  public constructor(private readonly digest: Buffer) {}

  public word(): number {
    if (this.next >= 8) throw new Error('a mask used more than the 8 words of its hash');
    return this.digest.readUInt32BE(4 * this.next++);
  }

  public index(count: number): number {
    return this.word() % count;
  }

  public pick<T>(values: readonly T[]): T {
    return values[this.index(values.length)];
  }

  /** `digits` decimal digits, zero-padded (up to 9 from one word). */
  public digits(digits: number): string {
    return String(this.index(10 ** digits)).padStart(digits, '0');
  }

  /** A fraction in [0, 1) from 53 bits, for ranges too wide for one word's modulo. */
  public fraction(): number {
    const high = this.word() >>> 11; // 21 bits
    const low = this.word(); // 32 bits
    return (high * 2 ** 32 + low) / 2 ** 53;
  }
}
