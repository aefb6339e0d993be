/**
 * A "family": one customer's sales data, its operations (custom objects) and activities, in the order a
 * real org accepts them. Datasets are made of families so their shape (hierarchies, cycles, record types,
 * junctions) is the same at every size.
 */
import { seedActivities } from './activities.js';
import { seedOperationsCluster } from './operationsCluster.js';
import { seedSalesCluster } from './salesCluster.js';
import type { SeedContext } from './seedContext.js';

/**
 * Records one family inserts (cycle-closing updates not counted): sales 21 (4 accounts, 5 contacts,
 * 3 opportunities, 6 line items, 2 cases, 1 lead), operations 17, tasks 5. Requires a catalog.
 */
export const FAMILY_RECORDS = 43;

export function seedFamily(ctx: SeedContext): void {
  if (!ctx.catalog) throw new Error('seedFamily needs the catalog (seedCatalog) first');
  const sales = seedSalesCluster(ctx);
  const operations = seedOperationsCluster(ctx, sales);
  seedActivities(ctx, sales, operations);
}
