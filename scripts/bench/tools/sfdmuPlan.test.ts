import { expect } from 'chai';
import type { EmulatedOrg } from '@sf-isync/org-emulator';
import type { BenchTemplate } from '../template.js';
import { SFDMU_POLLING_MS, sfdmuPlan } from './sfdmuPlan.js';

const org = (name: string): EmulatedOrg => ({ instanceUrl: `http://127.0.0.1/${name}`, accessToken: `token-${name}` }) as EmulatedOrg;

const template: BenchTemplate = {
  path: 'bench-template.json',
  bulkThreshold: 5000,
  objects: [
    { name: 'Account', fields: ['Name', 'ParentId'] },
    { name: 'Pricebook2', fields: ['Name', 'IsActive'], where: 'IsStandard = false' },
    { name: 'Case', fields: ['Subject', 'AccountId'], where: "Status = 'New'" },
  ],
};

describe('bench: SFDMU export.json from the bench template', () => {
  const plan = sfdmuPlan(template, org('source'), org('target'));

  it('names both orgs by instance URL and token, with the template’s bulk threshold and a short polling interval', () => {
    expect(plan.orgs).to.deep.equal([
      { name: 'source', instanceUrl: 'http://127.0.0.1/source', accessToken: 'token-source' },
      { name: 'target', instanceUrl: 'http://127.0.0.1/target', accessToken: 'token-target' },
    ]);
    expect(plan.bulkThreshold).to.equal(5000);
    expect(plan.pollingIntervalMs).to.equal(SFDMU_POLLING_MS).and.to.be.below(5000);
    expect(plan.createTargetCSVFiles).to.equal(false);
  });

  it('inserts each object with the template’s fields and filter', () => {
    expect(plan.objects[0]).to.deep.equal({ query: 'SELECT Id, Name, ParentId FROM Account', operation: 'Insert', externalId: 'Id' });
    expect(plan.objects[2]).to.deep.equal({ query: "SELECT Id, Subject, AccountId FROM Case WHERE Status = 'New'", operation: 'Insert', externalId: 'Id' });
  });

  it('upserts price books by Name, the standard one included, so standard prices find their price book', () => {
    expect(plan.objects[1]).to.deep.equal({ query: 'SELECT Id, Name, IsActive, Description FROM Pricebook2', operation: 'Upsert', externalId: 'Name' });
  });
});
