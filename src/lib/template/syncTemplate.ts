import type { ObjectTransform } from './transformRules.js';

/** The sync template after validation against the orgs' describes: names in their describe spelling, defaults filled. */

export type MatchKey = {
  /** Fields read from the source record, in key order. */
  source: string[];
  /** Fields compared in the target, same length and order as `source`. */
  target: string[];
};

export type SyncObject = {
  /** API name as the source describe spells it: the object's name everywhere (plan, journal, report). */
  name: string;
  /** The target object as the target's describe spells it, when it is not `name` (`"target"` in the template). */
  targetName?: string;
  where?: string;
  orderBy?: string;
  limit?: number;
  /** The fields to write: the template's list (or every writable field in both orgs) minus `excludeFields`. */
  fields: string[];
  /** The template's own `fields`, or null when the default writable fields are used (kept for `--write`). */
  requestedFields: string[] | null;
  excludeFields: string[];
  /**
   * The key that finds a source record's counterpart in the target, or null for an object without one: matched
   * by history only (`history`), or insert-only (`"matchBy": false`: nothing is matched, every selected source
   * record is inserted on every run, and its records are found only through the run's id map).
   */
  matchBy: MatchKey | null;
  /**
   * Matched first by the source id -> target id map of earlier runs between the same two orgs (see
   * template/matchMode.ts): the default for objects without a natural key, `"history"` in `matchBy`.
   */
  history: boolean;
  insert: boolean;
  update: boolean;
  /**
   * `fieldMap`, `set`, `compute`, `valueMap` and `mask` as one rule per target field they write (those fields
   * are in `fields`); absent when the object has none.
   */
  transform?: ObjectTransform;
};

/** Whether the object is insert-only (`"matchBy": false`): no key and no history, nothing is ever matched. */
export function isInsertOnly(object: Pick<SyncObject, 'matchBy' | 'history'>): boolean {
  return object.matchBy === null && !object.history;
}

export type SyncOptions = {
  continueOnError: boolean;
  batchSize: number;
  bulkThreshold: number;
  concurrency: number;
  /** Start an object only once the objects it looks up are done (else record by record: see ParentArrivals). */
  objectByObject: boolean;
  /** `full`: every selected source record; `delta`: those modified since the object's last sync (see delta/). */
  syncType: SyncType;
  /** Delete the target matches of source records deleted since the last sync. */
  includeDeleted: boolean;
  /** Automation of the target switched off for the run: kinds, `all` or item names (see automation/). */
  disableAutomation: string[];
};

export type SyncType = 'full' | 'delta';

export type SyncTemplate = {
  objects: SyncObject[];
  /** The manual order, in describe spelling; null when the planner computes it. */
  order: string[] | null;
  options: SyncOptions;
};

export const DEFAULT_OPTIONS: Readonly<SyncOptions> = {
  continueOnError: true,
  // sObject Collections accept at most 200 records per request.
  batchSize: 200,
  bulkThreshold: 10_000,
  concurrency: 4,
  objectByObject: false,
  syncType: 'full',
  includeDeleted: false,
  disableAutomation: [],
};

/** The objects that load into a target object of another name (`"target"`): template name -> target name. */
export function renamedObjects(objects: ReadonlyArray<Pick<SyncObject, 'name' | 'targetName'>>): Map<string, string> {
  return new Map(objects.flatMap((object) => (object.targetName ? [[object.name, object.targetName] as const] : [])));
}
