/**
 * readMetadata of CustomField: a custom field rendered from its describe, read through jsforce's own Metadata
 * API client (a client nobody here wrote), as `sf isync compare --fix` reads a picklist field before it adds
 * values to it.
 */
import { Connection } from '@jsforce/jsforce-node';
import { expect } from 'chai';
import { startOrg, type EmulatedOrg } from '../../src/index.js';

type ReadField = {
  fullName?: string;
  label?: string;
  type?: string;
  length?: number | string;
  precision?: number | string;
  scale?: number | string;
  referenceTo?: string;
  relationshipName?: string;
  valueSet?: { restricted?: boolean | string; valueSetDefinition?: { value?: Array<{ fullName: string; default: boolean | string }> } };
};

describe('emulator SOAP Metadata endpoint: readMetadata of CustomField', () => {
  let org: EmulatedOrg;
  let conn: Connection;
  before(async () => {
    org = await startOrg({ dataset: 'empty' });
    conn = new Connection({ instanceUrl: org.instanceUrl, accessToken: org.accessToken, version: '62.0' });
  });
  after(async () => {
    await org.stop();
  });

  it('answers a picklist with its values, a currency with its precision and a lookup with its target', async () => {
    const [status, budget, account] = (await conn.metadata.read('CustomField', [
      'Project__c.Status__c',
      'Project__c.Budget__c',
      'Project__c.Account__c',
    ])) as ReadField[];
    expect(status).to.include({ fullName: 'Project__c.Status__c', label: 'Status', type: 'Picklist' });
    expect(status.valueSet?.valueSetDefinition?.value?.map((value) => value.fullName)).to.deep.equal(['Draft', 'Active', 'On Hold', 'Closed']);
    expect(String(status.valueSet?.valueSetDefinition?.value?.[0].default)).to.equal('true');
    expect(budget).to.include({ fullName: 'Project__c.Budget__c', type: 'Currency' });
    expect([String(budget.precision), String(budget.scale)]).to.deep.equal(['14', '2']);
    expect(account).to.include({ type: 'Lookup', referenceTo: 'Account', relationshipName: 'Account__r' });
  });

  it('answers a nil record for a standard field and for a field the org does not have', async () => {
    const [standard, missing] = (await conn.metadata.read('CustomField', ['Account.Industry', 'Project__c.Nope__c'])) as ReadField[];
    expect(standard.fullName).to.equal(undefined);
    expect(missing.fullName).to.equal(undefined);
  });
});
