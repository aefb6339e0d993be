/**
 * Bulk job ids: 18-character Salesforce ids with the `750` key prefix (AsyncApexJob/Job) and a valid
 * case-safe checksum, so clients that validate or shorten ids treat them like real ones.
 */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The 3-character suffix that makes a 15-character id case-insensitive. */
export function checksumSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const char = id15[chunk * 5 + i];
      if (char >= 'A' && char <= 'Z') bits |= 1 << i;
    }
    suffix += CHECKSUM_ALPHABET[bits];
  }
  return suffix;
}

function base62(value: number, width: number): string {
  let text = '';
  let rest = value;
  for (let i = 0; i < width; i++) {
    text = BASE62[rest % 62] + text;
    rest = Math.floor(rest / 62);
  }
  return text;
}

/** Makes job ids 750…; the sequence restarts when the emulator resets. */
export function createJobIdGenerator(): () => string {
  let next = 1;
  return () => {
    // '750' + a fixed pod/instance part ('5g0') + a 9-character sequence = 15 characters.
    const id15 = `7505g0${base62(next++, 9)}`;
    return id15 + checksumSuffix(id15);
  };
}
