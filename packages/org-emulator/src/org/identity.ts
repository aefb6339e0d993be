/**
 * Who an emulated org is: org id, running user id, username and access token, derived deterministically
 * from the username (and seed) so a test that names its org gets the same ids every run, while two orgs
 * in one process never share a pod, an id or a token.
 */
import { createHash } from 'node:crypto';
import { IdAllocator, podCode } from './ids.js';

export type Edition = 'developer' | 'production' | 'sandbox';

export type OrgIdentity = {
  orgId: string;
  userId: string;
  username: string;
  accessToken: string;
  edition: Edition;
  /** Allocates every other id of the org (same pod as the org id). */
  ids: IdAllocator;
};

const podsInUse = new Set<string>();
let orgsCreated = 0;

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** A username for an org started without one: distinct per org in this process. */
export function defaultUsername(edition: Edition): string {
  return `admin-${orgsCreated + 1}@${edition}.emulator.isync.test`;
}

export function createIdentity(options: { username?: string; seed?: number; edition: Edition }): OrgIdentity {
  const username = options.username ?? defaultUsername(options.edition);
  orgsCreated += 1;
  const hash = digest(`${username}|${options.seed ?? 1}`);
  let podNumber = hash.readUInt16BE(0);
  while (podsInUse.has(podCode(podNumber))) podNumber += 1;
  const pod = podCode(podNumber);
  podsInUse.add(pod);
  const ids = new IdAllocator(pod);
  const orgId = ids.next('00D');
  const userId = ids.next('005');
  // `00D` + 15-char org id prefix + `!` + opaque part: the shape `sf org login access-token` requires.
  const accessToken = `${orgId.slice(0, 15)}!${hash.subarray(2, 32).toString('base64url')}`;
  return { orgId, userId, username, accessToken, edition: options.edition, ids };
}

/** Frees the org's pod when it stops, so long test runs do not exhaust them. */
export function releaseIdentity(identity: OrgIdentity): void {
  podsInUse.delete(identity.orgId.slice(3, 5));
}
