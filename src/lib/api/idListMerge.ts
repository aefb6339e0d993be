import { SALESFORCE_LIMITS } from './salesforceLimits.js';

/** A small read waiting to be packed (see PackedReads). */
export type WaitingRead = { path: string; query: boolean; resolve(value: unknown): void; reject(error: unknown): void };

type QueryAnswer = { totalSize: number; done: boolean; nextRecordsUrl?: string; records: Array<Record<string, unknown>> };

/** Ids in one merged query: its rows (one per id at most) then fit one page of a query's answer. */
const MAX_MERGED_IDS = SALESFORCE_LIMITS.queryPageRows;

/** `/query?q=SELECT <fields> FROM <object> WHERE Id IN ('…','…')` (or `/queryAll`), exactly that shape. */
const ID_LIST_QUERY = /^SELECT (.+) FROM (\w+) WHERE Id IN \(('[a-zA-Z0-9]{15,18}'(?:,'[a-zA-Z0-9]{15,18}')*)\)$/;

/** A select list of plain fields and relationship paths (`Id, Name, Account.Name`): merged with others as a set. */
const PLAIN_SELECT = /^[A-Za-z_][\w.]*(?:, [A-Za-z_][\w.]*)*$/;

type IdListRead = { resource: string; select: string; object: string; ids: string[]; fields?: string[] };

function idListRead(path: string): IdListRead | undefined {
  const match = /^(\/query(?:All)?)\?q=(.*)$/.exec(path);
  if (!match) return undefined;
  const parsed = ID_LIST_QUERY.exec(decodeURIComponent(match[2]));
  if (!parsed) return undefined;
  const [, select, object, idList] = parsed;
  const fields = PLAIN_SELECT.test(select) ? select.split(', ') : undefined;
  return { resource: match[1], select, object, ids: idList.split(',').map((id) => id.slice(1, -1)), ...(fields ? { fields } : {}) };
}

/** Reads merging into one query: each read with its ids and own fields (undefined: a select merged only with itself). */
type Group = { read: IdListRead; entries: WaitingRead[]; lists: string[][]; ownFields: Array<string[] | undefined>; ids: Map<string, string>; fields: Map<string, string> };

/** The field set a group selects: lower-cased (SOQL refuses a field selected twice, in any case) to as written. */
const fieldSet = (fields: readonly string[]): Map<string, string> => new Map(fields.map((field) => [field.toLowerCase(), field]));

/** The key under which a read merges with others (see mergeIdListReads); undefined: it merges with none. */
export function mergeKeyOf(path: string): string | undefined {
  const read = idListRead(path);
  return read ? mergeKey(read) : undefined;
}

/** Reads of one key merge: the same resource and object, and any list of fields (else the same select). */
function mergeKey(read: IdListRead): string {
  return `${read.resource} ${read.object.toLowerCase()} ${read.fields ? '' : read.select}`;
}

/**
 * Reads of the same object by lists of ids, waiting at the same time (the parents of several objects' pages
 * looked up in the target, each object its own list; an object's page matched by history while another
 * object's page checks the same object's records as parents), become one query of all their ids and all their
 * fields: one subrequest instead of several, where a Composite request holds only five queries. Each read is
 * answered with its own ids' rows and its own fields, as its own query would have answered (ids compared on
 * their 15 first characters). A select that is more than a list of fields is merged only with the same select.
 * Other reads pass unchanged, in order.
 */
export function mergeIdListReads(waiting: readonly WaitingRead[], alone: (entry: WaitingRead) => void): WaitingRead[] {
  const merged: WaitingRead[] = [];
  const open = new Map<string, Group>();
  const close = (key: string): void => {
    const group = open.get(key)!;
    open.delete(key);
    const one = group.entries.length === 1;
    merged[merged.indexOf(group.entries[0])] = one ? group.entries[0] : mergedRead(group, alone);
  };
  for (const entry of waiting) {
    const read = idListRead(entry.path);
    if (!read) {
      merged.push(entry);
      continue;
    }
    const key = mergeKey(read);
    const group = open.get(key);
    const fresh = read.ids.filter((id) => !group?.ids.has(id.slice(0, 15)));
    if (group && group.ids.size + fresh.length <= MAX_MERGED_IDS) {
      group.entries.push(entry);
      group.lists.push(read.ids);
      group.ownFields.push(read.fields);
      for (const id of fresh) group.ids.set(id.slice(0, 15), id);
      for (const field of read.fields ?? []) if (!group.fields.has(field.toLowerCase())) group.fields.set(field.toLowerCase(), field);
      continue;
    }
    if (group) close(key);
    open.set(key, {
      read,
      entries: [entry],
      lists: [read.ids],
      ownFields: [read.fields],
      ids: new Map(read.ids.map((id) => [id.slice(0, 15), id])),
      fields: fieldSet(read.fields ?? []),
    });
    merged.push(entry);
  }
  for (const key of [...open.keys()]) close(key);
  return merged;
}

/** `alone` sends a read by itself: for an answer that came in more than one page (rows wider than the org pages). */
function mergedRead(group: Group, alone: (entry: WaitingRead) => void): WaitingRead {
  const { read, entries, lists, ownFields } = group;
  const select = read.fields ? [...group.fields.values()].join(', ') : read.select;
  const soql = `SELECT ${select} FROM ${read.object} WHERE Id IN (${[...group.ids.values()].map((id) => `'${id}'`).join(',')})`;
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
        // A read that asked fewer fields than the merged query gets only its own, as its query would have.
        const own = ownFields[index];
        const narrower = own && own.length < group.fields.size ? own : undefined;
        const records = answer.records.filter((row) => wanted.has(String(row.Id).slice(0, 15))).map((row) => (narrower ? withFieldsOf(row, narrower) : row));
        entry.resolve({ totalSize: records.length, done: true, records });
      });
    },
    reject: (error) => entries.forEach((entry) => entry.reject(error)),
  };
}

type Row = Record<string, unknown>;

/** The row as a query of these fields answers it: its `attributes`, and each field or path (`Account.Name`). */
function withFieldsOf(row: Row, fields: readonly string[]): Row {
  const kept: Row = 'attributes' in row ? { attributes: row.attributes } : {};
  for (const field of fields) copyPath(row, kept, field.split('.'));
  return kept;
}

/** Copies one path of `from` into `to`, its names matched in any case as SOQL does; a null parent stays null. */
function copyPath(from: Row, to: Row, path: readonly string[]): void {
  const name = Object.keys(from).find((key) => key.toLowerCase() === path[0].toLowerCase());
  if (name === undefined) return;
  const value = from[name];
  if (path.length === 1 || value === null || typeof value !== 'object') {
    to[name] = value;
    return;
  }
  const nested = (to[name] ??= 'attributes' in value ? { attributes: value.attributes } : {}) as Row;
  copyPath(value as Row, nested, path.slice(1));
}
