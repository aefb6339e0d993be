/** `startOrg({ automation })` / `--automation`: the demo's automation on any dataset, or none on the demo. */
import { expect } from 'chai';
import { parseCliOptions, UsageError } from '../../src/cliOptions.js';
import { startOrg, type EmulatedOrg } from '../../src/index.js';
import { call, V } from './automationKit.js';

/** Validation rules (the schema's Supplier__c rule is in every org), flows (with the process), triggers, duplicate and workflow rules. */
const itemCounts = (org: EmulatedOrg): number[] => {
  const { validationRules, flows, triggers, duplicateRules, workflowRules } = org.org.automation;
  return [validationRules, flows, triggers, duplicateRules, workflowRules].map((items) => items.length);
};

describe("startOrg's automation option", () => {
  describe('the demo automation on the bench dataset', () => {
    let org: EmulatedOrg;
    before(async () => {
      org = await startOrg({ dataset: 'bench', records: 500, automation: 'demo' });
    });
    after(async () => {
      await org.stop();
    });

    it('installs the demo items after the data, and again after a data reset', async () => {
      expect(itemCounts(org)).to.deep.equal([3, 3, 1, 1, 1]);
      const contact = org.org.records('Contact')[0];
      expect(contact.JigsawContactId ?? null, 'seeded data predates the trigger').to.equal(null);
      await call(org, 'POST', '/__emulator/reset?data=true');
      expect(itemCounts(org)).to.deep.equal([3, 3, 1, 1, 1]);
    });

    it('runs them on saves: flow, process and trigger effects, the duplicate rule on an existing e-mail', async () => {
      const account = await call(org, 'POST', `${V}/sobjects/Account`, { Name: 'New Co' });
      expect(org.org.get(account.body.id)!.ChannelProgramName).to.equal('Stamped by flow Account_Channel_Stamp');
      expect(org.org.get(account.body.id)!.ChannelProgramLevelName).to.equal('Stamped by process Account_Tier_Process');
      const existing = org.org.records('Contact').find((c) => typeof c.Email === 'string')!;
      const duplicate = await call(org, 'POST', `${V}/sobjects/Contact`, { LastName: 'Twin', Email: existing.Email });
      expect(duplicate.body[0].errorCode).to.equal('DUPLICATES_DETECTED');
      const fresh = await call(org, 'POST', `${V}/sobjects/Contact`, { LastName: 'Fresh', Email: 'fresh@example.com' });
      expect(org.org.get(fresh.body.id)!.JigsawContactId).to.equal('apex:ContactTrigger');
    });

    it('passes every bench record: the rules accept the dataset re-saved through them', () => {
      // Seeding runs validation rules only; re-checking each seeded contact against the duplicate rule (its own
      // e-mail among the others) shows a sync of the bench into an org with this automation is not refused.
      const contacts = org.org.records('Contact');
      const emails = contacts.map((c) => String(c.Email).toLowerCase());
      expect(new Set(emails).size, 'bench contacts have distinct e-mails').to.equal(emails.length);
      expect(contacts.every((c) => String(c.Email).includes('@'))).to.equal(true);
      expect(org.org.records('Account').every((a) => a.AnnualRevenue === null || a.AnnualRevenue === undefined || Number(a.AnnualRevenue) >= 0)).to.equal(true);
    });

    it('seeds the legacy records through the side door', async () => {
      const legacy = await call(org, 'POST', '/__emulator/automation/legacy-records');
      expect(legacy.status).to.equal(200);
      expect(legacy.body.created.map((c: { objectName: string }) => c.objectName)).to.deep.equal(['Account', 'Contact']);
    });
  });

  it('gives an org without contacts the legacy account only', async () => {
    const org = await startOrg({ dataset: 'users', automation: 'demo' });
    try {
      expect(itemCounts(org)).to.deep.equal([3, 3, 1, 1, 1]);
      const legacy = await call(org, 'POST', '/__emulator/automation/legacy-records');
      expect(legacy.body.created.map((c: { name: string }) => c.name)).to.deep.equal(['Legacy Holdings (negative revenue)']);
    } finally {
      await org.stop();
    }
  });

  it('defaults to the demo items on the demo dataset only; none turns them off', async () => {
    const orgs = await Promise.all([
      startOrg({ dataset: 'demo' }),
      startOrg({ dataset: 'demo', automation: 'none' }),
      startOrg({ dataset: 'bench', records: 100 }),
    ]);
    try {
      expect(orgs.map(itemCounts)).to.deep.equal([
        [3, 3, 1, 1, 1],
        [1, 0, 0, 0, 0],
        [1, 0, 0, 0, 0],
      ]);
      expect((await call(orgs[1], 'POST', '/__emulator/automation/legacy-records')).body[0].errorCode).to.equal('NO_LEGACY_RECORDS');
    } finally {
      await Promise.all(orgs.map((org) => org.stop()));
    }
  });

  it('is the CLI flag --automation demo|none', () => {
    expect(parseCliOptions(['--port', '0', '--dataset', 'bench', '--automation', 'demo'])).to.deep.include({ dataset: 'bench', automation: 'demo' });
    expect(() => parseCliOptions(['--port', '0', '--automation', 'all'])).to.throw(UsageError, /--automation must be one of demo, none, got 'all'/);
  });
});
