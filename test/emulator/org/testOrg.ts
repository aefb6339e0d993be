/** Test helper (not a test): an OrgState over the fixture-based test schema, with a tiny rule compiler. */
import type { StoredRecord } from '../soql/types.js';
import { OrgState } from './orgState.js';
import { testSchema } from './testSchema.js';

/** Understands `Field op number` only: enough for the test schema's one validation rule. */
function compileSimpleCondition(_objectName: string, whereExpr: string): (record: StoredRecord) => boolean {
  const [field, op, literal] = whereExpr.split(' ');
  const bound = Number(literal);
  return (record) => {
    const value = record[field];
    if (typeof value !== 'number') return false;
    return op === '<' ? value < bound : op === '>' ? value > bound : value === bound;
  };
}

export function testOrg(username?: string): OrgState {
  return new OrgState({ schema: testSchema(), username, conditionCompiler: () => compileSimpleCondition });
}
