/**
 * The 15-character, case-sensitive form of a Salesforce id (an 18-character id without its checksum suffix),
 * so that the two spellings of one record's id key the same entry. Other strings are kept as they are.
 */
export function shortId(id: string): string {
  return id.length === 18 ? id.slice(0, 15) : id;
}
