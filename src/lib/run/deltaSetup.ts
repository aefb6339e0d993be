import { resolve } from 'node:path';
import { chooseWindows } from '../delta/chooseWindows.js';
import { definitionOf, type ObjectWindow } from '../delta/deltaWindow.js';
import { lastSyncDates, templateKeyOf } from '../delta/lastSyncDates.js';
import type { RunMeta, RunSync } from '../journal/runMeta.js';
import type { RunStore } from '../journal/runStore.js';
import { buildSourceQuery } from '../load/sourceQuery.js';
import type { SyncType } from '../template/syncTemplate.js';
import type { ObjectSyncSpec } from '../transform/recordTransformer.js';

export type DeltaRequest = {
  store: RunStore;
  templatePath?: string;
  sourceOrgId: string;
  targetOrgId: string;
  syncType: SyncType;
  includeDeleted: boolean;
  /** `--since DATE` (ISO), checked by the caller. */
  since?: string;
  /** A resume or retry: the run's own sync type and windows, as its first attempt chose them. */
  continued?: RunMeta;
};

/** A run's sync type and how each object's source is read, with the specs that read so. */
export type DeltaSetup = { sync: RunSync; windows: Map<string, ObjectWindow>; specs: ObjectSyncSpec[] };

/**
 * What decides the values an object's sync writes: its source query (fields, filter, key) and, when it has
 * any, its target object and transformations, so that a changed mapping, expression or mask reads the object in
 * full once instead of leaving unchanged records with the old values. (A changed masking secret cannot be told:
 * it is never written anywhere.)
 */
export function objectDefinition(spec: ObjectSyncSpec): string {
  const query = buildSourceQuery({ ...spec, modifiedSince: undefined });
  const { targetName, transform } = spec.object;
  return targetName || transform ? `${query}\n${JSON.stringify({ targetName, rules: transform?.rules })}` : query;
}

/**
 * Chooses how each object is read (in full, or modified since its last sync) and gives the specs their bound.
 * A resume or retry reads as its first attempt did: the bounds are in its `run.json`.
 */
export function setUpDelta(request: DeltaRequest, specs: readonly ObjectSyncSpec[]): DeltaSetup {
  const definitions = new Map(specs.map((spec) => [spec.object.name, definitionOf(objectDefinition(spec))]));
  const continued = request.continued;
  let sync: RunSync;
  let windows: Map<string, ObjectWindow>;
  if (continued) {
    sync = continued.sync ?? { type: 'full', includeDeleted: false, templateKey: templateKeyOf(continued.templatePath, [...definitions.keys()]), readStartedAt: continued.startedAt };
    windows = new Map(
      [...definitions].map(([object, definition]) => {
        const recorded = continued.objects.find((entry) => entry.object === object)?.delta;
        return [object, { ...(recorded ?? { since: null, definition }), reason: recorded?.since ? 'delta' : 'full' }];
      })
    );
  } else {
    const templateKey = templateKeyOf(request.templatePath ? resolve(request.templatePath) : undefined, [...definitions.keys()]);
    sync = { type: request.syncType, includeDeleted: request.includeDeleted, templateKey, readStartedAt: new Date().toISOString() };
    const last = lastSyncDates(request.store, { templateKey, sourceOrgId: request.sourceOrgId, targetOrgId: request.targetOrgId });
    windows = chooseWindows({ syncType: request.syncType, since: request.since }, definitions, last);
  }
  return {
    sync,
    windows,
    specs: specs.map((spec) => {
      const since = windows.get(spec.object.name)?.since;
      return since ? { ...spec, modifiedSince: since } : spec;
    }),
  };
}
