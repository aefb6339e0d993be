import { expect } from 'chai';
import type { EmulatedOrg } from '../../src/orgServer.js';
import { type Call, startTestOrg } from '../http/testServer.js';

const V = '/services/data/v62.0';
const account = (Name?: string): Record<string, unknown> => ({ attributes: { type: 'Account' }, ...(Name ? { Name } : {}) });

describe('emulator sObject Collections', () => {
  let org: EmulatedOrg & { call: Call };
  beforeEach(async () => {
    org = await startTestOrg();
  });
  afterEach(async () => {
    await org.stop();
  });

  it('creates records of several types in order', async () => {
    const res = await org.call('POST', `${V}/composite/sobjects`, {
      records: [account('A'), { attributes: { type: 'Contact' }, LastName: 'C' }, account()],
    });
    expect(res.status).to.equal(200);
    expect(res.body.map((r: { success: boolean }) => r.success)).to.deep.equal([true, true, false]);
    expect(res.body[1].id).to.match(/^003/);
    expect(res.body[2].errors[0].statusCode).to.equal('REQUIRED_FIELD_MISSING');
  });

  it('allOrNone rolls back across types', async () => {
    const res = await org.call('POST', `${V}/composite/sobjects`, {
      allOrNone: true,
      records: [account('A'), { attributes: { type: 'Contact' } }],
    });
    expect(res.body[0].errors[0].statusCode).to.equal('ALL_OR_NONE_OPERATION_ROLLED_BACK');
    expect(org.org.count('Account')).to.equal(0);
  });

  it('rejects more than 200 records with EXCEEDED_ID_LIMIT', async () => {
    const res = await org.call('POST', `${V}/composite/sobjects`, { records: Array.from({ length: 201 }, () => account('x')) });
    expect(res.status).to.equal(400);
    expect(res.body[0].errorCode).to.equal('EXCEEDED_ID_LIMIT');
    const del = await org.call('DELETE', `${V}/composite/sobjects?ids=${Array.from({ length: 201 }, () => '001000000000000AAA').join(',')}`);
    expect(del.body[0].errorCode).to.equal('EXCEEDED_ID_LIMIT');
  });

  it('updates with lowercase id, upserts by external id, retrieves and deletes', async () => {
    const [a, b] = (await org.call('POST', `${V}/composite/sobjects`, { records: [account('A'), account('B')] })).body as Array<{ id: string }>;
    const updated = await org.call('PATCH', `${V}/composite/sobjects`, { records: [{ ...account('A2'), id: a.id }] });
    expect(updated.body).to.deep.equal([{ id: a.id, success: true, errors: [] }]);
    const upserted = await org.call('PATCH', `${V}/composite/sobjects/Widget__c/Ext__c`, {
      records: [{ attributes: { type: 'Widget__c' }, Name: 'w', Ext__c: 'K' }],
    });
    expect(upserted.body[0]).to.include({ success: true, created: true });
    const retrieved = await org.call('GET', `${V}/composite/sobjects/Account?ids=${a.id},001000000000000AAA&fields=Id,Name`);
    expect(retrieved.body).to.deep.equal([{ attributes: { type: 'Account', url: `${V}/sobjects/Account/${a.id}` }, Id: a.id, Name: 'A2' }, null]);
    const deleted = await org.call('DELETE', `${V}/composite/sobjects?ids=${a.id},${b.id}&allOrNone=false`);
    expect(deleted.body.map((r: { success: boolean }) => r.success)).to.deep.equal([true, true]);
    expect(org.org.count('Account')).to.equal(0);
  });

  it('counts records written in stats', async () => {
    await org.call('POST', `${V}/composite/sobjects`, { records: [account('A'), account('B')] });
    expect(org.stats().recordsWritten.insert).to.equal(2);
    expect(org.stats().requests.collectionCreate).to.equal(1);
  });
});
