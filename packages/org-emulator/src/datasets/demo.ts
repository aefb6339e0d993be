/**
 * `demo`: a few hundred realistic records (4 users, the catalog, 8 families = 367 records), the same for
 * the same seed.
 */
import { seedCatalog, seedUsers, usernameSuffix } from './catalog.js';
import { seedFamily } from './family.js';
import { SeededRandom } from './random.js';
import { SeedContext } from './seedContext.js';
import type { DatasetOptions, SeedTarget } from './types.js';

export const DEMO_USERS = 4;
export const DEMO_FAMILIES = 8;

export function seedDemo(target: SeedTarget, options: DatasetOptions): void {
  const ctx = new SeedContext(target, new SeededRandom(options.seed ?? 1));
  seedUsers(ctx, DEMO_USERS, usernameSuffix(options.userSuffix ?? target.runningUserId));
  seedCatalog(ctx);
  for (let family = 0; family < DEMO_FAMILIES; family++) seedFamily(ctx);
  // The demo's automation (demoAutomation.ts) is installed after the data by the org (`automation` option).
}

/**
 * `users`: only the demo's people (same names and e-mails, usernames of this org), as a target org where the
 * same people work: a sync finds record owners there by e-mail.
 */
export function seedDemoUsers(target: SeedTarget, options: DatasetOptions): void {
  const ctx = new SeedContext(target, new SeededRandom(options.seed ?? 1));
  seedUsers(ctx, DEMO_USERS, usernameSuffix(options.userSuffix ?? target.runningUserId));
}
