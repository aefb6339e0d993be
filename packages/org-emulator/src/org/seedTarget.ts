/**
 * SeedTarget for datasets: direct writes with the DML engine's validation, defaults and system fields,
 * but no API accounting, cost model or faults. A dataset that writes a bad record is a bug, so errors throw.
 */
import type { SaveOptions } from '../automation/recordAutomation.js';
import type { AutomationRegistry } from '../automation/registry.js';
import type { SeedTarget } from '../datasets/types.js';
import { RecordError } from './dmlErrors.js';
import type { OrgContext } from './orgContext.js';
import { standardPricebookId } from './priceBooks.js';
import type { RecordWriter } from './recordWriter.js';

/**
 * Seeded data is history: it was there before the org's flows, triggers and duplicate rules, so seeding runs
 * only validation rules (a dataset record that breaks one is a dataset bug), and `legacy` nothing at all.
 */
const SEEDING: SaveOptions = { level: 'validationOnly' };
const LEGACY: SaveOptions = { level: 'none' };

export function createSeedTarget(ctx: OrgContext, writer: RecordWriter, automation?: AutomationRegistry): SeedTarget {
  const rethrow = (objectName: string, e: unknown): never => {
    if (e instanceof RecordError) throw new Error(`seeding ${objectName} failed: ${e.message}`);
    throw e;
  };
  return {
    runningUserId: ctx.userId,
    automation,
    insert(objectName, fields, options) {
      try {
        const record = writer.buildInsert(objectName, fields, options?.legacy === true ? LEGACY : SEEDING);
        ctx.store.insert(writer.objectInfo(objectName).name, record);
        return record.Id;
      } catch (e) {
        return rethrow(objectName, e);
      }
    },
    update(objectName, id, fields) {
      const existing = ctx.store.get(id);
      if (!existing) throw new Error(`seeding ${objectName} failed: no record ${id}`);
      try {
        ctx.store.update(existing.objectName, id, writer.buildUpdate(objectName, existing.record, fields, SEEDING));
      } catch (e) {
        rethrow(objectName, e);
      }
    },
    recordTypeId(objectName, developerName) {
      const rt = ctx.recordTypes.byDeveloperName(objectName, developerName);
      if (!rt) throw new Error(`${objectName} has no record type ${developerName}`);
      return rt.id;
    },
    standardPricebookId() {
      const id = standardPricebookId(ctx);
      if (!id) throw new Error('the schema has no Pricebook2, so the org has no standard price book');
      return id;
    },
    profileId(name) {
      const profile = [...ctx.store.scan('Profile', false)].find((row) => row.Name === name);
      if (!profile) throw new Error(`the org has no profile named ${name}`);
      return profile.Id;
    },
  };
}
