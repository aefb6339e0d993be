/**
 * Contract between the datasets (this folder) and an emulated org: a dataset fills an org through
 * `SeedTarget`, which writes directly (no API accounting, no cost model) but with the same defaults,
 * system fields and validation as the DML engine.
 */
import type { AutomationRegistry } from '../automation/registry.js';

export interface SeedTarget {
  /**
   * Inserts one record; returns its new Id. Throws on a validation error (a dataset bug). Runs validation
   * rules only (no flows, triggers or duplicate rules: seeded data predates them); `legacy` runs none, for
   * records created before the org's validation rules existed.
   */
  insert(objectName: string, fields: Record<string, unknown>, options?: { legacy?: boolean }): string;
  /** Updates fields of an existing record (e.g. to close a cycle after both records exist). */
  update(objectName: string, id: string, fields: Record<string, unknown>): void;
  /** Id of the org's running user (the user the access token belongs to). */
  readonly runningUserId: string;
  /** Id of a record type of an object by DeveloperName; throws if the schema has none such. */
  recordTypeId(objectName: string, developerName: string): string;
  /**
   * Id of the org's "Standard Price Book" (created with the org, as on Salesforce); throws if the schema has
   * no price books. A product needs a price there before it can have one in a custom price book.
   */
  standardPricebookId(): string;
  /** Id of a profile by Name ("System Administrator", "Standard User"); throws if the org has none such. */
  profileId(name: string): string;
  /** The org's automation (validation rules, flows, triggers...), for datasets that bring their own. */
  readonly automation?: AutomationRegistry;
}

export type DatasetName = 'empty' | 'users' | 'demo' | 'bench';

/** Automation items an org is started with (`automation` option): the demo's, or none. */
export type AutomationName = 'demo' | 'none';

export type DatasetOptions = {
  /** bench: number of records in all (spread over the objects); ignored by the others. */
  records?: number;
  /** Seed for the deterministic generator (default 1). */
  seed?: number;
  /**
   * Makes the dataset's usernames unique to this org (`ada.lovelace@demo-<suffix>.example.com`): Salesforce
   * usernames are unique across all orgs, and a sync tool matches users by username. Default: the running
   * user's Id, lower-cased.
   */
  userSuffix?: string;
};
