/**
 * The in-process state of one emulated org: identity, schema, storage, DML engine, the SOQL data source
 * and the seed target. No HTTP here; the server and the tests both work through this object.
 */
import type { SeedTarget } from '../datasets/types.js';
import type { SchemaDef } from '../schema/model.js';
import type { SoqlDataSource, StoredRecord } from '../soql/types.js';
import { OrgDmlEngine } from './dmlEngine.js';
import type { DmlError } from './dmlTypes.js';
import { createIdentity, type Edition, type OrgIdentity } from './identity.js';
import type { ConditionCompiler, OrgContext } from './orgContext.js';
import { standardPricebookId } from './priceBooks.js';
import { RecordStore } from './recordStore.js';
import { RecycleBin } from './recycleBin.js';
import { backdateAuditStamps } from './seedAge.js';
import { RecordTypeRegistry } from './recordTypes.js';
import { RecordWriter } from './recordWriter.js';
import { SchemaIndex } from './schemaIndex.js';
import { createSeedTarget } from './seedTarget.js';
import { createSoqlSource } from './soqlSource.js';
import { emptyRecycleBin, purgeExpired } from './undelete.js';
import { insertSystemRows } from './systemRows.js';

export type OrgStateOptions = {
  schema: SchemaDef;
  edition?: Edition;
  username?: string;
  seed?: number;
  /** Builds the validation-rule compiler once the data source exists (it reads parents through it). */
  conditionCompiler?: (source: SoqlDataSource) => ConditionCompiler;
  now?: () => Date;
};

export class OrgState {
  public readonly identity: OrgIdentity;
  public readonly schema: SchemaIndex;
  public readonly store: RecordStore;
  public readonly recycleBin: RecycleBin;
  public readonly recordTypes: RecordTypeRegistry;
  public readonly engine: OrgDmlEngine;
  public readonly source: SoqlDataSource;
  public readonly seedTarget: SeedTarget;
  private readonly ctx: OrgContext;
  /** Set by the fault injector; consulted for every record written. */
  private lockFault: ((id: string) => DmlError | undefined) | undefined;

  public constructor(options: OrgStateOptions) {
    this.identity = createIdentity({ username: options.username, seed: options.seed, edition: options.edition ?? 'developer' });
    this.schema = new SchemaIndex(options.schema);
    this.store = new RecordStore(this.schema);
    this.recycleBin = new RecycleBin(this.store.journal);
    this.recordTypes = new RecordTypeRegistry(options.schema.objects, this.identity.ids);
    this.source = createSoqlSource(this.schema, this.store);
    this.ctx = {
      schema: this.schema,
      store: this.store,
      recycleBin: this.recycleBin,
      ids: this.identity.ids,
      recordTypes: this.recordTypes,
      userId: this.identity.userId,
      now: options.now ?? ((): Date => new Date()),
      compileCondition: options.conditionCompiler?.(this.source),
      lockFault: (id) => this.lockFault?.(id),
    };
    const writer = new RecordWriter(this.ctx);
    this.engine = new OrgDmlEngine(this.ctx, writer);
    this.seedTarget = createSeedTarget(this.ctx, writer);
    this.insertSystemRows();
  }

  public get orgId(): string {
    return this.identity.orgId;
  }

  public get userId(): string {
    return this.identity.userId;
  }

  /** Id of the org's "Standard Price Book" (undefined when the schema has no Pricebook2). */
  public get standardPricebookId(): string | undefined {
    return standardPricebookId(this.ctx);
  }

  public setLockFault(fault: ((id: string) => DmlError | undefined) | undefined): void {
    this.lockFault = fault;
  }

  /** Live records of an object (for tests: `org.records('Account')`). */
  public records(objectName: string, includeDeleted = false): StoredRecord[] {
    return [...this.store.scan(objectName, includeDeleted)];
  }

  public count(objectName: string, includeDeleted = false): number {
    return this.store.count(objectName, includeDeleted);
  }

  public get(id: string): StoredRecord | undefined {
    return this.source.getById(id)?.record;
  }

  /** Moves every record's CreatedDate, LastModifiedDate and SystemModstamp back by `days` (seeded history). */
  public backdateAuditStamps(days: number): void {
    backdateAuditStamps(this.schema, this.store, days);
  }

  /** The org's clock (tests may start an org with their own). */
  public now(): Date {
    return this.ctx.now();
  }

  /** Purges deletes older than the recycle bin's 15 days; the server calls it before each API call. */
  public purgeExpiredDeletions(): number {
    return purgeExpired(this.ctx);
  }

  /** Empties the recycle bin (all of it, or the deletes the ids belong to); answers the ids purged. */
  public emptyRecycleBin(ids?: string[]): string[] {
    return emptyRecycleBin(this.ctx, ids);
  }

  /** Empties every object and puts the system rows back (the caller reseeds a dataset if it wants one). */
  public clearData(): void {
    this.store.clear();
    this.recycleBin.clear();
    this.insertSystemRows();
  }

  private insertSystemRows(): void {
    insertSystemRows(this.ctx, this.identity, `Emulated Org ${this.identity.orgId.slice(3, 5)}`);
  }
}
