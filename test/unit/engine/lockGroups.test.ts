import { expect } from 'chai';
import { groupByParent, lockingParentField } from '../../../src/lib/load/lockGroups.js';
import { field, lookup } from './describeKit.js';

describe('lock groups: children of one parent in the same batches', () => {
  it('puts the children of each parent together, parents and children in their first order', () => {
    const items = ['A', 'B', 'A', 'C', 'B', 'A'].map((parent, index) => ({ id: index, values: { OpportunityId: parent } }));
    expect(groupByParent(items, 'OpportunityId').map((item) => item.id)).to.deep.equal([0, 2, 5, 1, 4, 3]);
  });

  it('locks on the master-detail parent (the primary one of a junction), not on plain lookups', () => {
    const primary = { ...lookup('Project__c', ['Project__c']), relationshipOrder: 0 };
    const secondary = { ...lookup('Contact__c', ['Contact']), relationshipOrder: 1 };
    expect(lockingParentField([field('Name'), lookup('Account__c', ['Account']), secondary, primary])).to.equal('Project__c');
    expect(lockingParentField([field('Name'), lookup('Account__c', ['Account'])])).to.equal(undefined);
  });
});
