import type { SObjectRow } from '../api/queryPages.js';
import type { RecordError } from '../api/collections.js';
import type { DescribeField, DescribeSObject } from '../schema/describeTypes.js';
import type { SyncObject } from '../template/syncTemplate.js';
import type { InDoubtWrites } from '../journal/inDoubtWrites.js';
import { scalarText } from '../util/scalarText.js';
import type { IdMap } from '../util/idMap.js';
import { PARENT_NOT_SYNCED, REFERENCE_NOT_FOUND, TRANSFORM_FAILED } from '../util/outcomeCodes.js';
import type { RowTransform } from './rowTransform.js';

/** What the transformer needs to know about one object's step in the plan. */
export type ObjectSyncSpec = {
  object: SyncObject;
  source: DescribeSObject;
  target: DescribeSObject;
  /** Target describes of the template's fields that exist in the target, in template order. */
  fields: readonly DescribeField[];
  /** A retry: only these source records (the object's other records are done). */
  onlySourceIds?: readonly string[];
  /** A delta read: only source records whose `SystemModstamp` is after this (ISO); absent: every record. */
  modifiedSince?: string;
  /** Lookups inserted empty and filled by the update pass (cycle breakers). */
  deferredLookups: ReadonlySet<string>;
  /** Lookups to the object itself: a record waits until its parent is in the target. */
  selfReferences: ReadonlySet<string>;
  /** A resume or retry: records whose write a crash (or a failure in transit) left in doubt, settled first. */
  inDoubt?: InDoubtWrites;
  /** The template's transformations (fieldMap, set, compute, valueMap, mask), applied to each row before matching. */
  transform?: RowTransform;
};

/**
 * The lookups whose parents a record needs in the target before it is written: neither deferred (the update
 * pass fills those) nor self-references (the object's own level-by-level queue waits for those).
 */
export function parentLookups(spec: ObjectSyncSpec): DescribeField[] {
  return spec.fields.filter((field) => field.type === 'reference' && !spec.deferredLookups.has(field.name) && !spec.selfReferences.has(field.name));
}

/**
 * The object a lookup value points to: by the id's key prefix (polymorphic lookups such as OwnerId or WhatId),
 * else the field's first target.
 */
export function parentObjectOf(field: DescribeField, parentId: string, objectOfId: (id: string) => string | undefined): string {
  return objectOfId(parentId) ?? field.referenceTo[0];
}

export type LookupContext = {
  idMap: IdMap;
  /** Objects of the template: lookups to them are remapped through the id map. */
  templateObjects: ReadonlySet<string>;
  /** The object a source id belongs to (key prefix), for polymorphic lookups. */
  objectOfId(id: string): string | undefined;
  /** Target id found by match key for a record outside the sync: id, null = none, undefined = not asked. */
  resolved(sourceId: string): string | null | undefined;
  /** The running user in the target: the owner of last resort. */
  targetUserId: string;
  /** Template objects without a match key (`"matchBy": false`): their records are found only in the id map. */
  isInsertOnly?(object: string): boolean;
};

export type PendingLookup = { field: string; sourceParentId: string };

/** A source record turned into target values, before it is compared with its match. */
export type PreparedRecord = {
  sourceId: string;
  /**
   * The match key, set by the caller from the row's key view (a junction's key holds its parents' target ids,
   * which the row does not): null until then, and for an insert-only object.
   */
  key: string | null;
  /** Target field -> value, lookups remapped; deferred and waiting self-references left out. */
  values: Record<string, unknown>;
  /** Deferred lookups to fill in the update pass. */
  deferred: PendingLookup[];
  /** Self-references whose parent is not in the target yet. */
  waitingFor: PendingLookup[];
  /** Lookups left empty or defaulted, reported in the summary (e.g. 'OwnerId: owner not found, running user used'). */
  notes: string[];
  failure?: RecordError;
};

/**
 * Turns one source row (transformed: see rowTransform.ts) into the values to write in the target, without
 * mutating the row. `transformProblem`: why the template's transformations could not compute its values.
 */
export function prepareRecord(row: SObjectRow, spec: ObjectSyncSpec, context: LookupContext, transformProblem?: string): PreparedRecord {
  const prepared: PreparedRecord = {
    sourceId: String(row.Id),
    key: null,
    values: {},
    deferred: [],
    waitingFor: [],
    notes: [],
  };
  if (transformProblem) {
    prepared.failure = { statusCode: TRANSFORM_FAILED, message: `${transformProblem}. Fix the record in the source or the template's expression, then run "sf isync retry".`, fields: [] };
  }
  for (const field of spec.fields) {
    const fieldName = field.name;
    const value = row[fieldName];
    if (field.type !== 'reference' || value === null || value === undefined) {
      prepared.values[fieldName] = value ?? null;
      continue;
    }
    const parentId = scalarText(value);
    if (spec.deferredLookups.has(fieldName)) {
      prepared.deferred.push({ field: fieldName, sourceParentId: parentId });
      continue;
    }
    const mapped = context.idMap.get(parentId);
    if (mapped !== undefined) {
      prepared.values[fieldName] = mapped;
      continue;
    }
    if (spec.selfReferences.has(fieldName)) {
      prepared.waitingFor.push({ field: fieldName, sourceParentId: parentId });
      continue;
    }
    const failure = resolveOutside(prepared, field, parentId, spec, context);
    if (failure) {
      prepared.failure = failure;
      return prepared;
    }
  }
  return prepared;
}

/** A lookup whose parent the run did not sync: find it in the target by match key, or decide what to do. */
function resolveOutside(
  prepared: PreparedRecord,
  field: DescribeField,
  parentId: string,
  spec: ObjectSyncSpec,
  context: LookupContext
): RecordError | undefined {
  const found = context.resolved(parentId);
  if (typeof found === 'string') {
    prepared.values[field.name] = found;
    return undefined;
  }
  const parentObject = parentObjectOf(field, parentId, (id) => context.objectOfId(id));
  if (field.name === 'OwnerId') {
    prepared.values[field.name] = context.targetUserId;
    prepared.notes.push(`OwnerId: owner ${parentId} not found in the target; the running user owns the record`);
    return undefined;
  }
  if (context.isInsertOnly?.(parentObject)) {
    return {
      statusCode: PARENT_NOT_SYNCED,
      message: `${field.name} points to ${parentObject} ${parentId}, which this run did not insert. ${parentObject} is insert-only ("matchBy": false), so its records are found only among those the run inserted, never by key in the target. Select that record in ${parentObject}'s "where" (or fix why it failed), then run "sf isync retry".`,
      fields: [field.name],
    };
  }
  if (context.templateObjects.has(parentObject)) {
    return {
      statusCode: PARENT_NOT_SYNCED,
      message: `${field.name} points to ${parentObject} ${parentId}, which was not synced and has no match in the target. Fix that record, then run "sf isync retry".`,
      fields: [field.name],
    };
  }
  if (field.nillable) {
    prepared.values[field.name] = null;
    prepared.notes.push(`${field.name}: ${parentObject} ${parentId} not found in the target; left empty`);
    return undefined;
  }
  return {
    statusCode: REFERENCE_NOT_FOUND,
    message: `${field.name} is required and points to ${parentObject} ${parentId}, which has no match in the target (${spec.object.name} cannot be saved without it). Add ${parentObject} to the template or create the record in the target.`,
    fields: [field.name],
  };
}
