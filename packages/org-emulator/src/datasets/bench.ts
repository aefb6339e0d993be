/**
 * `bench`: exactly `records` records (default 1000) with the demo's shape, deterministic per seed. Records
 * are generated family by family and only the current family's ids are held, so memory stays flat however
 * many records are asked for (1,000,000 included).
 */
import { seedCatalog, seedUsers, usernameSuffix } from './catalog.js';
import { FAMILY_RECORDS, seedFamily } from './family.js';
import { SeededRandom } from './random.js';
import { SeedContext } from './seedContext.js';
import { COMPANY_KINDS, COMPANY_ROOTS, PRODUCTS } from './vocabulary.js';
import type { DatasetOptions, SeedTarget } from './types.js';

export const DEFAULT_BENCH_RECORDS = 1000;
export const BENCH_USERS = 3;

export function seedBench(target: SeedTarget, options: DatasetOptions): void {
  const total = options.records ?? DEFAULT_BENCH_RECORDS;
  if (!Number.isInteger(total) || total < 0) throw new Error(`bench: records must be a whole number >= 0, got ${total}`);
  const ctx = new SeedContext(target, new SeededRandom(options.seed ?? 1));
  // Users, the custom price book, products and their standard and custom prices.
  const setupRecords = BENCH_USERS + 1 + 3 * PRODUCTS.length;
  if (total >= setupRecords + FAMILY_RECORDS) {
    seedUsers(ctx, BENCH_USERS, usernameSuffix(options.userSuffix ?? target.runningUserId));
    seedCatalog(ctx);
    while (total - ctx.inserted >= FAMILY_RECORDS) seedFamily(ctx);
  }
  // The remainder (fewer than one family) as standalone accounts, so the total is exact.
  while (ctx.inserted < total) {
    ctx.insert('Account', {
      Name: `${ctx.random.pick(COMPANY_ROOTS)} ${ctx.random.pick(COMPANY_KINDS)} #${ctx.nextNumber('standalone')}`,
      RecordTypeId: target.recordTypeId('Account', 'Customer'),
      Type: 'Prospect',
      OwnerId: ctx.owner(),
    });
  }
}
