import { expect } from 'chai';
import type { EmulatedOrg } from '../../src/orgServer.js';
import { type Call, startTestOrg } from '../http/testServer.js';

const V = '/services/data/v62.0';

describe('emulator REST single records', () => {
  let org: EmulatedOrg & { call: Call };
  before(async () => {
    org = await startTestOrg();
  });
  after(async () => {
    await org.stop();
  });

  it('creates (201), reads, updates (204) and deletes (204) a record', async () => {
    const created = await org.call('POST', `${V}/sobjects/Account`, { Name: 'Acme' });
    expect(created.status).to.equal(201);
    expect(created.body).to.deep.equal({ id: created.body.id, success: true, errors: [] });
    const id = created.body.id as string;
    const read = await org.call('GET', `${V}/sobjects/Account/${id}`);
    expect(read.body.attributes).to.deep.equal({ type: 'Account', url: `${V}/sobjects/Account/${id}` });
    expect(read.body).to.include({ Id: id, Name: 'Acme', Phone: null });
    expect((await org.call('PATCH', `${V}/sobjects/Account/${id.slice(0, 15)}`, { Phone: '555' })).status).to.equal(204);
    expect(org.org.get(id)!.Phone).to.equal('555');
    expect((await org.call('DELETE', `${V}/sobjects/Account/${id}`)).status).to.equal(204);
    expect(await org.call('GET', `${V}/sobjects/Account/${id}`)).to.deep.include({
      status: 404,
      body: [{ errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted' }],
    });
  });

  it('answers a write error with 400 and the error list', async () => {
    const res = await org.call('POST', `${V}/sobjects/Account`, { Nmae: 'typo' });
    expect(res.status).to.equal(400);
    expect(res.body).to.deep.equal([{ message: "No such column 'Nmae' on sobject of type Account", errorCode: 'INVALID_FIELD', fields: [] }]);
  });

  it('answers unknown ids with 404', async () => {
    expect((await org.call('GET', `${V}/sobjects/Account/001000000000000AAA`)).body[0].errorCode).to.equal('NOT_FOUND');
    expect((await org.call('GET', `${V}/sobjects/Account/23foo`)).body).to.deep.equal([
      { message: 'Provided external ID field does not exist or is not accessible: 23foo', errorCode: 'NOT_FOUND' },
    ]);
  });

  it('upserts by external id: 201 created, then 200 updated', async () => {
    const created = await org.call('PATCH', `${V}/sobjects/Widget__c/Ext__c/W-1`, { Name: 'w' });
    expect(created.status).to.equal(201);
    expect(created.body).to.include({ success: true, created: true });
    const updated = await org.call('PATCH', `${V}/sobjects/Widget__c/Ext__c/W-1`, { Name: 'v' });
    expect(updated.status).to.equal(200);
    expect(updated.body).to.deep.equal({ id: created.body.id, success: true, errors: [], created: false });
    const byKey = await org.call('GET', `${V}/sobjects/Widget__c/Ext__c/W-1?fields=Name`);
    expect(byKey.body.Name).to.equal('v');
    expect((await org.call('PATCH', `${V}/sobjects/Widget__c/Namez/x`, { Name: 'v' })).body).to.deep.equal([
      { message: 'Provided external ID field does not exist or is not accessible: Namez', errorCode: 'NOT_FOUND' },
    ]);
  });

  it('answers 300 with the record urls when an external id matches several records', async () => {
    const a = org.org.seedTarget.insert('Contact', { LastName: 'a', Email: 'dup@example.com' });
    const b = org.org.seedTarget.insert('Contact', { LastName: 'b', Email: 'dup@example.com' });
    const res = await org.call('PATCH', `${V}/sobjects/Contact/Email/dup@example.com`, { LastName: 'c' });
    expect(res.status).to.equal(300);
    expect(res.body).to.deep.equal([`${V}/sobjects/Contact/${a}`, `${V}/sobjects/Contact/${b}`]);
  });

  it('describes globally and per object with child relationships and record types', async () => {
    const global = await org.call('GET', `${V}/sobjects`);
    expect(global.body).to.include({ encoding: 'UTF-8', maxBatchSize: 200 });
    const account = (global.body.sobjects as Array<Record<string, unknown>>).find((s) => s.name === 'Account')!;
    expect(account).to.include({ keyPrefix: '001', queryable: true });
    expect(account.urls).to.deep.equal({
      rowTemplate: `${V}/sobjects/Account/{ID}`,
      defaultValues: `${V}/sobjects/Account/defaultValues?recordTypeId&fields`,
      describe: `${V}/sobjects/Account/describe`,
      sobject: `${V}/sobjects/Account`,
    });
    const describe = (await org.call('GET', `${V}/sobjects/Contact/describe`)).body;
    expect(describe.name).to.equal('Contact');
    const allocations = (describe.childRelationships as Array<Record<string, unknown>>).find((r) => r.childSObject === 'TicketAllocation__c');
    expect(allocations).to.include({ field: 'Contact__c', cascadeDelete: true });
    const widget = (await org.call('GET', `${V}/sobjects/Widget__c/describe`)).body;
    const types = (widget.recordTypeInfos as Array<Record<string, unknown>>).map((r) => [r.developerName, r.master]);
    expect(types).to.deep.equal([
      ['Standard', false],
      ['Mono', false],
      ['Master', true],
    ]);
    expect((await org.call('GET', `${V}/sobjects/Account`)).body.objectDescribe.name).to.equal('Account');
  });
});
