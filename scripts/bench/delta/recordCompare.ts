/**
 * Record-by-record comparison of two orgs, whose ids differ: each record becomes a signature, its fields' values
 * with every lookup written as the identity of the record it points to, and the orgs must hold the same
 * signatures the same number of times. Pure: verifyRecords.ts queries the orgs.
 */

export type Row = Record<string, unknown>;

/** An object's compared fields, split: own values, and lookups (written as their parent's identity). */
export type ObjectShape = { object: string; values: string[]; lookups: string[] };

/**
 * Id -> identity: what a record is in either org, `Object(value|value...)` from its own values. Parents are
 * identified without the fields the bench changes (`unstable`), so a change shows once, in its own record, and
 * not again in every child that points to it.
 */
export function identities(object: string, rows: readonly Row[], fields: readonly string[], unstable: ReadonlySet<string> = new Set()): Map<string, string> {
  const stable = fields.filter((field) => !unstable.has(field));
  return new Map(rows.map((row) => [String(row.Id), `${object}(${stable.map((field) => text(row[field])).join('|')})`]));
}

/** Every row as its signature. A lookup to a record no identity names shows as `?` and its id, never matching. */
export function signatures(shape: ObjectShape, rows: readonly Row[], identityOf: ReadonlyMap<string, string>): string[] {
  return rows.map((row) => {
    const own = shape.values.map((field) => `${field}=${text(row[field])}`);
    const parents = shape.lookups.map((field) => {
      const id = row[field];
      return `${field}->${typeof id === 'string' ? (identityOf.get(id) ?? `?${id}`) : 'none'}`;
    });
    return [...own, ...parents].join(', ');
  });
}

/** What one org holds that the other does not, counted with multiplicity (two equal records are two). */
export type SignatureDiff = { onlyInSource: string[]; onlyInTarget: string[] };

export function diffSignatures(source: readonly string[], target: readonly string[]): SignatureDiff {
  const balance = new Map<string, number>();
  for (const signature of source) balance.set(signature, (balance.get(signature) ?? 0) + 1);
  for (const signature of target) balance.set(signature, (balance.get(signature) ?? 0) - 1);
  const onlyInSource: string[] = [];
  const onlyInTarget: string[] = [];
  for (const [signature, count] of balance) {
    for (let n = 0; n < Math.abs(count); n += 1) (count > 0 ? onlyInSource : onlyInTarget).push(signature);
  }
  return { onlyInSource, onlyInTarget };
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
