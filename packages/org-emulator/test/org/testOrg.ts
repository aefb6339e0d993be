/** Test helpers (not tests): OrgStates over the fixture-based test schema or the default schema. */
import { defaultSchema } from '../../src/schema/defaultSchema.js';
import { compileCondition } from '../../src/soql/index.js';
import type { StoredRecord } from '../../src/soql/types.js';
import { OrgState } from '../../src/org/orgState.js';
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

/** An OrgState over the emulator's default schema with the real SOQL condition compiler, as `startOrg` builds it. */
export function defaultSchemaOrg(username?: string): OrgState {
  return new OrgState({
    schema: defaultSchema(),
    username,
    conditionCompiler: (source) => (objectName, whereExpr) => compileCondition(objectName, whereExpr, source),
  });
}
