import type { SObjectRow } from '../api/queryPages.js';
import type { IdMap } from '../util/idMap.js';
import { shortId } from '../util/shortId.js';

export type RunRecords = {
  /** Source id -> target id of the records the run holds. */
  idMap: IdMap;
  /** A resume or retry: target id -> source id of the records the run holds. */
  claimed: IdMap | undefined;
  /** An earlier attempt sent this record's insert and lost the answer. */
  insertInDoubt: boolean;
};

/**
 * A record's matches narrowed to what is the run's own, when its key finds several target records: the
 * record the run already holds for it, else the matches no other record of the run holds. Two source records
 * with one key (which a fresh insert does not notice) are told apart by the run that wrote them. Several
 * unclaimed matches of an insert in doubt are all this run's inserts of records with that key: the first is
 * this one's (a later record of the same key takes the next). An empty answer: every match is another's.
 */
export function ownMatches(sourceId: string, found: SObjectRow[] | undefined, run: RunRecords): SObjectRow[] | undefined {
  if (!found || found.length < 2) return found;
  const known = run.idMap.get(sourceId);
  if (known !== undefined) {
    const own = found.filter((row) => shortId(String(row.Id)) === shortId(known));
    if (own.length > 0) return own;
  }
  if (!run.claimed) return found;
  const mine = shortId(sourceId);
  const free = found.filter((row) => {
    const owner = run.claimed!.get(String(row.Id));
    return owner === undefined || shortId(owner) === mine;
  });
  return run.insertInDoubt && free.length > 1 ? free.slice(0, 1) : free;
}
