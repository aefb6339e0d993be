import type { MatchKey, SyncObject } from './syncTemplate.js';

/** The word in `matchBy` that asks for history matching (`"history"`, or first in a list: `["history", "Name"]`). */
export const HISTORY_WORD = 'history';

/**
 * How an object's source records find their counterparts in the target:
 * - `key`: by its match key (`matchBy` field or fields);
 * - `history`: by the source id -> target id map of earlier runs between the same two orgs (objects without a
 *   natural key: Case, Task...); records the map does not know are inserted, and remembered for the next run;
 * - `history+key`: by the map first, then by the key (a renamed Account is still the same Account);
 * - `insert-only` (`"matchBy": false`): nothing is matched, every selected record is inserted on every run.
 */
export type MatchMode = 'key' | 'history' | 'history+key' | 'insert-only';

export function matchModeOf(object: Pick<SyncObject, 'matchBy' | 'history'>): MatchMode {
  if (object.history) return object.matchBy ? 'history+key' : 'history';
  return object.matchBy ? 'key' : 'insert-only';
}

/** The template's `matchBy` split into its history part and its key part (undefined: the default key; null: none). */
export type MatchBySpec = { history: boolean; key: string | string[] | null | undefined };

/**
 * `"history"` and `["history"]`: history only; `["history", ...key]`: history, then the key. `history` is not
 * a field name in any org (standard fields are capitalised, custom fields end in `__c`), so it cannot be
 * mistaken for one. Answers undefined for a list that names `history` anywhere but first.
 */
export function splitHistory(matchBy: string | string[] | undefined): MatchBySpec | undefined {
  if (matchBy === HISTORY_WORD) return { history: true, key: null };
  if (!Array.isArray(matchBy)) return { history: false, key: matchBy };
  const at = matchBy.indexOf(HISTORY_WORD);
  if (at === -1) return { history: false, key: matchBy };
  if (at > 0) return undefined;
  const key = matchBy.slice(1);
  return { history: true, key: key.length === 0 ? null : key.length === 1 ? key[0] : key };
}

/** A key's fields in template notation: `Field`, or `Source=Target` when the orgs name it differently. */
export function keyParts(key: MatchKey): string[] {
  return key.source.map((source, i) => (source === key.target[i] ? source : `${source}=${key.target[i]}`));
}

/** How `order`, `scan` and `execute` name an object's matching: `key Name`, `history, then key Name`... */
export function matchText(object: Pick<SyncObject, 'matchBy' | 'history' | 'targetName'>): string {
  // An object loaded into a target object of another name says so first: `into Prospect__c, key Email`.
  return object.targetName ? `into ${object.targetName}, ${matchWay(object)}` : matchWay(object);
}

function matchWay(object: Pick<SyncObject, 'matchBy' | 'history'>): string {
  const key = object.matchBy ? `key ${keyParts(object.matchBy).join(' + ')}` : '';
  switch (matchModeOf(object)) {
    case 'history':
      return 'history';
    case 'history+key':
      return `history, then ${key}`;
    case 'key':
      return key;
    default:
      return 'insert-only';
  }
}

/** The matches of a run's object, by way: `history 40 · key 3` (empty when nothing was found). */
export function matchedText(matched: { history: number; key: number } | undefined): string {
  if (!matched) return '';
  const parts = [matched.history > 0 ? `history ${matched.history}` : '', matched.key > 0 ? `key ${matched.key}` : ''].filter(Boolean);
  return parts.join(' · ');
}
