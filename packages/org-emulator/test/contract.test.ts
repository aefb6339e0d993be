/**
 * Contract test: the emulator's responses have the keys of Salesforce's recorded responses
 * (shared/salesforce-fixtures), endpoint by endpoint.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fixturePath } from './fixtures.js';
import type { EmulatedOrg } from '../src/orgServer.js';
import { type Call, startTestOrg } from './http/testServer.js';

const V = '/services/data/v62.0';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- recorded bodies are arbitrary JSON
function recorded(path: string): any {
  const parsed = JSON.parse(readFileSync(fixturePath(path), 'utf8'));
  return parsed.response ? parsed.response.body : parsed;
}

const keys = (value: unknown): string[] => Object.keys(value as object).sort();

describe('emulator contract with recorded Salesforce responses', () => {
  let org: EmulatedOrg & { call: Call };
  before(async () => {
    org = await startTestOrg();
  });
  after(async () => {
    await org.stop();
  });

  it('describeGlobal entries have the recorded keys', async () => {
    const fixture = recorded('describe-global/describe-global.cci-full-v48.json');
    const mine = (await org.call('GET', `${V}/sobjects`)).body;
    expect(keys(mine)).to.deep.equal(keys(fixture));
    expect(keys(mine.sobjects[0])).to.deep.equal(keys(fixture.sobjects[0]));
  });

  it('describe has the recorded top-level keys, record type and child relationship shapes', async () => {
    const fixture = recorded('describe/Account.cci.json');
    const mine = (await org.call('GET', `${V}/sobjects/Account/describe`)).body;
    expect(keys(mine)).to.deep.equal(keys(fixture));
    expect(keys(mine.recordTypeInfos[0])).to.deep.equal(keys(fixture.recordTypeInfos[0]));
    expect(keys(mine.childRelationships[0])).to.deep.equal(keys(fixture.childRelationships[0]));
    expect(keys(mine.urls)).to.deep.equal(keys(fixture.urls));
  });

  it('collection results have the recorded shape', async () => {
    const fixture = recorded(
      'composite/sobject-collections/cci__TestUpsert.test_upsert_complex_external_id_field_rest__duplicate_error__09_PATCH_composite-sobjects-Account-Id.json'
    );
    const mine = (
      await org.call('PATCH', `${V}/composite/sobjects/Account/Id`, { allOrNone: false, records: [{ Name: 'S', Id: null, attributes: { type: 'Account' } }] })
    ).body;
    expect(keys(mine[0])).to.deep.equal(keys(fixture[0]));
    expect(mine[0]).to.include({ success: true, created: true });
  });

  it('query pages have the recorded keys', async () => {
    const fixture = recorded('query/netcoreforce__querybatch_batch-2.json');
    org.org.seedTarget.insert('Account', { Name: 'Q' });
    const mine = (await org.call('GET', `${V}/query?q=SELECT+Id+FROM+Account`)).body;
    expect(keys(mine)).to.deep.equal(keys(fixture).filter((k) => k !== 'nextRecordsUrl'));
    expect(keys(mine.records[0])).to.deep.equal(keys(fixture.records[0]));
  });

  it('the Organization row has the recorded fields the CLI reads', async () => {
    const fixture = recorded('sobject-rows/swiftly__MockOrganization.json');
    const row = (await org.call('GET', `${V}/sobjects/Organization/${org.orgId}`)).body;
    for (const key of ['Name', 'InstanceName', 'IsSandbox', 'TrialExpirationDate', 'NamespacePrefix', 'OrganizationType']) {
      expect(row).to.have.property(key);
      expect(fixture).to.have.property(key);
    }
  });
});
