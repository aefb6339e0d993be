/**
 * Bulk job ids: 18-character Salesforce ids with the `750` key prefix (AsyncApexJob/Job) and a valid
 * case-safe checksum, so clients that validate or shorten ids treat them like real ones.
 */
import { base62, idChecksum } from '../org/ids.js';

/** Makes job ids 750…; the sequence restarts when the emulator resets. */
export function createJobIdGenerator(): () => string {
  let next = 1;
  return () => {
    // '750' + a fixed pod/instance part ('5g0') + a 9-character sequence = 15 characters.
    const id15 = `7505g0${base62(next++, 9)}`;
    return id15 + idChecksum(id15);
  };
}
