import { join } from 'node:path';
import { newRunId, RUN_ID_PATTERN } from '../journal/paths.js';
import { isSalesforceId, shortId } from '../util/shortId.js';

/** The two orgs a history map is about, by org id (15 or 18 characters): an alias can be pointed elsewhere. */
export type HistoryPair = { sourceOrgId: string; targetOrgId: string };

/**
 * Inside the journal folder, next to the runs. `RunStore.list()` only lists folders named like a run id, so
 * `history` is never taken for a run.
 */
export const HISTORY_FOLDER = 'history';

export const SEGMENT_EXTENSION = '.map';

/** Both org ids in their 15-character spelling: how segments and exported files name the pair. */
export function shortPair(pair: HistoryPair): HistoryPair {
  for (const id of [pair.sourceOrgId, pair.targetOrgId]) {
    // The ids become a folder name: anything but an org id would be a bug, and a path outside the journal.
    if (!isSalesforceId(id)) throw new Error(`not an org id: ${JSON.stringify(id)}`);
  }
  return { sourceOrgId: shortId(pair.sourceOrgId), targetOrgId: shortId(pair.targetOrgId) };
}

/** `<root>/history/<sourceOrgId15>-<targetOrgId15>`: one folder of segments per pair of orgs. */
export function pairFolder(root: string, pair: HistoryPair): string {
  const { sourceOrgId, targetOrgId } = shortPair(pair);
  return join(root, HISTORY_FOLDER, `${sourceOrgId}-${targetOrgId}`);
}

/** A run's segment is named after the run, so that name order is time order, imports included. */
export function runSegmentName(runId: string): string {
  return `${runId}${SEGMENT_EXTENSION}`;
}

/** The run a segment's file name names, or undefined for an imported segment (or any other name). */
export function runOfSegmentName(name: string): string | undefined {
  const stem = name.slice(0, -SEGMENT_EXTENSION.length);
  return name.endsWith(SEGMENT_EXTENSION) && RUN_ID_PATTERN.test(stem) ? stem : undefined;
}

/** An imported map's segment: stamped like a run id, so it sorts after the runs made before the import. */
export function importSegmentName(now: Date = new Date()): string {
  return `${newRunId(now)}-import${SEGMENT_EXTENSION}`;
}
