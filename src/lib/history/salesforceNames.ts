import { shortId } from '../util/shortId.js';

const ID_PATTERN = /^[0-9A-Za-z]{15}(?:[0-9A-Za-z]{3})?$/;
/** The checksum character of each 5-character chunk: its upper-case letters as bits, lowest first. */
const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** An sObject API name (`Account`, `ns__Thing__c`, `Thing__History`). */
const OBJECT_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

export function isObjectName(name: string): boolean {
  return OBJECT_NAME.test(name);
}

/** A Salesforce id in either spelling: 15 or 18 base-62 characters. */
export function isSalesforceId(id: string): boolean {
  return ID_PATTERN.test(id);
}

/**
 * The 18-character spelling of an id: the history map hands out 18-character target ids (what the APIs
 * answer), and an exported map must survive a spreadsheet that loses case, which only the checksum makes safe.
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
