import { Messages } from '@salesforce/core';
import type { DescribeSObject } from '../../schema/describeTypes.js';
import { nameField, naturalKeyField } from '../../schema/fieldRules.js';
import { HISTORY_WORD } from '../matchMode.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.template.generate');

/**
 * Why an object is matched the way it is: a key (`externalId`, `name`), or history, with why there is no key
 * (`noName`, `autoNumber`, `notText`, `generatedName`).
 */
export type MatchReason = 'externalId' | 'name' | 'noName' | 'autoNumber' | 'notText' | 'generatedName';

export type ObjectMatch = {
  /** The template's `matchBy`: the key field, or `"history"`. */
  matchBy: string;
  match: 'key' | 'history';
  reason: MatchReason;
  /** The reason as a sentence, for the table and --json (a JSON template has no room for comments). */
  why: string;
};

/**
 * The match key the product gives the object by default, and why: the rule itself is `naturalKeyField`'s (one
 * home); this only tells which of its cases applied. An object without a natural key is matched by history.
 */
export function objectMatch(describe: DescribeSObject): ObjectMatch {
  const key = naturalKeyField(describe);
  if (key) {
    const reason = key.externalId ? 'externalId' : 'name';
    return { matchBy: key.name, match: 'key', reason, why: messages.getMessage(`why.${reason}`, [key.name]) };
  }
  const name = nameField(describe);
  const reason: MatchReason = !name ? 'noName' : name.autoNumber ? 'autoNumber' : name.type !== 'string' ? 'notText' : 'generatedName';
  return { matchBy: HISTORY_WORD, match: 'history', reason, why: messages.getMessage(`why.${reason}`, name ? [name.name, name.type] : []) };
}
