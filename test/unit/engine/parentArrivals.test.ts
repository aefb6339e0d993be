import { expect } from 'chai';
import { HeldRows } from '../../../src/lib/load/heldRows.js';
import { ParentArrivals } from '../../../src/lib/load/parentArrivals.js';
import { IdMap } from '../../../src/lib/util/idMap.js';
import type { ObjectSyncSpec } from '../../../src/lib/transform/recordTransformer.js';
import { describe as describeObject, field, lookup } from './describeKit.js';

const ACCOUNT_1 = '001AAAAA0000001AAA';
const ACCOUNT_2 = '001AAAAA0000002AAA';
const CONTACT_1 = '003AAAAA0000001AAA';
const OWNER = '005AAAAA0000001AAA';

/** Case: AccountId and ContactId (waited for), ParentId (self-reference), OwnerId (outside the run), Deferred__c. */
function caseSpec(): ObjectSyncSpec {
  const described = describeObject('Case', [
    field('Subject', { nameField: true }),
    lookup('AccountId', ['Account']),
    lookup('ContactId', ['Contact']),
    lookup('ParentId', ['Case']),
    lookup('OwnerId', ['User']),
    lookup('Deferred__c', ['Account']),
  ]);
  return {
    object: { name: 'Case', fields: [], requestedFields: null, excludeFields: [], matchBy: null, history: false, insert: true, update: false },
    source: described,
    target: described,
    fields: described.fields.filter((candidate) => candidate.name !== 'Id'),
    deferredLookups: new Set(['Deferred__c']),
    selfReferences: new Set(['ParentId']),
  };
}

const objectOfId = (id: string): string | undefined => ({ '001': 'Account', '003': 'Contact', '500': 'Case', '005': 'User' })[id.slice(0, 3)];

describe('ParentArrivals and HeldRows', () => {
  it('holds a row until every parent of another object is in; deferred, self and outside lookups never hold it', async () => {
    const idMap = new IdMap();
    const arrivals = new ParentArrivals(['Account', 'Contact', 'Case'], idMap);
    const held = new HeldRows(caseSpec(), arrivals, objectOfId);
    const waiting = {
      Id: '500AAAAA0000001AAA',
      AccountId: ACCOUNT_1,
      ContactId: CONTACT_1,
      ParentId: '500AAAAA0000009AAA',
      OwnerId: OWNER,
      Deferred__c: ACCOUNT_2,
    };
    const free = { Id: '500AAAAA0000002AAA', AccountId: null, ContactId: '', ParentId: '500AAAAA0000009AAA', OwnerId: OWNER, Deferred__c: ACCOUNT_2 };
    expect(held.admit([waiting, free])).to.deep.equal([free]);
    expect([held.held, held.ready]).to.deep.equal([1, 0]);

    const changed = held.changed();
    idMap.set(ACCOUNT_1, '001TTTTT0000001AAA');
    arrivals.arrivedRecord(ACCOUNT_1);
    expect([held.held, held.ready], 'still waits for its contact').to.deep.equal([1, 0]);
    idMap.set(CONTACT_1, '003TTTTT0000001AAA');
    arrivals.arrivedRecord(CONTACT_1);
    await changed;
    expect([held.held, held.ready]).to.deep.equal([0, 1]);
    expect(held.take(10)).to.deep.equal([waiting]);
    // A parent already in the id map holds nothing.
    expect(held.admit([{ Id: '500AAAAA0000003AAA', AccountId: ACCOUNT_1 }])).to.have.length(1);
  });

  it("releases the rows waiting for an object's records once that object is finished, found or not", () => {
    const arrivals = new ParentArrivals(['Account', 'Contact'], new IdMap());
    const held = new HeldRows(caseSpec(), arrivals, objectOfId);
    const rows = [
      { Id: '500AAAAA0000001AAA', AccountId: ACCOUNT_1 },
      { Id: '500AAAAA0000002AAA', AccountId: ACCOUNT_2, ContactId: CONTACT_1 },
    ];
    expect(held.admit(rows)).to.deep.equal([]);
    arrivals.finished('Account');
    expect(held.take(10)).to.deep.equal([rows[0]]);
    arrivals.finished('Contact');
    expect(held.take(10)).to.deep.equal([rows[1]]);
    // Finished objects are not waited for any more.
    expect(arrivals.isPending(ACCOUNT_1, 'Account')).to.equal(false);
    expect(held.admit([{ Id: '500AAAAA0000003AAA', AccountId: '001AAAAA0000007AAA' }])).to.have.length(1);
  });

  it("a delta's read parent object releases at once the rows waiting for records it did not read, and keeps the others", () => {
    const arrivals = new ParentArrivals(['Account', 'Contact'], new IdMap());
    const held = new HeldRows(caseSpec(), arrivals, objectOfId);
    const rows = [
      { Id: '500AAAAA0000001AAA', AccountId: ACCOUNT_1 },
      { Id: '500AAAAA0000002AAA', AccountId: ACCOUNT_2 },
    ];
    expect(held.admit(rows)).to.deep.equal([]);
    // Account read its changes: ACCOUNT_1 only. ACCOUNT_2 did not change: its child goes on, found in the target.
    arrivals.readAll('Account', new Set([ACCOUNT_1.slice(0, 15)]));
    expect(held.take(10)).to.deep.equal([rows[1]]);
    expect(arrivals.isPending(ACCOUNT_1, 'Account')).to.equal(true);
    expect(arrivals.isPending('001AAAAA0000009AAA', 'Account')).to.equal(false);
    arrivals.finished('Account');
    expect(held.take(10)).to.deep.equal([rows[0]]);
  });

  it('bounds the rows the run holds: room comes back when rows are handled or an object finishes', async () => {
    const arrivals = new ParentArrivals(['Account', 'Contact'], new IdMap(), 2);
    const held = new HeldRows(caseSpec(), arrivals, objectOfId);
    expect(held.waitsForParents).to.equal(true);
    held.admit([
      { Id: '500AAAAA0000001AAA', AccountId: ACCOUNT_1 },
      { Id: '500AAAAA0000002AAA', AccountId: ACCOUNT_2 },
    ]);
    expect(arrivals.hasRoom).to.equal(false);
    let roomAgain = false;
    void arrivals.room().then(() => (roomAgain = true));
    arrivals.finished('Account');
    await Promise.resolve();
    // Finishing an object wakes the readers (whose parents may all be done now); the rows still count until handled.
    expect(roomAgain).to.equal(true);
    expect(arrivals.hasRoom).to.equal(false);
    expect(held.take(1)).to.have.length(1);
    expect(arrivals.hasRoom).to.equal(true);
    arrivals.finished('Contact');
    expect(held.waitsForParents).to.equal(false);
  });

  it('rejects the waits of held rows when the run aborts, and answers at once when nothing is held', async () => {
    const arrivals = new ParentArrivals(['Account'], new IdMap());
    const held = new HeldRows(caseSpec(), arrivals, objectOfId);
    await held.changed();
    held.admit([{ Id: '500AAAAA0000001AAA', AccountId: ACCOUNT_1 }]);
    const waiting = held.changed();
    arrivals.abort(new Error('Account failed'));
    for (const promise of [waiting, held.changed()]) {
      const outcome = await promise.then(
        () => 'resolved',
        (error: Error) => error.message
      );
      expect(outcome).to.equal('Account failed');
    }
  });
});
