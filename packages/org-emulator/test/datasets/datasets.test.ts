import { expect } from 'chai';
import { FAMILY_RECORDS } from '../../src/datasets/family.js';
import { seedDataset } from '../../src/datasets/index.js';
import { SchemaCheckingSeedTarget } from './schemaCheckingSeedTarget.js';
import type { DatasetName, DatasetOptions } from '../../src/datasets/types.js';

function seeded(name: DatasetName, options: DatasetOptions = {}): SchemaCheckingSeedTarget {
  const target = new SchemaCheckingSeedTarget();
  seedDataset(name, target, options);
  return target;
}

function countsByObject(target: SchemaCheckingSeedTarget): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of target.log.filter((line) => line.startsWith('insert '))) {
    const objectName = entry.split(' ')[1];
    counts[objectName] = (counts[objectName] ?? 0) + 1;
  }
  return counts;
}

describe('datasets', () => {
  const demo = seeded('demo');

  it('empty adds nothing', () => {
    expect(seeded('empty').log).to.deep.equal([]);
  });

  it('demo is the same for the same seed and differs for another seed', () => {
    expect(seeded('demo').log).to.deep.equal(demo.log);
    expect(seeded('demo', { seed: 2 }).log).to.not.deep.equal(demo.log);
  });

  it('demo has a few hundred records across every object of the shape', () => {
    expect(countsByObject(demo)).to.deep.equal({
      User: 4,
      Pricebook2: 1,
      Product2: 6,
      PricebookEntry: 12,
      Account: 32,
      Contact: 40,
      Opportunity: 24,
      OpportunityLineItem: 48,
      Case: 16,
      Lead: 8,
      Supplier__c: 16,
      Warehouse__c: 8,
      Carrier__c: 8,
      Route__c: 8,
      Shipment__c: 16,
      Project__c: 8,
      Project_Task__c: 24,
      Project_Assignment__c: 16,
      Team__c: 8,
      Team_Member__c: 24,
      Task: 40,
    });
    expect(demo.insertCount).to.equal(367);
  });

  it('points every lookup to an inserted record of an allowed type (checked at each write)', () => {
    // SchemaCheckingSeedTarget throws on a dangling or mistyped reference; here, the final state too.
    for (const [, row] of demo.rows) {
      for (const value of Object.values(row.fields)) {
        if (typeof value === 'string' && /^[0-9a-zA-Z]{3}\d{12}AAA$/.test(value)) expect(demo.rows.has(value)).to.equal(true);
      }
    }
  });

  it('closes both cycles with an update after insert', () => {
    for (const team of demo.rowsOf('Team__c')) {
      expect(team.insertedFields.Captain__c).to.equal(undefined);
      expect(demo.rows.get(team.fields.Captain__c as string)?.objectName).to.equal('Team_Member__c');
    }
    for (const warehouse of demo.rowsOf('Warehouse__c')) {
      expect(warehouse.insertedFields.Default_Route__c).to.equal(undefined);
      const route = demo.rows.get(warehouse.fields.Default_Route__c as string)!;
      const carrier = demo.rows.get(route.fields.Carrier__c as string)!;
      expect(carrier.insertedFields.Home_Warehouse__c).to.be.a('string');
    }
  });

  it('builds three-level account hierarchies and ReportsTo chains', () => {
    const accounts = new Map([...demo.rows].filter(([, row]) => row.objectName === 'Account'));
    const depth = (id: string): number => {
      const parentId = accounts.get(id)?.fields.ParentId as string | null;
      return parentId ? 1 + depth(parentId) : 1;
    };
    expect(Math.max(...[...accounts.keys()].map(depth))).to.equal(3);
    const reports = demo.rowsOf('Contact').filter((contact) => contact.fields.ReportsToId);
    const chained = reports.filter((contact) => demo.rows.get(contact.fields.ReportsToId as string)?.fields.ReportsToId);
    expect(chained.length).to.be.greaterThan(0);
  });

  it('gives every branch supplier its parent at insert, as the validation rule demands', () => {
    const branches = demo.rowsOf('Supplier__c').filter((supplier) => supplier.fields.Type__c === 'Branch');
    expect(branches).to.not.be.empty;
    for (const branch of branches) expect(branch.insertedFields.Parent_Supplier__c).to.be.a('string');
  });

  it('uses both record types of Account and of Supplier__c', () => {
    const recordTypeNames = (objectName: string): Set<unknown> =>
      new Set(demo.rowsOf(objectName).map((row) => demo.rows.get(row.fields.RecordTypeId as string)?.fields.DeveloperName));
    expect([...recordTypeNames('Account')].sort()).to.deep.equal(['Customer', 'Partner']);
    expect([...recordTypeNames('Supplier__c')].sort()).to.deep.equal(['Manufacturer', 'Service_Provider']);
  });

  it('points tasks at contacts, leads, accounts, opportunities, cases and projects', () => {
    const targets = new Set(
      demo
        .rowsOf('Task')
        .flatMap((task) => [task.fields.WhoId, task.fields.WhatId])
        .filter(Boolean)
        .map((id) => demo.rows.get(id as string)?.objectName)
    );
    expect([...targets].sort()).to.deep.equal(['Account', 'Case', 'Contact', 'Lead', 'Opportunity', 'Project__c']);
  });

  it('prices every product in the standard price book before its custom price, and users get a profile', () => {
    // SchemaCheckingSeedTarget refuses a custom price without a standard one, as the org does.
    const prices = demo.rowsOf('PricebookEntry');
    const standard = prices.filter((price) => price.fields.Pricebook2Id === demo.standardPricebook);
    expect(standard).to.have.length(6);
    expect(new Set(prices.map((price) => price.fields.Product2Id)).size).to.equal(6);
    const custom = prices.find((price) => price.fields.Pricebook2Id !== demo.standardPricebook)!;
    const standardPrice = standard.find((price) => price.fields.Product2Id === custom.fields.Product2Id)!;
    expect(custom.fields.UnitPrice).to.be.lessThan(standardPrice.fields.UnitPrice as number);
    for (const user of demo.rowsOf('User')) expect(user.fields.ProfileId).to.equal(demo.profileId('Standard User'));
  });

  it('fills external ids uniquely', () => {
    const ids = demo.rowsOf('Supplier__c').map((supplier) => supplier.fields.External_Id__c);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(ids[0]).to.equal('SUP-000001');
  });

  it('derives usernames from the per-org suffix (default: the running user id)', () => {
    const usernames = demo.rowsOf('User').map((user) => user.fields.Username as string);
    expect(usernames[0]).to.equal('ada.lovelace@demo-005000000000001aaa.example.com');
    const other = seeded('demo', { userSuffix: 'Org-B' })
      .rowsOf('User')
      .map((user) => user.fields.Username as string);
    expect(other[0]).to.equal('ada.lovelace@demo-orgb.example.com');
  });

  it('bench inserts exactly the records asked for (default 1000), deterministically per seed', () => {
    expect(seeded('bench').insertCount).to.equal(1000);
    for (const records of [0, 30, 65, 2500]) expect(seeded('bench', { records }).insertCount, String(records)).to.equal(records);
    expect(seeded('bench', { records: 300, seed: 7 }).log).to.deep.equal(seeded('bench', { records: 300, seed: 7 }).log);
  });

  it("bench keeps the demo's proportions: whole families, then standalone accounts", () => {
    const counts = countsByObject(seeded('bench', { records: 1000 }));
    const families = Math.floor((1000 - 22) / FAMILY_RECORDS);
    expect(counts.Team__c).to.equal(families);
    expect(counts.Supplier__c).to.equal(2 * families);
    expect(counts.Account).to.equal(4 * families + (1000 - 22 - families * FAMILY_RECORDS));
  });

  it('rejects a negative record count', () => {
    expect(() => seeded('bench', { records: -1 })).to.throw('bench: records must be a whole number >= 0, got -1');
  });
});
