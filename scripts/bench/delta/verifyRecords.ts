/**
 * The target equals the source record by record (recordCompare.ts), over REST: every record of every template
 * object with all its template fields, lookups compared by what they point to. Users are identified by e-mail
 * and record types by object and developer name, as the sync maps them.
 */
import type { RemoteOrg } from '@sf-isync/org-emulator';
import { queryOrg } from '../../../harness/emulatedOrgs.js';
import type { BenchObject } from '../template.js';
import type { Mismatch } from '../verify.js';
import { diffSignatures, identities, signatures, type ObjectShape, type Row } from './recordCompare.js';

/** One object's comparison: records in each org, and the signatures only one of them holds (a few shown). */
export type RecordDiff = { object: string; source: number; target: number; onlyInSource: number; onlyInTarget: number; examples: string[] };

/** Differing records shown per object, each cut short: enough to see what differs, not to flood the report. */
const EXAMPLES = 1;
const EXAMPLE_LENGTH = 300;

async function describeFields(org: RemoteOrg, object: string): Promise<Map<string, string>> {
  const response = await fetch(`${org.instanceUrl}/services/data/v62.0/sobjects/${object}/describe`, {
    headers: { Authorization: `Bearer ${org.accessToken}` },
  });
  if (!response.ok) throw new Error(`describe ${object}: ${response.status}`);
  const describe = (await response.json()) as { fields: Array<{ name: string; type: string }> };
  return new Map(describe.fields.map((field) => [field.name, field.type]));
}

/** Each template object's fields, split into own values and lookups (from the source's describe). */
export async function shapesOf(org: RemoteOrg, objects: readonly BenchObject[]): Promise<ObjectShape[]> {
  return Promise.all(
    objects.map(async (object) => {
      const types = await describeFields(org, object.name);
      const lookups = object.fields.filter((field) => types.get(field) === 'reference');
      return { object: object.name, values: object.fields.filter((field) => !lookups.includes(field)), lookups };
    })
  );
}

type OrgRecords = { identityOf: Map<string, string>; rows: Map<string, Row[]> };

/** Every record a lookup may point to, by identity, and each object's rows (the template's `where` applied). */
async function recordsOf(
  org: RemoteOrg,
  objects: readonly BenchObject[],
  shapes: readonly ObjectShape[],
  unstable: ReadonlyMap<string, string>
): Promise<OrgRecords> {
  const identityOf = new Map<string, string>();
  const add = (ids: Map<string, string>): void => ids.forEach((identity, id) => identityOf.set(id, identity));
  // The running user stands for itself in each org (records it owns stay its own), whatever its e-mail.
  const users = (await queryOrg(org, 'SELECT Id, Email FROM User')).map((row) => (row.Id === org.userId ? { ...row, Email: '(running user)' } : row));
  add(identities('User', users, ['Email']));
  add(identities('RecordType', await queryOrg(org, 'SELECT Id, SobjectType, DeveloperName FROM RecordType'), ['SobjectType', 'DeveloperName']));
  const rows = new Map<string, Row[]>();
  // One object at a time: the orgs' cost model caps requests in flight, and this runs after the measurement.
  for (const [index, object] of objects.entries()) {
    const shape = shapes[index];
    const all = await queryOrg(org, `SELECT Id, ${object.fields.join(', ')} FROM ${object.name}`);
    const changed = unstable.get(object.name);
    add(identities(object.name, all, shape.values, new Set(changed ? [changed] : [])));
    rows.set(object.name, object.where ? await queryOrg(org, `SELECT Id, ${object.fields.join(', ')} FROM ${object.name} WHERE ${object.where}`) : all);
  }
  return { identityOf, rows };
}

/**
 * Compares every template object's records in both orgs. `unstable` names the field the bench changes in each
 * object (left out of parents' identities, see recordCompare.ts).
 */
export async function compareRecords(
  source: RemoteOrg,
  target: RemoteOrg,
  objects: readonly BenchObject[],
  unstable: ReadonlyMap<string, string>
): Promise<RecordDiff[]> {
  const shapes = await shapesOf(source, objects);
  const [inSource, inTarget] = [await recordsOf(source, objects, shapes, unstable), await recordsOf(target, objects, shapes, unstable)];
  return shapes.map((shape) => {
    const sourceRows = inSource.rows.get(shape.object) ?? [];
    const targetRows = inTarget.rows.get(shape.object) ?? [];
    const diff = diffSignatures(signatures(shape, sourceRows, inSource.identityOf), signatures(shape, targetRows, inTarget.identityOf));
    const examples = [
      ...diff.onlyInSource.slice(0, EXAMPLES).map((s) => `source only: ${s.slice(0, EXAMPLE_LENGTH)}`),
      ...diff.onlyInTarget.slice(0, EXAMPLES).map((s) => `target only: ${s.slice(0, EXAMPLE_LENGTH)}`),
    ];
    return {
      object: shape.object,
      source: sourceRows.length,
      target: targetRows.length,
      onlyInSource: diff.onlyInSource.length,
      onlyInTarget: diff.onlyInTarget.length,
      examples,
    };
  });
}

/** The objects whose records differ, as the bench reports mismatches (counts of records only one org holds). */
export function recordMismatches(diffs: readonly RecordDiff[]): Mismatch[] {
  return diffs
    .filter((diff) => diff.onlyInSource + diff.onlyInTarget > 0)
    .map((diff) => ({ object: diff.object, what: `records differing (${diff.examples.join(' | ')})`, source: diff.onlyInSource, target: diff.onlyInTarget }));
}
