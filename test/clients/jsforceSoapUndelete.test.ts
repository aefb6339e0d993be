/**
 * jsforce 3's own SOAP client (`conn.soap.undelete`, the Partner envelope of its `src/soap.ts`, parsed by its own
 * XML reader and UndeleteResult schema) against the emulator's SOAP endpoint, through @salesforce/core's
 * Connection as the plugin has it. Proves the wire format from a client nobody on this project wrote.
 */
import type { Connection } from '@salesforce/core';
import { expect } from 'chai';
import { startOrg, type EmulatedOrg } from '@sf-isync/org-emulator';
import { connectTo } from '../support/orgConnection.js';
import { useProcessSandboxHome } from './processSandboxHome.js';

describe('clients: jsforce conn.soap.undelete against the emulator', function () {
  this.timeout(120_000);
  let emulated: EmulatedOrg;
  let conn: Connection;
  let restoreHome: () => void;

  before(async () => {
    restoreHome = useProcessSandboxHome().restore;
    emulated = await startOrg();
    conn = await connectTo(emulated);
  });
  after(async () => {
    await emulated?.stop();
    restoreHome();
  });

  it('restores a deleted account with its contacts and reports a record not in the recycle bin', async () => {
    const account = await conn.sobject('Account').create({ Name: 'Acme' });
    const contact = await conn.sobject('Contact').create({ LastName: 'Lovelace', AccountId: account.id });
    await conn.sobject('Account').destroy(account.id!);
    const deleted = await conn.query<{ Id: string }>(`SELECT Id FROM Contact WHERE IsDeleted = true AND Id = '${contact.id!}'`, { scanAll: true });
    expect(deleted.totalSize).to.equal(1);

    const results = await conn.soap.undelete([contact.id!, account.id!]);

    expect(results).to.have.length(2);
    expect(results[0]).to.deep.include({ success: false });
    expect(results[0].errors[0]).to.deep.include({ statusCode: 'UNDELETE_FAILED', message: 'Entity is not in the recycle bin' });
    expect(results[1]).to.deep.include({ id: account.id, success: true });
    const live = await conn.query<{ Id: string }>(`SELECT Id FROM Contact WHERE Id = '${contact.id!}'`);
    expect(live.totalSize, 'the contact came back with its account').to.equal(1);
  });

  it('rejects with the fault jsforce reads for an unknown operation', async () => {
    // jsforce's SOAP class parses faults into { errorCode: faultcode, message: faultstring }.
    const failure = await conn.soap.getServerTimestamp().then(
      () => undefined,
      (error: unknown) => error as { errorCode?: string; message?: string }
    );
    expect(failure?.errorCode).to.equal('sf:UNKNOWN_EXCEPTION');
    expect(failure?.message).to.contain('getServerTimestamp() is not emulated');
  });
});
