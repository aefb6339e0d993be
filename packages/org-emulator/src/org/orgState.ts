/**
 * The in-process state of one emulated org: identity, schema, storage, DML engine, the SOQL data source
 * and the seed target. No HTTP here; the server and the tests both work through this object.
 */
import { EntityIds } from '../automation/entityIds.js';
import { FieldVisibility } from '../deploy/fieldVisibility.js';
import { RecordAutomation } from '../automation/recordAutomation.js';
import { dataApiSource, type SetupObject, toolingSource } from '../automation/setupSource.js';
import { AutomationRegistry } from '../automation/registry.js';
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
import { SchemaChanges } from './schemaChanges.js';
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
  /** The org's objects (Bulk queries, validation conditions). */
  public readonly source: SoqlDataSource;
  /** `/query`'s view: the org's objects plus FlowDefinitionView, ApexTrigger and DuplicateRule. */
  public readonly querySource: SoqlDataSource;
  /** `/tooling/query`'s view: the Tooling automation objects and EntityDefinition. */
  public readonly toolingSource: SoqlDataSource;
  /** Tooling objects served from outside the org's state (DeployRequest, from the deploy queue). */
  private readonly toolingObjects: SetupObject[] = [];
  public readonly seedTarget: SeedTarget;
  /** Validation rules, flows, triggers, duplicate and workflow rules (the schema's rules and the dataset's). */
  public readonly automation: AutomationRegistry;
  /** EntityDefinition DurableIds: the API name of a standard object, an `01I...` id for a custom one. */
  public readonly entityIds: EntityIds;
  /** What Metadata API deploys changed in the schema (fields, record types), undone by `clearData()`. */
  public readonly schemaChanges: SchemaChanges;
  /** Field-level security of deployed fields for the running user (deploy/fieldVisibility.ts). */
  public readonly fieldVisibility: FieldVisibility;
  private readonly ctx: OrgContext;
  private readonly schemaDef: SchemaDef;
  /** Set by the fault injector; consulted for every record written. */
  private lockFault: ((id: string) => DmlError | undefined) | undefined;

  public constructor(options: OrgStateOptions) {
    this.identity = createIdentity({ username: options.username, seed: options.seed, edition: options.edition ?? 'developer' });
    this.schema = new SchemaIndex(options.schema);
    this.store = new RecordStore(this.schema);
    this.recycleBin = new RecycleBin(this.store.journal);
    this.recordTypes = new RecordTypeRegistry(options.schema.objects, this.identity.ids);
    this.source = createSoqlSource(this.schema, this.store);
    const pod = this.identity.orgId.slice(3, 5);
    this.schemaDef = options.schema;
    this.automation = new AutomationRegistry(pod);
    this.entityIds = new EntityIds(pod, options.schema);
    const compileCondition = options.conditionCompiler?.(this.source);
    const rows = { registry: this.automation, entityIds: this.entityIds, labelOf: (name: string) => this.schema.object(name)?.def.header.label ?? name };
    this.querySource = dataApiSource(this.source, rows);
    this.toolingSource = toolingSource(this.source, rows, this.toolingObjects);
    this.ctx = {
      schema: this.schema,
      store: this.store,
      recycleBin: this.recycleBin,
      ids: this.identity.ids,
      recordTypes: this.recordTypes,
      userId: this.identity.userId,
      now: options.now ?? ((): Date => new Date()),
      compileCondition,
      automation: new RecordAutomation(this.automation, this.store, compileCondition),
      entityDurableId: (objectName) => this.entityIds.durableId(objectName),
      lockFault: (id) => this.lockFault?.(id),
    };
    const writer = new RecordWriter(this.ctx);
    this.engine = new OrgDmlEngine(this.ctx, writer);
    this.seedTarget = createSeedTarget(this.ctx, writer, this.automation);
    this.schemaChanges = new SchemaChanges(this.schema, this.store, this.recordTypes);
    this.fieldVisibility = new FieldVisibility(this.schemaChanges, this.store, this.identity.userId);
    // A PermissionSetAssignment written through any API shows or hides deployed fields from the next request on.
    this.engine.onWrite(() => this.fieldVisibility.refresh());
    this.insertSystemRows();
    this.addSchemaRules();
  }

  public get orgId(): string {
    return this.identity.orgId;
  }

  /** Serves a read-only object on `/tooling/query` from now on (the server's deploy queue adds DeployRequest). */
  public addToolingObject(object: SetupObject): void {
    this.toolingObjects.push(object);
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

  /**
   * Empties every object and puts the system rows back (the caller reseeds a dataset if it wants one). The
   * schema goes back to its start state too: fields and record types deploys added are gone, as are the
   * permission sets (rows) that granted them.
   */
  public clearData(): void {
    this.fieldVisibility.clear();
    this.schemaChanges.restore();
    this.store.clear();
    this.recycleBin.clear();
    this.insertSystemRows();
    this.automation.clear();
    this.addSchemaRules();
  }

  /** The schema's validation rules (schema files' SOQL-condition form) become the org's ValidationRule rows. */
  private addSchemaRules(): void {
    for (const def of this.schemaDef.objects) for (const rule of def.validationRules) this.automation.addSchemaRule(def.header.name, rule);
  }

  private insertSystemRows(): void {
    insertSystemRows(this.ctx, this.identity, `Emulated Org ${this.identity.orgId.slice(3, 5)}`);
  }
}
