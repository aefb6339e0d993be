import type { OrgApi } from '../api/orgApi.js';
import { queryPages, type SObjectRow } from '../api/queryPages.js';
import { soqlString } from '../api/soqlLiterals.js';
import type { DescribeField } from '../schema/describeTypes.js';
import { ORG_CLOCK_SKEW_MS } from '../util/clockSkew.js';
import { sameValue } from './valueCompare.js';


/** What one record of an insert batch wrote: the values sent, lookups already mapped to target ids. */
export type WrittenRecord = { sourceId: string; values: Readonly<Record<string, unknown>> };

export type CreatedSinceSearch = {
  target: OrgApi;
  object: string;
  /** The running user in the target: what the batch created has this CreatedById. */
  userId: string;
  /** When the batch started. */
  since: Date;
  /** Target describes of the object's written fields: values compare by type. */
  fields: readonly DescribeField[];
  /** Target ids already taken by the run (its id map and journal): never adopted again. */
  isClaimed(targetId: string): boolean;
};

/**
 * Finds which records of an insert batch that failed in transit got in, for objects without a match key:
 * the target records the running user created since the batch started whose values equal what the batch
 * wrote. Returns source id -> target id, one to one (a target record is adopted at most once; identical
 * source records take different target records).
 */
export async function findCreatedSince(search: CreatedSinceSearch, records: readonly WrittenRecord[]): Promise<Map<string, string>> {
  if (records.length === 0) return new Map();
  const types = new Map(search.fields.map((field) => [field.name, field.type]));
  const written = [...new Set(records.flatMap((record) => Object.keys(record.values)))].filter((name) => types.has(name));
  const candidates: SObjectRow[] = [];
  for await (const page of queryPages(search.target, createdSinceQuery(search, written))) {
    for (const row of page) {
      if (!search.isClaimed(String(row.Id))) candidates.push(row);
    }
  }
  return pairWrittenRecords(records, candidates, types);
}

/**
 * `SELECT Id, <written fields> FROM X WHERE CreatedById = '…' AND CreatedDate >= <since - margin>`, oldest
 * first, so that the earliest fitting record is adopted (the order a batch's records are saved in).
 */
export function createdSinceQuery(search: Pick<CreatedSinceSearch, 'object' | 'userId' | 'since'>, fields: readonly string[]): string {
  const select = [...new Set(['Id', 'CreatedDate', ...fields])].join(', ');
  return (
    `SELECT ${select} FROM ${search.object} WHERE CreatedById = ${soqlString(search.userId)} ` +
    `AND CreatedDate >= ${soqlDatetime(new Date(search.since.getTime() - ORG_CLOCK_SKEW_MS))} ORDER BY CreatedDate, Id`
  );
}

/**
 * A SOQL datetime literal in the documented form (`YYYY-MM-DDThh:mm:ssZ`, no milliseconds), rounded down to
 * the second so that the window only widens.
 */
export function soqlDatetime(time: Date): string {
  return new Date(Math.floor(time.getTime() / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Pairs written records with candidate target records whose values match every field the record wrote
 * (fields it left out are not compared: the org may have defaulted them). A maximum one-to-one matching
 * (augmenting paths), candidates tried oldest first: a record that fits several candidates never takes the
 * only candidate another record fits.
 */
export function pairWrittenRecords(
  records: readonly WrittenRecord[],
  candidates: readonly SObjectRow[],
  types: ReadonlyMap<string, string>
): Map<string, string> {
  const fits = records.map((record) => {
    const list: number[] = [];
    candidates.forEach((candidate, index) => {
      if (valuesMatch(record.values, candidate, types)) list.push(index);
    });
    return list;
  });
  const owner = new Array<number>(candidates.length).fill(-1);
  const assign = (recordIndex: number, seen: Uint8Array): boolean => {
    // A free candidate first (records take candidates in order), else one whose owner can move to another.
    const free = fits[recordIndex].find((candidate) => owner[candidate] === -1 && !seen[candidate]);
    if (free !== undefined) {
      seen[free] = 1;
      owner[free] = recordIndex;
      return true;
    }
    for (const candidate of fits[recordIndex]) {
      if (seen[candidate]) continue;
      seen[candidate] = 1;
      if (owner[candidate] === -1 || assign(owner[candidate], seen)) {
        owner[candidate] = recordIndex;
        return true;
      }
    }
    return false;
  };
  fits.forEach((list, index) => {
    if (list.length > 0) assign(index, new Uint8Array(candidates.length));
  });
  const pairs = new Map<string, string>();
  owner.forEach((recordIndex, candidate) => {
    if (recordIndex !== -1) pairs.set(records[recordIndex].sourceId, String(candidates[candidate].Id));
  });
  return pairs;
}

function valuesMatch(values: Readonly<Record<string, unknown>>, candidate: SObjectRow, types: ReadonlyMap<string, string>): boolean {
  for (const [field, value] of Object.entries(values)) {
    const type = types.get(field);
    if (type === undefined) continue;
    if (!sameValue(type, value, candidate[field] ?? null)) return false;
  }
  return true;
}
