/**
 * SFDMU 3.7.19 (the open-source data mover, from npm) between two emulated orgs: source seeded with `demo`,
 * target empty. It reads with REST queries and writes with sObject collections below its `bulkThreshold` and
 * with its own Bulk API 2.0 client from it, so both write paths of the emulator meet a foreign client.
 * Records are compared by natural key (account Name, contact Email, project External_Id__c), since ids
 * differ between orgs; every lookup in the target must point at the record its source lookup pointed at.
 */
import { expect } from 'chai';
import type { EmulatedOrg } from '@sf-isync/org-emulator';
import { startOrg } from '@sf-isync/org-emulator';
import type { StoredRecord } from '@sf-isync/org-emulator';
import { runSfdmu, type SfdmuObject, type SfdmuRun } from './sfdmu.js';

const OBJECTS: SfdmuObject[] = [
  { query: 'SELECT Id, Name, ParentId, Industry, AccountNumber FROM Account', operation: 'Upsert', externalId: 'Name' },
  { query: 'SELECT Id, FirstName, LastName, Email, Title, AccountId, ReportsToId FROM Contact', operation: 'Upsert', externalId: 'Email' },
  { query: 'SELECT Id, Name, External_Id__c, Status__c, Account__c FROM Project__c', operation: 'Upsert', externalId: 'External_Id__c' },
];
/** Never reached by the demo dataset: every write goes through sObject collections. */
const REST_ONLY = 1_000_000;
/** Every object with records goes through Bulk API 2.0. */
const BULK_ALWAYS = 1;

/** The value of `field` on the record that `id` names, in `org` (how a lookup is compared across orgs). */
function keyOf(org: EmulatedOrg, id: unknown, field: string): unknown {
  return typeof id === 'string' ? org.org.get(id)?.[field] : undefined;
}

function byKey(org: EmulatedOrg, objectName: string, key: string): Map<unknown, StoredRecord> {
  return new Map(org.org.records(objectName).map((record) => [record[key], record]));
}

/** Asserts that `target` holds the source's records of `objectName`, fields and lookups alike. */
function expectCopied(source: EmulatedOrg, target: EmulatedOrg, objectName: string, key: string, fields: string[], lookups: Record<string, string>): void {
  const copies = byKey(target, objectName, key);
  const originals = source.org.records(objectName);
  expect(copies.size, `${objectName} records in the target`).to.equal(originals.length);
  expect(target.org.count(objectName), `${objectName}: no duplicates`).to.equal(originals.length);
  for (const original of originals) {
    const copy = copies.get(original[key]);
    expect(copy, `${objectName} ${String(original[key])}`).to.not.equal(undefined);
    for (const field of fields) expect(copy?.[field], `${objectName}.${field}`).to.equal(original[field]);
    for (const [field, parentKey] of Object.entries(lookups)) {
      expect(keyOf(target, copy?.[field], parentKey), `${objectName}.${field} of ${String(original[key])}`).to.equal(keyOf(source, original[field], parentKey));
    }
  }
}

function expectAllCopied(source: EmulatedOrg, target: EmulatedOrg): void {
  expectCopied(source, target, 'Account', 'Name', ['Industry', 'AccountNumber'], { ParentId: 'Name' });
  expectCopied(source, target, 'Contact', 'Email', ['FirstName', 'LastName', 'Title'], { AccountId: 'Name', ReportsToId: 'Email' });
  expectCopied(source, target, 'Project__c', 'External_Id__c', ['Name', 'Status__c'], { Account__c: 'Name' });
}

function expectSucceeded(run: SfdmuRun): void {
  expect(run.code, `${run.stdout}\n${run.stderr}`).to.equal(0);
  expect(run.stdout).to.contain('Command succeeded.');
  // SFDMU exits 0 even when records failed (the records are checked one by one anyway); its Bulk log says so.
  expect(run.stdout).to.not.match(/[1-9]\d* records failed/);
}

describe('clients: SFDMU org to org between emulated orgs', function () {
  this.timeout(300_000);
  let source: EmulatedOrg;
  const targets: EmulatedOrg[] = [];
  const newTarget = async (name: string): Promise<EmulatedOrg> => {
    const target = await startOrg({ dataset: 'empty', username: `sfdmu-${name}@target.emulator.isync.test` });
    targets.push(target);
    return target;
  };

  before(async () => {
    source = await startOrg({ dataset: 'demo', username: 'sfdmu@source.emulator.isync.test' });
  });

  after(async () => {
    await Promise.all([source, ...targets].filter(Boolean).map((org) => org.stop()));
  });

  it('moves accounts (ParentId), contacts (AccountId, ReportsToId) and projects through sObject collections', async () => {
    const target = await newTarget('rest');
    const run = await runSfdmu(source, target, OBJECTS, REST_ONLY);
    expectSucceeded(run);
    expectAllCopied(source, target);
    const requests = target.stats().requests;
    expect(requests.collectionCreate, 'inserts through composite/sobjects').to.be.greaterThan(0);
    expect(requests.bulkJobCreate).to.equal(undefined);
  });

  it('upserts a second run onto the same target by external id: changes land, nothing is duplicated', async () => {
    const target = targets[0];
    const renamed = source.org.records('Account').find((account) => account.ParentId) as StoredRecord;
    const response = await fetch(`${source.instanceUrl}/services/data/v62.0/sobjects/Account/${renamed.Id}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${source.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ Industry: 'Chemicals' }),
    });
    expect(response.status).to.equal(204);
    const run = await runSfdmu(source, target, OBJECTS, REST_ONLY);
    expectSucceeded(run);
    expectAllCopied(source, target);
    expect(byKey(target, 'Account', 'Name').get(renamed.Name)?.Industry).to.equal('Chemicals');
  });

  it('moves the same graph through its Bulk API 2.0 client above bulkThreshold', async () => {
    const target = await newTarget('bulk');
    const run = await runSfdmu(source, target, OBJECTS, BULK_ALWAYS);
    expectSucceeded(run);
    expect(run.stdout).to.contain('using Bulk API V2.0');
    expectAllCopied(source, target);
    const requests = target.stats().requests;
    expect(requests.bulkJobCreate, 'one ingest job per object and step').to.be.greaterThan(2);
    expect(requests.collectionCreate).to.equal(undefined);
    expect(requests.collectionUpdate).to.equal(undefined);
  });
});
