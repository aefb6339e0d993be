/**
 * The 15-character, case-sensitive form of a Salesforce id (an 18-character id without its checksum suffix),
 * so that the two spellings of one record's id key the same entry. Other strings are kept as they are.
 */
export function shortId(id: string): string {
  return id.length === 18 ? id.slice(0, 15) : id;
}

const ID_PATTERN = /^[0-9A-Za-z]{15}(?:[0-9A-Za-z]{3})?$/;
/** The checksum character of each 5-character chunk: its upper-case letters as bits, lowest first. */
const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** A Salesforce id in either spelling: 15 or 18 base-62 characters (not a dry run's placeholder, not a test's). */
export function isSalesforceId(id: string): boolean {
  return ID_PATTERN.test(id);
}

/**
 * The 18-character spelling of an id: what the APIs answer, and what survives a spreadsheet that loses case
 * (only the checksum tells `a` from `A`).
 */
export function toId18(id: string): string {
  const id15 = shortId(id);
  if (id15.length !== 15) return id;
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let index = 0; index < 5; index++) {
      const code = id15.charCodeAt(chunk * 5 + index);
      if (code >= 65 && code <= 90) bits |= 1 << index;
    }
    suffix += CHECKSUM_ALPHABET[bits];
  }
  return id15 + suffix;
}
