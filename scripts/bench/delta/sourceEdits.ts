/**
 * The `isync-delta` bench's edits of the source, as a user's would reach a real org: over REST (the orgs run in
 * worker threads, their in-process side is out of reach), sObject Collections of 200 records. The caller resets
 * the orgs' counters afterwards, so these calls are not the tool's.
 */
import type { RemoteOrg } from '@sf-isync/org-emulator';
import { callOrg, queryOrg } from '../../../harness/emulatedOrgs.js';
import type { BenchObject } from '../template.js';
import { allocate, CHANGED_FIELD, changedValue, NEVER_DELETED, pick, seededRandom, shareOf, type FieldShape } from './changePlan.js';

/** 1% of the source records changed, 0.1% deleted (the issue's acceptance). */
export const CHANGED_FRACTION = 0.01;
export const DELETED_FRACTION = 0.001;

/** What the edits did, per object. */
export type SourceEdits = { changed: Record<string, number>; deleted: Record<string, number> };

const COLLECTION_SIZE = 200;

type Describe = { fields: Array<{ name: string; type: string; referenceTo?: string[]; picklistValues?: Array<{ value: string; active: boolean }> }> };

async function describe(org: RemoteOrg, object: string): Promise<Describe> {
  return (await callOrg(org, 'GET', `/sobjects/${object}/describe`)) as Describe;
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += COLLECTION_SIZE) out.push(items.slice(at, at + COLLECTION_SIZE));
  return out;
}

/** Throws unless every record of a collection call succeeded. */
function expectAllSucceeded(what: string, answer: unknown): void {
  const results = answer as Array<{ id?: string; success: boolean; errors?: unknown[] }>;
  if (!Array.isArray(results)) throw new Error(`${what}: ${JSON.stringify(answer)}`);
  const failed = results.filter((result) => !result.success);
  if (failed.length) throw new Error(`${what}: ${failed.length} failed, first ${JSON.stringify(failed[0])}`);
}

/**
 * Ids some record of the template's objects points to (any lookup, not only the template's): deleting such a
 * record would cascade to its children, or be refused (a Case restricts its Account's deletion). The bench
 * deletes only records nothing points to, so the deletions are exactly the ones it counts.
 */
async function referencedIds(org: RemoteOrg, objects: readonly BenchObject[], describes: Map<string, Describe>): Promise<Set<string>> {
  const referenced = new Set<string>();
  for (const object of objects) {
    const lookups = describes
      .get(object.name)!
      .fields.filter((field) => field.type === 'reference')
      .map((field) => field.name);
    if (!lookups.length) continue;
    for (const row of await queryOrg(org, `SELECT ${lookups.join(', ')} FROM ${object.name}`)) {
      for (const field of lookups) if (typeof row[field] === 'string') referenced.add(row[field]);
    }
  }
  return referenced;
}

/**
 * Changes `CHANGED_FRACTION` of `records` and deletes `DELETED_FRACTION` (disjoint sets), spread over the
 * template's objects, the same records for the same seed.
 */
export async function editSource(org: RemoteOrg, objects: readonly BenchObject[], records: number, seed: number): Promise<SourceEdits> {
  const random = seededRandom(seed);
  const describes = new Map(await Promise.all(objects.map(async (object) => [object.name, await describe(org, object.name)] as const)));
  const rows = new Map<string, Array<Record<string, unknown>>>();
  for (const object of objects) {
    const field = CHANGED_FIELD[object.name];
    if (!field) throw new Error(`changePlan.ts: no CHANGED_FIELD for ${object.name}`);
    rows.set(object.name, await queryOrg(org, `SELECT Id, ${field} FROM ${object.name}${object.where ? ` WHERE ${object.where}` : ''}`));
  }

  const referenced = await referencedIds(org, objects, describes);
  const deletable = new Map(
    objects
      .filter((object) => !NEVER_DELETED.has(object.name))
      .map((object) => [object.name, rows.get(object.name)!.filter((row) => !referenced.has(String(row.Id)))])
  );
  const deleteCounts = allocate(shareOf(records, DELETED_FRACTION), Object.fromEntries([...deletable].map(([name, list]) => [name, list.length])));
  const deleted = new Set<string>();
  for (const [name, count] of Object.entries(deleteCounts)) for (const row of pick(deletable.get(name)!, count, random)) deleted.add(String(row.Id));

  const changeable = new Map(objects.map((object) => [object.name, rows.get(object.name)!.filter((row) => !deleted.has(String(row.Id)))]));
  const changeCounts = allocate(shareOf(records, CHANGED_FRACTION), Object.fromEntries([...changeable].map(([name, list]) => [name, list.length])));
  let serial = 0;
  for (const [name, count] of Object.entries(changeCounts)) {
    const field = CHANGED_FIELD[name];
    const shape = fieldShape(describes.get(name)!, field, rows, deleted);
    const updates = pick(changeable.get(name)!, count, random).map((row) => ({
      attributes: { type: name },
      Id: row.Id,
      [field]: changedValue(shape, row[field], (serial += 1)),
    }));
    for (const chunk of chunks(updates))
      expectAllSucceeded(`update ${name}`, await callOrg(org, 'PATCH', '/composite/sobjects', { allOrNone: true, records: chunk }));
  }
  for (const chunk of chunks([...deleted])) {
    expectAllSucceeded('delete', await callOrg(org, 'DELETE', `/composite/sobjects?allOrNone=true&ids=${chunk.join(',')}`));
  }
  return { changed: changeCounts, deleted: deleteCounts };
}

/** The changed field's type, picklist values, and for a lookup the records it may point to (none being deleted). */
function fieldShape(describe: Describe, field: string, rows: ReadonlyMap<string, Array<Record<string, unknown>>>, deleted: ReadonlySet<string>): FieldShape {
  const described = describe.fields.find((candidate) => candidate.name === field);
  if (!described) throw new Error(`no field ${field}`);
  const parent = described.referenceTo?.[0];
  return {
    type: described.type,
    picklistValues: described.picklistValues?.filter((value) => value.active).map((value) => value.value),
    referenceIds: parent ? (rows.get(parent) ?? []).map((row) => String(row.Id)).filter((id) => !deleted.has(id)) : undefined,
  };
}
