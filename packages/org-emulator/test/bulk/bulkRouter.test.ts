import { expect } from 'chai';
import type { EmulatorRequest } from '../../src/http/types.js';
import { bulkKit, json, send } from './bulkTestKit.js';

describe('bulk routing', () => {
  it('leaves paths that are not Bulk 2.0 to the other handlers', async () => {
    const kit = bulkKit();
    const req: EmulatorRequest = {
      method: 'GET',
      path: '/sobjects/Account',
      query: new URLSearchParams(),
      headers: {},
      body: '',
      apiVersion: '62.0',
      instanceUrl: 'http://127.0.0.1:4567',
    };
    expect(await kit.api.handle(req)).to.equal(undefined);
    expect(await kit.api.handle({ ...req, path: '/jobs/ingestion' })).to.equal(undefined);
    expect(kit.stats).to.deep.equal([]);
  });

  it('accepts trailing slashes, as SFDMU sends them', async () => {
    const kit = bulkKit();
    const id = String(json(await send(kit, 'POST', '/jobs/ingest/', { object: 'Account', operation: 'insert' })).id);
    expect((await send(kit, 'PUT', `/jobs/ingest/${id}/batches/`, 'Name\nA\n')).status).to.equal(201);
    expect(json(await send(kit, 'GET', `/jobs/ingest/${id}/`)).state).to.equal('Open');
  });

  it('answers 405 for a method the resource does not have, 404 for an unknown sub-resource', async () => {
    const kit = bulkKit();
    const id = String(json(await send(kit, 'POST', '/jobs/ingest', { object: 'Account', operation: 'insert' })).id);
    const wrongMethod = await send(kit, 'POST', `/jobs/ingest/${id}`);
    expect(wrongMethod.status).to.equal(405);
    expect(json(wrongMethod)[0].message).to.equal("HTTP Method 'POST' not allowed. Allowed are GET,PATCH,DELETE");
    expect((await send(kit, 'GET', `/jobs/ingest/${id}/unprocessedRecords`)).status).to.equal(404);
    expect((await send(kit, 'GET', `/jobs/query/${id}`)).status).to.equal(404);
    expect(kit.stats.slice(1)).to.deep.equal(['other', 'other', 'bulkQueryPoll']);
  });
});
