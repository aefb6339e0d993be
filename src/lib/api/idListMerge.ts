import { SALESFORCE_LIMITS } from './salesforceLimits.js';

/** A small read waiting to be packed (see PackedReads). */
export type WaitingRead = { path: string; query: boolean; resolve(value: unknown): void; reject(error: unknown): void };

type QueryAnswer = { totalSize: number; done: boolean; nextRecordsUrl?: string; records: Array<Record<string, unknown>> };

/** Ids in one merged query: its rows (one per id at most) then fit one page of a query's answer. */
const MAX_MERGED_IDS = SALESFORCE_LIMITS.queryPageRows;

/** `/query?q=SELECT <fields> FROM <object> WHERE Id IN ('…','…')` (or `/queryAll`), exactly that shape. */
const ID_LIST_QUERY = /^SELECT (.+) FROM (\w+) WHERE Id IN \(('[a-zA-Z0-9]{15,18}'(?:,'[a-zA-Z0-9]{15,18}')*)\)$/;

type IdListRead = { resource: string; select: string; object: string; ids: string[] };

function idListRead(path: string): IdListRead | undefined {
  const match = /^(\/query(?:All)?)\?q=(.*)$/.exec(path);
  if (!match) return undefined;
  const parsed = ID_LIST_QUERY.exec(decodeURIComponent(match[2]));
  if (!parsed) return undefined;
  return { resource: match[1], select: parsed[1], object: parsed[2], ids: parsed[3].split(',').map((id) => id.slice(1, -1)) };
}

/**
 * Reads that ask the same fields of the same object by lists of ids, waiting at the same time (the parents of
 * several objects' pages looked up in the target, each object its own list), become one query of all their ids:
 * one subrequest instead of several, where a Composite request holds only five queries. Each read is answered
 * with its own ids' rows, as its own query would have answered (ids compared on their 15 first characters).
 * Other reads pass unchanged, in order.
 */
export function mergeIdListReads(waiting: readonly WaitingRead[], alone: (entry: WaitingRead) => void): WaitingRead[] {
  const merged: WaitingRead[] = [];
  const open = new Map<string, { read: IdListRead; entries: WaitingRead[]; lists: string[][]; ids: Map<string, string> }>();
  const close = (key: string): void => {
    const group = open.get(key)!;
    open.delete(key);
    const one = group.entries.length === 1;
    merged[merged.indexOf(group.entries[0])] = one ? group.entries[0] : mergedRead(group.read, group.entries, group.lists, [...group.ids.values()], alone);
  };
  for (const entry of waiting) {
    const read = idListRead(entry.path);
    if (!read) {
      merged.push(entry);
      continue;
    }
    const key = `${read.resource} ${read.object} ${read.select}`;
    const group = open.get(key);
    const fresh = read.ids.filter((id) => !group?.ids.has(id.slice(0, 15)));
    if (group && group.ids.size + fresh.length <= MAX_MERGED_IDS) {
      group.entries.push(entry);
      group.lists.push(read.ids);
      for (const id of fresh) group.ids.set(id.slice(0, 15), id);
      continue;
    }
    if (group) close(key);
    open.set(key, { read, entries: [entry], lists: [read.ids], ids: new Map(read.ids.map((id) => [id.slice(0, 15), id])) });
    merged.push(entry);
  }
  for (const key of [...open.keys()]) close(key);
  return merged;
}

/** `alone` sends a read by itself: for an answer that came in more than one page (rows wider than the org pages). */
function mergedRead(read: IdListRead, entries: WaitingRead[], lists: string[][], ids: string[], alone: (entry: WaitingRead) => void): WaitingRead {
  const soql = `SELECT ${read.select} FROM ${read.object} WHERE Id IN (${ids.map((id) => `'${id}'`).join(',')})`;
  return {
    path: `${read.resource}?q=${encodeURIComponent(soql)}`,
    query: true,
    resolve: (value) => {
      const answer = value as QueryAnswer;
      if (!answer.done) {
        for (const entry of entries) alone(entry);
        return;
      }
      entries.forEach((entry, index) => {
        const wanted = new Set(lists[index].map((id) => id.slice(0, 15)));
        const records = answer.records.filter((row) => wanted.has(String(row.Id).slice(0, 15)));
        entry.resolve({ totalSize: records.length, done: true, records });
      });
    },
    reject: (error) => entries.forEach((entry) => entry.reject(error)),
  };
}
