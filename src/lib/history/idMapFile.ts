import type { HistoryPair } from './historyPaths.js';

/**
 * An exported id map: a CSV whose first line, a comment, says what it is and for which orgs, so that it is
 * never imported between two other orgs (their ids would mean other records), nor cut short unnoticed:
 *
 *   # sf-isync id map v1 source=00D000000000001 target=00D000000000002 entries=2
 *   Object,SourceId,TargetId
 *   Account,001000000000001AAA,001t00000000001AAA
 */
export const ID_MAP_COLUMNS = ['Object', 'SourceId', 'TargetId'] as const;
export const ID_MAP_VERSION = 1;

/** The first line of an exported map (org ids in their 15-character spelling). */
export function idMapComment(pair: HistoryPair, entries: number): string {
  return `# sf-isync id map v${ID_MAP_VERSION} source=${pair.sourceOrgId} target=${pair.targetOrgId} entries=${entries}`;
}

export type IdMapComment = { version: number; sourceOrgId: string; targetOrgId: string; entries: number };

const COMMENT = /^# sf-isync id map v(\d+) source=(\S+) target=(\S+) entries=(\d+)\s*$/;

/** The first line read back, or undefined when it is not an id map's. */
export function parseIdMapComment(line: string): IdMapComment | undefined {
  const match = COMMENT.exec(line);
  if (!match) return undefined;
  return { version: Number(match[1]), sourceOrgId: match[2], targetOrgId: match[3], entries: Number(match[4]) };
}

/** How many mappings of one object a map holds. */
export type ObjectMappings = { object: string; mappings: number };

/** Per object, by name (the rows of a file come in the order they were mapped). */
export function objectMappings(counts: ReadonlyMap<string, number>): ObjectMappings[] {
  return [...counts].map(([object, mappings]) => ({ object, mappings })).sort((a, b) => a.object.localeCompare(b.object));
}
