import { expect } from 'chai';
import { defaultSchema } from '../../src/schema/defaultSchema.js';
import { compileCondition } from '../../src/soql/index.js';
import { OrgState } from '../../src/org/orgState.js';

const none = { allOrNone: false };
const DAY = 24 * 60 * 60 * 1000;

describe('emulator undelete and recycle bin (default schema)', () => {
  let org: OrgState;
  let clock: number;
  const tick = (ms: number): void => {
    clock += ms;
  };
  beforeEach(() => {
    clock = Date.parse('2026-12-01T10:00:00Z');
    org = new OrgState({
      schema: defaultSchema(),
      now: () => new Date(clock),
      conditionCompiler: (source) => (objectName, whereExpr) => compileCondition(objectName, whereExpr, source),
    });
  });

  const insert = (objectName: string, fields: Record<string, unknown>): string => {
    const [result] = org.engine.insert(objectName, [fields], none);
    expect(result.errors, `${objectName} insert`).to.deep.equal([]);
    return result.id!;
  };
  const account = (name: string, parentId?: string): string => insert('Account', { Name: name, ParentId: parentId ?? null });
  const contact = (accountId: string | null, lastName: string, reportsTo?: string): string =>
    insert('Contact', { LastName: lastName, AccountId: accountId, ReportsToId: reportsTo ?? null });
  const remove = (id: string): void => {
    expect(org.engine.delete([id], none)[0].success, `delete ${id}`).to.equal(true);
  };
  const notInBin = { statusCode: 'UNDELETE_FAILED', message: 'Entity is not in the recycle bin', fields: [] };

  it('restores an account with the contacts its delete cascaded to, and moves SystemModstamp only', () => {
    const acme = account('Acme');
    const ada = contact(acme, 'Lovelace');
    const before = { ...org.get(acme)! };
    tick(60_000);
    remove(acme);
    expect(org.get(acme)!.SystemModstamp).to.equal('2026-12-01T10:01:00.000+0000');
    tick(60_000);
    expect(org.engine.undelete([acme], none)).to.deep.equal([{ id: acme, success: true, errors: [] }]);
    for (const id of [acme, ada]) {
      expect(org.get(id)!.IsDeleted, id).to.equal(false);
      expect(org.get(id)!.SystemModstamp, id).to.equal('2026-12-01T10:02:00.000+0000');
    }
    expect(org.get(acme)!.LastModifiedDate).to.equal(before.LastModifiedDate);
    expect(org.count('Contact')).to.equal(1);
  });

  it('refuses a cascade-deleted child on its own, a live id, an id named twice and a malformed one', () => {
    const acme = account('Acme');
    const ada = contact(acme, 'Lovelace');
    remove(acme);
    const results = org.engine.undelete([ada, 'nope', acme, acme], none);
    expect(results[0]).to.deep.equal({ id: null, success: false, errors: [notInBin] });
    expect(results[1].errors[0].statusCode).to.equal('MALFORMED_ID');
    expect(results[2].success).to.equal(true);
    expect(results[3]).to.deep.equal({ id: null, success: false, errors: [notInBin] });
    expect(org.get(ada)!.IsDeleted, 'restored with its account').to.equal(false);
  });

  it('puts back lookups the delete cleared, unless they were re-pointed meanwhile', () => {
    const boss = contact(null, 'Boss');
    const kept = contact(null, 'Kept', boss);
    const moved = contact(null, 'Moved', boss);
    const other = contact(null, 'Other');
    remove(boss);
    expect(org.get(kept)!.ReportsToId).to.equal(undefined);
    expect(org.engine.update('Contact', [{ Id: moved, ReportsToId: other }], none)[0].success).to.equal(true);
    tick(1000);
    org.engine.undelete([boss], none);
    expect(org.get(kept)!.ReportsToId).to.equal(boss);
    expect(org.get(kept)!.SystemModstamp, 'a system write').to.equal('2026-12-01T10:00:01.000+0000');
    expect(org.get(moved)!.ReportsToId).to.equal(other);
  });

  it('rolls back every restore of an all-or-none call that has a failure', () => {
    const acme = account('Acme');
    const ada = contact(acme, 'Lovelace');
    remove(acme);
    const results = org.engine.undelete([acme, ada], { allOrNone: true });
    expect(results.map((r) => r.errors[0].statusCode)).to.deep.equal(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'UNDELETE_FAILED']);
    expect(org.get(acme)!.IsDeleted).to.equal(true);
    expect(org.engine.undelete([acme], none)[0].success, 'still in the bin after the rollback').to.equal(true);
  });

  it('purges deletes older than 15 days, and empties the bin on demand', () => {
    const old = account('Old');
    const young = account('Young');
    const emptied = account('Emptied');
    const child = contact(emptied, 'Child');
    remove(old);
    tick(10 * DAY);
    remove(young);
    remove(emptied);
    tick(5 * DAY + 1);
    expect(org.purgeExpiredDeletions()).to.equal(1);
    expect(org.get(old)).to.equal(undefined);
    expect(org.emptyRecycleBin([child])).to.deep.equal([emptied, child]);
    expect(org.get(emptied)).to.equal(undefined);
    expect(org.engine.undelete([old, emptied], none).map((r) => r.errors[0])).to.deep.equal([notInBin, notInBin]);
    expect(org.engine.undelete([young], none)[0].success).to.equal(true);
    expect(org.emptyRecycleBin()).to.deep.equal([]);
  });

  it('refuses objects whose describe says undeletable: false (PricebookEntry)', () => {
    expect(org.schema.object('PricebookEntry')!.def.header.undeletable).to.equal(false);
    const product = insert('Product2', { Name: 'Conveyor' });
    const entry = insert('PricebookEntry', { Pricebook2Id: org.standardPricebookId, Product2Id: product, UnitPrice: 10, IsActive: true });
    remove(entry);
    expect(org.engine.undelete([entry], none)[0].errors[0].statusCode).to.equal('INSUFFICIENT_ACCESS_OR_READONLY');
    expect(org.get(entry)!.IsDeleted).to.equal(true);
  });
});
