import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecuteResult } from '../../src/commands/isync/execute.js';
import type { RollbackResult } from '../../src/commands/isync/rollback.js';
import type { RetryResult } from '../../src/commands/isync/retry.js';
import { callOrg, queryOrg, startOrgPair, type OrgPair } from '../../harness/emulatedOrgs.js';
import { jsonOf, runPlugin } from '../../harness/runPlugin.js';

type Row = Record<string, unknown>;

/** A target whose accounts are Client__c records, looked up from Contact.Client__c. */
const TARGET_SCHEMA = {
  addObjects: [
    {
      name: 'Client__c',
      keyPrefix: 'a1C',
      label: 'Client',
      labelPlural: 'Clients',
      nameField: { kind: 'text', label: 'Client Name' },
      fields: [
        { kind: 'text', name: 'Code__c', length: 40 },
        { kind: 'int', name: 'Per_Hundred__c', digits: 9 },
      ],
      recordTypes: [
        { developerName: 'Customer', name: 'Customer' },
        { developerName: 'Partner', name: 'Partner' },
      ],
      validationRules: [],
    },
  ],
  addFields: { Contact: [{ kind: 'lookup', name: 'Client__c', referenceTo: 'Client__c', relationshipName: 'Client__r' }] },
};

const TEMPLATE = {
  objects: [
    { name: 'Account', target: 'Client__c', matchBy: 'Name', fields: ['Name', 'RecordTypeId'], fieldMap: { AccountNumber: 'Code__c' } },
    {
      name: 'Contact',
      matchBy: ['FirstName', 'LastName', 'Email'],
      fields: ['FirstName', 'LastName', 'Email', 'Title'],
      fieldMap: { AccountId: 'Client__c' },
    },
  ],
};

describe('a parent object loaded into a target object of another name, its children relinked (bin/run.js)', function () {
  this.timeout(300_000);
  let pair: OrgPair;
  let template: string;
  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'isync-renamed-'));
    writeFileSync(join(dir, 'target-schema.json'), JSON.stringify(TARGET_SCHEMA));
    template = join(dir, 'template.json');
    writeFileSync(template, JSON.stringify(TEMPLATE));
    pair = await startOrgPair({ dataset: 'demo' }, { dataset: 'empty', schema: join(dir, 'target-schema.json') });
  });
  after(async () => pair?.stop());

  it('inserts Accounts as Client__c, points every Contact to its Client__c, re-runs unchanged, rolls back', async () => {
    const execute = async (): Promise<ExecuteResult> => {
      const run = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', template, '--json'], pair.env);
      const json = jsonOf<ExecuteResult>(run);
      expect(json.status, run.stdout + run.stderr).to.equal(0);
      return json.result;
    };
    const first = await execute();
    expect(first.objects.map((object) => object.match)).to.deep.equal(['into Client__c, key Name', 'key FirstName + LastName + Email']);
    const accounts = await queryOrg(pair.source, 'SELECT Name, AccountNumber FROM Account');
    const clients = await queryOrg(pair.target, 'SELECT Name, Code__c FROM Client__c');
    expect(clients.map((row) => `${String(row.Name)}|${String(row.Code__c)}`).sort()).to.deep.equal(
      accounts.map((row) => `${String(row.Name)}|${String(row.AccountNumber)}`).sort()
    );
    const contacts = await queryOrg(pair.source, 'SELECT LastName, Email, Account.Name FROM Contact');
    const targets = await queryOrg(pair.target, 'SELECT LastName, Email, Client__r.Name FROM Contact');
    const parentOf = (row: Row, relation: string): string => String((row[relation] as Row | null)?.Name);
    expect(targets.map((row) => `${String(row.Email)}|${parentOf(row, 'Client__r')}`).sort()).to.deep.equal(
      contacts.map((row) => `${String(row.Email)}|${parentOf(row, 'Account')}`).sort()
    );

    const again = await execute();
    for (const object of again.objects) expect(object, object.object).to.include({ inserted: 0, updated: 0 });

    const rollback = jsonOf<RollbackResult>(await runPlugin(['isync', 'rollback', '--run-id', first.runId, '--json'], pair.env));
    expect(rollback.status, JSON.stringify(rollback)).to.equal(0);
    expect(await queryOrg(pair.target, 'SELECT Id FROM Client__c')).to.have.length(0);
    expect(await queryOrg(pair.target, 'SELECT Id FROM Contact')).to.have.length(0);
  });

  it('fails alone a record whose expression fails on its values, and `sf isync retry` takes it again once fixed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'isync-renamed-retry-'));
    const failing = join(dir, 'template.json');
    // Per_Hundred__c divides by (employees - 100): an account of 100 employees cannot be computed.
    const compute = { Per_Hundred__c: 'ROUND(100000 / (NumberOfEmployees - 100), 0)' };
    writeFileSync(failing, JSON.stringify({ objects: [{ name: 'Account', target: 'Client__c', matchBy: 'Name', fields: ['Name'], compute }] }));
    const [account] = await queryOrg(pair.source, 'SELECT Id, Name FROM Account ORDER BY Name LIMIT 1');
    await callOrg(pair.source, 'PATCH', `/sobjects/Account/${String(account.Id)}`, { NumberOfEmployees: 100 });
    const run = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', failing, '--json'], pair.env);
    expect(run.code, run.stdout + run.stderr).to.equal(68);
    const result = jsonOf<ExecuteResult>(run).result;
    expect(result.failures).to.deep.equal([{ object: 'Account', code: 'ISYNC_TRANSFORM_FAILED', count: 1 }]);
    expect(await queryOrg(pair.target, `SELECT Id FROM Client__c WHERE Name = '${String(account.Name)}'`)).to.have.length(0);

    await callOrg(pair.source, 'PATCH', `/sobjects/Account/${String(account.Id)}`, { NumberOfEmployees: 300 });
    const retry = await runPlugin(['isync', 'retry', '--json'], pair.env);
    expect(retry.code, retry.stdout + retry.stderr).to.equal(0);
    expect(jsonOf<RetryResult>(retry).result.retried.records).to.equal(1);
    const [client] = await queryOrg(pair.target, `SELECT Per_Hundred__c FROM Client__c WHERE Name = '${String(account.Name)}'`);
    expect(client.Per_Hundred__c).to.equal(500);
  });
});
