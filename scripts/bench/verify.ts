/**
 * After a tool's run: does the target hold what the source holds? For every object of the template, the
 * record count and, for every lookup the template writes, how many records have it set. A benchmark of a tool
 * that silently dropped records or lookups would measure nothing, so every difference is reported.
 */
import type { RemoteOrg } from '@sf-isync/org-emulator';
import type { BenchObject } from './template.js';

export type Mismatch = { object: string; what: string; source: number; target: number };

export type Verification = {
  /** Records per object in the source (the template's `where` applied), which the target must equal. */
  expected: Record<string, number>;
  mismatches: Mismatch[];
};

const API = '/services/data/v62.0';

async function get<T>(org: RemoteOrg, path: string): Promise<T> {
  const response = await fetch(`${org.instanceUrl}${API}${path}`, { headers: { Authorization: `Bearer ${org.accessToken}` } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function count(org: RemoteOrg, objectName: string, conditions: string[]): Promise<number> {
  const where = conditions.length ? ` WHERE ${conditions.map((condition) => `(${condition})`).join(' AND ')}` : '';
  const result = await get<{ totalSize: number }>(org, `/query?q=${encodeURIComponent(`SELECT COUNT() FROM ${objectName}${where}`)}`);
  return result.totalSize;
}

async function lookupFields(org: RemoteOrg, object: BenchObject): Promise<string[]> {
  const describe = await get<{ fields: Array<{ name: string; type: string }> }>(org, `/sobjects/${object.name}/describe`);
  const references = new Set(describe.fields.filter((field) => field.type === 'reference').map((field) => field.name));
  return object.fields.filter((field) => references.has(field));
}

/** The differences between what `source` holds and what `target` holds, `null` counts included. */
function compareCounts(object: string, what: string, source: number, target: number): Mismatch[] {
  return source === target ? [] : [{ object, what, source, target }];
}

export async function verifyTarget(source: RemoteOrg, target: RemoteOrg, objects: BenchObject[]): Promise<Verification> {
  const expected: Record<string, number> = {};
  const mismatches: Mismatch[] = [];
  for (const object of objects) {
    const base = object.where ? [object.where] : [];
    // Sequential on purpose: these calls run after the measurement, and the cost model caps concurrency.
    const [sourceCount, targetCount] = await Promise.all([count(source, object.name, base), count(target, object.name, base)]);
    expected[object.name] = sourceCount;
    mismatches.push(...compareCounts(object.name, 'records', sourceCount, targetCount));
    for (const field of await lookupFields(source, object)) {
      const set = [...base, `${field} != null`];
      const [sourceSet, targetSet] = await Promise.all([count(source, object.name, set), count(target, object.name, set)]);
      mismatches.push(...compareCounts(object.name, `${field} set`, sourceSet, targetSet));
    }
  }
  return { expected, mismatches };
}
