/**
 * Salesforce record ids in filters: a 15-character id is case-sensitive, the 18-character form appends a
 * checksum of the case of the first 15, so Salesforce accepts either (the 18-character one in any case)
 * and treats both as the same record.
 */
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_SHAPE = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

function caseSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      const ch = id15[chunk * 5 + i];
      if (ch >= 'A' && ch <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
}

/** Whether the case of an 18-character id's first 15 characters is the one its last 3 encode. */
function hasCaseOfSuffix(id18: string): boolean {
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      const ch = id18[chunk * 5 + i];
      if (ch >= 'A' && ch <= 'Z') bits |= 1 << i;
    }
    if (SUFFIX_ALPHABET[bits] !== id18[15 + chunk].toUpperCase()) return false;
  }
  return true;
}

/** The case-correct 15-character form of a 15- or 18-character id; undefined when not id-shaped. */
export function canonicalId(id: string): string | undefined {
  if (!ID_SHAPE.test(id)) return undefined;
  if (id.length === 15) return id;
  // The usual case (every id the emulator stores or answers): the first 15 already have the case the checksum
  // says, and are the answer as they are (rebuilding them was the sort's main cost on every ORDER BY Id).
  if (hasCaseOfSuffix(id)) return id.slice(0, 15);
  let result = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    const bits = SUFFIX_ALPHABET.indexOf(id[15 + chunk].toUpperCase());
    if (bits === -1) return undefined;
    for (let i = 0; i < 5; i += 1) {
      const ch = id[chunk * 5 + i];
      result += bits & (1 << i) ? ch.toUpperCase() : ch.toLowerCase();
    }
  }
  return result;
}

/** The 18-character form of a valid id (the form records are stored and indexed under). */
export function toId18(id: string): string | undefined {
  const id15 = canonicalId(id);
  return id15 === undefined ? undefined : id15 + caseSuffix(id15);
}
