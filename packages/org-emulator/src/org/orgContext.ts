/**
 * Everything the DML pieces share about one org: schema, storage, ids, record types, the running user and
 * the clock. Passed explicitly rather than held in a god object so each module states what it needs.
 */
import type { RecordAutomation } from '../automation/recordAutomation.js';
import type { StoredRecord } from '../soql/types.js';
import type { DmlError } from './dmlTypes.js';
import type { IdAllocator } from './ids.js';
import type { RecordStore } from './recordStore.js';
import type { RecycleBin } from './recycleBin.js';
import type { RecordTypeRegistry } from './recordTypes.js';
import type { SchemaIndex } from './schemaIndex.js';

/** Compiles a validation rule's condition (a SOQL WHERE expression) into a predicate on a record. */
export type ConditionCompiler = (objectName: string, whereExpr: string) => (record: StoredRecord) => boolean;

export type OrgContext = {
  schema: SchemaIndex;
  store: RecordStore;
  /** What soft deletes did, for undelete and the 15-day purge. */
  recycleBin: RecycleBin;
  ids: IdAllocator;
  recordTypes: RecordTypeRegistry;
  userId: string;
  now: () => Date;
  compileCondition?: ConditionCompiler;
  /** Validation rules, flows, triggers and duplicate rules a save runs. */
  automation: RecordAutomation;
  /** EntityDefinition.DurableId of an object (its API name, or `01I...` for a custom object). */
  entityDurableId: (objectName: string) => string;
  /** Fault injection: an error for a record about to be written (row lock), or undefined. */
  lockFault?: (recordId: string) => DmlError | undefined;
};
