import { expect } from 'chai';
import type { EmulatedOrg } from '../../src/orgServer.js';
import { type Call, startTestOrg } from '../http/testServer.js';

const V = '/services/data/v62.0';

describe('emulator composite, graph and tree', () => {
  let org: EmulatedOrg & { call: Call };
  beforeEach(async () => {
    org = await startTestOrg();
  });
  afterEach(async () => {
    await org.stop();
  });

  it('runs subrequests in order with @{ref.id} and @{ref.records[0].Id} references', async () => {
    const res = await org.call('POST', `${V}/composite`, {
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'acct', body: { Name: 'Parent' } },
        { method: 'POST', url: `${V}/sobjects/Contact`, referenceId: 'con', body: { LastName: 'Kid', AccountId: '@{acct.id}' } },
        { method: 'GET', url: `${V}/query?q=SELECT+Id+FROM+Contact+WHERE+AccountId='@{acct.id}'`, referenceId: 'q' },
        { method: 'PATCH', url: `${V}/sobjects/Contact/@{q.records[0].Id}`, referenceId: 'upd', body: { FirstName: 'Ada' } },
      ],
    });
    const responses = res.body.compositeResponse as Array<{ httpStatusCode: number; referenceId: string; httpHeaders: Record<string, string> }>;
    expect(responses.map((r) => r.httpStatusCode)).to.deep.equal([201, 201, 200, 204]);
    expect(responses[0].httpHeaders.Location).to.match(/^\/services\/data\/v62\.0\/sobjects\/Account\/001/);
    const contact = org.org.records('Contact')[0];
    expect(contact).to.include({ FirstName: 'Ada', AccountId: org.org.records('Account')[0].Id });
    expect(org.stats().requests.composite).to.equal(1);
  });

  it('allOrNone: a failure rolls everything back and halts the others', async () => {
    const res = await org.call('POST', `${V}/composite`, {
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'ok', body: { Name: 'A' } },
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'bad', body: {} },
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'later', body: { Name: 'B' } },
      ],
    });
    const responses = res.body.compositeResponse as Array<{ httpStatusCode: number; body: Array<{ errorCode: string; message: string }> }>;
    expect(responses[0].body).to.deep.equal([
      { errorCode: 'PROCESSING_HALTED', message: 'The transaction was rolled back since another operation in the same transaction failed.' },
    ]);
    expect(responses[1].body[0].errorCode).to.equal('REQUIRED_FIELD_MISSING');
    expect(responses[2].body[0].errorCode).to.equal('PROCESSING_HALTED');
    expect(org.org.count('Account')).to.equal(0);
  });

  it('without allOrNone keeps successes and halts subrequests referencing a failure', async () => {
    const res = await org.call('POST', `${V}/composite`, {
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'bad', body: {} },
        { method: 'POST', url: `${V}/sobjects/Contact`, referenceId: 'dep', body: { LastName: 'x', AccountId: '@{bad.id}' } },
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'ok', body: { Name: 'A' } },
      ],
    });
    const codes = (res.body.compositeResponse as Array<{ httpStatusCode: number }>).map((r) => r.httpStatusCode);
    expect(codes).to.deep.equal([400, 400, 201]);
    expect(res.body.compositeResponse[1].body[0].errorCode).to.equal('PROCESSING_HALTED');
    expect(org.org.count('Account')).to.equal(1);
  });

  it('rejects more than 25 subrequests', async () => {
    const compositeRequest = Array.from({ length: 26 }, (_, i) => ({ method: 'GET', url: `${V}/limits`, referenceId: `r${i}` }));
    expect((await org.call('POST', `${V}/composite`, { compositeRequest })).status).to.equal(400);
  });

  it('runs graphs independently, each all-or-nothing', async () => {
    const res = await org.call('POST', `${V}/composite/graph`, {
      graphs: [
        { graphId: 'g1', compositeRequest: [{ method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'a', body: { Name: 'A' } }] },
        { graphId: 'g2', compositeRequest: [{ method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'b', body: {} }] },
      ],
    });
    expect(res.body.graphs.map((g: { graphId: string; isSuccessful: boolean }) => [g.graphId, g.isSuccessful])).to.deep.equal([
      ['g1', true],
      ['g2', false],
    ]);
    expect(org.org.count('Account')).to.equal(1);
  });

  it('creates a tree of parents and children, all or nothing', async () => {
    const tree = {
      records: [
        {
          attributes: { type: 'Account', referenceId: 'ref1' },
          Name: 'Parent',
          Contacts: { records: [{ attributes: { type: 'Contact', referenceId: 'ref2' }, LastName: 'Child' }] },
        },
      ],
    };
    const ok = await org.call('POST', `${V}/composite/tree/Account`, tree);
    expect(ok.status).to.equal(201);
    expect(ok.body.hasErrors).to.equal(false);
    expect(ok.body.results.map((r: { referenceId: string }) => r.referenceId)).to.deep.equal(['ref1', 'ref2']);
    expect(org.org.records('Contact')[0].AccountId).to.equal(ok.body.results[0].id);
    const bad = await org.call('POST', `${V}/composite/tree/Account`, {
      records: [
        { attributes: { type: 'Account', referenceId: 'p' }, Name: 'P2', Contacts: { records: [{ attributes: { type: 'Contact', referenceId: 'c' } }] } },
      ],
    });
    expect(bad.status).to.equal(400);
    expect(bad.body).to.deep.equal({
      hasErrors: true,
      results: [
        { referenceId: 'c', errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [LastName]', fields: ['LastName'] }] },
      ],
    });
    expect(org.org.count('Account')).to.equal(1);
  });
});
