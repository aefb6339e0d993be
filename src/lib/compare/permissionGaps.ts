import type { DescribeSObject } from '../schema/describeTypes.js';
import type { SchemaDifference } from './schemaDifference.js';

/**
 * What the running user may not do in the target that the template asks for: create or update records of an
 * object (every such write would fail). Fields the user cannot write are left out of the run by the field
 * rules already.
 */
export function permissionGaps(specs: ReadonlyArray<{ object: { name: string; insert: boolean; update: boolean }; target: DescribeSObject }>): SchemaDifference[] {
  const gaps: SchemaDifference[] = [];
  for (const spec of specs) {
    const { name, insert, update } = spec.object;
    const describe = spec.target;
    const gap = (what: string, fix: string): SchemaDifference => ({ object: name, kind: 'permission', severity: 'blocking', what, fix });
    if (insert && describe.createable === false) {
      gaps.push(gap(`The target user cannot create ${name} records.`, `Grant Create on ${name} to the target user, or set "insert": false for ${name}.`));
    }
    if (update && describe.updateable === false) {
      gaps.push(gap(`The target user cannot edit ${name} records.`, `Grant Edit on ${name} to the target user, or set "update": false for ${name}.`));
    }
  }
  return gaps;
}
