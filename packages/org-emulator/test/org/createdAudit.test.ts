import { expect } from 'chai';
import { runSoql } from '../../src/soql/index.js';
import { defaultSchema } from '../../src/schema/defaultSchema.js';
import { compileCondition } from '../../src/soql/index.js';
import { OrgState } from '../../src/org/orgState.js';

/**
 * What sf isync relies on to find in-doubt inserts of objects without a match key: an insert stamps
 * CreatedById with the authenticated user and CreatedDate with the time of the insert, and SOQL filters on
 * both (a datetime literal with Z, an id in 15 or 18 characters).
 */
describe('emulator: CreatedById and CreatedDate of inserted records', () => {
  let clock = new Date('2026-11-27T09:59:59.000Z');
  const org = new OrgState({
    schema: defaultSchema(),
    conditionCompiler: (source) => (objectName, whereExpr) => compileCondition(objectName, whereExpr, source),
    now: () => clock,
  });
  const insertTask = (subject: string, at: string): string => {
    clock = new Date(at);
    const [result] = org.engine.insert('Task', [{ Subject: subject }], { allOrNone: false });
    expect(result.success, JSON.stringify(result.errors)).to.equal(true);
    return result.id!;
  };
  const subjects = (where: string): string[] =>
    runSoql(`SELECT Subject FROM Task WHERE ${where} ORDER BY CreatedDate, Id`, org.source, { includeDeleted: false, apiVersion: '62.0' }).records.map((row) =>
      String(row.Subject)
    );

  const before = insertTask('before', '2026-11-27T09:59:59.000Z');
  insertTask('on the second', '2026-11-27T10:00:00.000Z');
  insertTask('after', '2026-11-27T10:00:00.450Z');

  it('stamps the authenticated user and the time of the insert', () => {
    const stored = org.get(before)!;
    expect(stored.CreatedById).to.equal(org.userId);
    expect(stored.CreatedDate).to.equal('2026-11-27T09:59:59.000+0000');
  });

  it('filters CreatedDate >= a datetime literal, to the millisecond', () => {
    expect(subjects('CreatedDate >= 2026-11-27T10:00:00Z')).to.deep.equal(['on the second', 'after']);
    expect(subjects('CreatedDate > 2026-11-27T10:00:00Z')).to.deep.equal(['after']);
    expect(subjects('CreatedDate >= 2026-11-27T11:00:00+01:00')).to.deep.equal(['on the second', 'after']);
  });

  it('filters CreatedById by the user id, in 15 or 18 characters, together with CreatedDate', () => {
    const user = org.userId;
    expect(subjects(`CreatedById = '${user}' AND CreatedDate >= 2026-11-27T10:00:00Z`)).to.deep.equal(['on the second', 'after']);
    expect(subjects(`CreatedById = '${user.slice(0, 15)}'`)).to.deep.equal(['before', 'on the second', 'after']);
    expect(subjects(`CreatedById = '005000000000000AAA'`)).to.deep.equal([]);
  });

  it('refuses a quoted datetime, as Salesforce does', () => {
    expect(() => subjects("CreatedDate >= '2026-11-27T10:00:00Z'")).to.throw(/must be of type dateTime and should not be enclosed in quotes/);
  });
});
