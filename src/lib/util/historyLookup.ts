/**
 * What the engine asks of the id map of earlier runs between the same two orgs (history matching): the target
 * id an earlier run gave a source record. The map is a hint, not a fact: the target record may have been
 * deleted since, so every answer is checked in the target before it is used.
 */
export type HistoryLookup = {
  /** The target id (18 characters) an earlier run mapped this source id (15 or 18) to. */
  get(sourceId: string): string | undefined;
  /** Mappings held; 0 on the first run between the two orgs. */
  readonly size: number;
};

/** A first run, a dry run's scan of orgs never synced, and tests: no history. */
export const NO_HISTORY: HistoryLookup = { get: () => undefined, size: 0 };
