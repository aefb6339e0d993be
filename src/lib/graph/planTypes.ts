/** The migration plan: in which order a sync loads the template's objects, and how it fills their lookups. */

/** How values of a lookup to an object outside the template are found in the target (keys tried in order). */
export type ReferenceResolution = {
  object: string;
  /** Each entry is one key (one or more fields); the first that finds a record wins. Empty: cannot resolve. */
  matchKeys: string[][];
};

/** A lookup to objects outside the template: never created, resolved in the target. */
export type ReferenceLookup = {
  field: string;
  targetObjects: string[];
  resolveBy: ReferenceResolution[];
};

export type PlanStep = {
  /** 1-based position in the load order. */
  step: number;
  object: string;
  insert: boolean;
  update: boolean;
  /** Lookup fields inserted empty and filled by the update pass that follows all inserts. */
  deferredLookups: string[];
  /** Lookups to the object itself, loaded level by level (parents before children). */
  selfReferences: string[];
  references: ReferenceLookup[];
  /** The objects of the cycle this object belongs to (in load order), or null. */
  cycle: string[] | null;
  /** Why the object is at this step. */
  reason: string;
};

export type MigrationPlan = {
  /** 'manual' when the template's `order` was used, 'computed' otherwise. */
  ordering: 'computed' | 'manual';
  steps: PlanStep[];
  warnings: string[];
};

/** Why a lookup must be set when its record is inserted (or 'deferrable' when an update can fill it later). */
export type LookupKind = 'deferrable' | 'updateOnly' | 'masterDetail' | 'notNillable' | 'notUpdateable';

export type LookupRef = { object: string; field: string };

/** Problems the planner finds; the template layer turns them into template errors. */
export type PlanProblem =
  | {
      kind: 'requiredCycle';
      /** The objects of the cycle, in template order. */
      objects: string[];
      /** The lookups between them that cannot be deferred. */
      lookups: Array<LookupRef & { parent: string; lookupKind: LookupKind }>;
    }
  | {
      kind: 'orderForwardRequired';
      child: string;
      field: string;
      parent: string;
      lookupKind: LookupKind;
    };

export type PlanOutcome = {
  plan: MigrationPlan;
  /** Non-empty when the template cannot be loaded in any order (or in its manual order). */
  problems: PlanProblem[];
};
