/** What the demo's automation does to saves, through every write API, and that switching it off stops it. */
import { expect } from 'chai';
import { startOrg, type EmulatedOrg } from '../../src/index.js';
import { bulkIngest, call, V } from './automationKit.js';

const FLOW_STAMP = 'Stamped by flow Account_Channel_Stamp';
const TRIGGER_STAMP = 'apex:ContactTrigger';
const RULE_ERROR = { statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Annual revenue cannot be negative.', fields: ['AnnualRevenue'] };

describe('automation effects (demo dataset)', () => {
  let org: EmulatedOrg;
  before(async () => {
    org = await startOrg({ dataset: 'demo' });
  });
  after(async () => {
    await org.stop();
  });
  beforeEach(async () => {
    await call(org, 'POST', '/__emulator/reset?data=true');
  });

  const item = (name: string): { id: string } => {
    const { validationRules, flows, triggers, duplicateRules } = org.org.automation;
    return [
      ...validationRules.map((r) => ({ id: r.id, name: r.name })),
      ...flows.map((f) => ({ id: f.id, name: f.apiName })),
      ...triggers,
      ...duplicateRules.map((d) => ({ id: d.id, name: d.developerName })),
    ].find((candidate) => candidate.name === name)!;
  };
  const switchOff = async (name: string): Promise<void> => {
    expect((await call(org, 'POST', '/__emulator/automation/active', { id: item(name).id, active: false })).status).to.equal(200);
  };
  const existingContact = (): { Id: string } & Record<string, unknown> => org.org.records('Contact').find((c) => typeof c.Email === 'string')!;

  describe('validation rule', () => {
    it('refuses a failing record through REST, collections, composite and Bulk', async () => {
      const single = await call(org, 'POST', `${V}/sobjects/Account`, { Name: 'Neg', AnnualRevenue: -10 });
      expect(single.status).to.equal(400);
      expect(single.body).to.deep.equal([{ message: RULE_ERROR.message, errorCode: RULE_ERROR.statusCode, fields: RULE_ERROR.fields }]);
      const collection = await call(org, 'POST', `${V}/composite/sobjects`, {
        records: [
          { attributes: { type: 'Account' }, Name: 'Neg', AnnualRevenue: -10 },
          { attributes: { type: 'Account' }, Name: 'Pos', AnnualRevenue: 10 },
        ],
      });
      expect(collection.body[0]).to.deep.equal({ id: null, success: false, errors: [RULE_ERROR] });
      expect(collection.body[1].success).to.equal(true);
      const composite = await call(org, 'POST', `${V}/composite`, {
        compositeRequest: [{ method: 'PATCH', url: `${V}/sobjects/Account/${collection.body[1].id}`, referenceId: 'neg', body: { AnnualRevenue: -5 } }],
      });
      expect(composite.body.compositeResponse[0].httpStatusCode).to.equal(400);
      expect(composite.body.compositeResponse[0].body[0].errorCode).to.equal('FIELD_CUSTOM_VALIDATION_EXCEPTION');
      const failed = await bulkIngest(org, 'Account', 'insert', 'Name,AnnualRevenue\nBulk Neg,-3\nBulk Pos,3\n');
      expect(failed).to.contain('FIELD_CUSTOM_VALIDATION_EXCEPTION:Annual revenue cannot be negative.:AnnualRevenue --');
      expect(failed).to.contain('Bulk Neg');
      expect(failed).to.not.contain('Bulk Pos');
    });

    it('does not fire once inactive', async () => {
      await switchOff('Revenue_Not_Negative');
      expect((await call(org, 'POST', `${V}/sobjects/Account`, { Name: 'Neg', AnnualRevenue: -10 })).status).to.equal(201);
      expect(await bulkIngest(org, 'Account', 'insert', 'Name,AnnualRevenue\nBulk Neg,-3\n')).to.not.contain('Bulk Neg');
    });
  });

  describe('record-triggered flow and Apex trigger', () => {
    it('stamp the saved record on insert and update, through REST, collections and Bulk', async () => {
      const account = await call(org, 'POST', `${V}/sobjects/Account`, { Name: 'Flowed' });
      expect(org.org.get(account.body.id)!.ChannelProgramName).to.equal(FLOW_STAMP);
      const contact = await call(org, 'POST', `${V}/composite/sobjects`, {
        records: [{ attributes: { type: 'Contact' }, LastName: 'Triggered', Email: 'triggered@example.com' }],
      });
      expect(org.org.get(contact.body[0].id)!.JigsawContactId).to.equal(TRIGGER_STAMP);
      await bulkIngest(org, 'Contact', 'insert', 'LastName,Email\nBulk Triggered,bulk.triggered@example.com\n');
      expect(org.org.records('Contact').find((c) => c.LastName === 'Bulk Triggered')!.JigsawContactId).to.equal(TRIGGER_STAMP);
      // Seeded records predate the automation; their first update runs it.
      const seeded = org.org.records('Account')[0];
      expect(seeded.ChannelProgramName).to.equal(undefined);
      expect((await call(org, 'PATCH', `${V}/sobjects/Account/${seeded.Id}`, { Description: 'touched' })).status).to.equal(204);
      expect(org.org.get(seeded.Id)!.ChannelProgramName).to.equal(FLOW_STAMP);
    });

    it('do nothing once the flow is deactivated (Tooling) and the trigger is Inactive', async () => {
      const flowId = org.org.automation.flows[0].id;
      expect((await call(org, 'PATCH', `${V}/tooling/sobjects/FlowDefinition/${flowId}`, { Metadata: { activeVersionNumber: 0 } })).status).to.equal(204);
      await switchOff('ContactTrigger');
      const account = await call(org, 'POST', `${V}/sobjects/Account`, { Name: 'Unflowed' });
      expect(org.org.get(account.body.id)!.ChannelProgramName).to.equal(undefined);
      const contact = await call(org, 'POST', `${V}/sobjects/Contact`, { LastName: 'Untriggered' });
      expect(org.org.get(contact.body.id)!.JigsawContactId).to.equal(undefined);
    });
  });

  describe('duplicate rule', () => {
    it('blocks a new contact with an existing e-mail: single REST form with duplicateResut', async () => {
      const existing = existingContact();
      const res = await call(org, 'POST', '/services/data/v58.0/sobjects/Contact', { LastName: 'Copy', Email: String(existing.Email).toUpperCase() });
      expect(res.status).to.equal(400);
      const message = "You're creating a duplicate record. We recommend you use an existing record instead.";
      expect(res.body).to.deep.equal([
        {
          duplicateResut: {
            allowSave: false,
            duplicateRule: 'Contact_Email_Duplicate_Rule',
            duplicateRuleEntityType: 'Contact',
            errorMessage: message,
            matchResults: [
              {
                entityType: 'Contact',
                errors: [],
                matchEngine: 'ExactMatchEngine',
                matchRecords: [
                  {
                    additionalInformation: [],
                    fieldDiffs: [],
                    matchConfidence: 100,
                    record: { attributes: { type: 'Contact', url: `/services/data/v58.0/sobjects/Contact/${existing.Id}` }, Id: existing.Id },
                  },
                ],
                rule: 'Contact_Email_Match_Rule',
                size: 1,
                success: true,
              },
            ],
          },
          errorCode: 'DUPLICATES_DETECTED',
          message,
        },
      ]);
    });

    it('reports the per-record form in collections and composite, and the Bulk error text', async () => {
      const email = String(existingContact().Email);
      const collection = await call(org, 'POST', `${V}/composite/sobjects`, { records: [{ attributes: { type: 'Contact' }, LastName: 'Copy', Email: email }] });
      expect(collection.body[0]).to.deep.equal({
        id: null,
        success: false,
        errors: [
          { statusCode: 'DUPLICATES_DETECTED', message: "You're creating a duplicate record. We recommend you use an existing record instead.", fields: [] },
        ],
      });
      const composite = await call(org, 'POST', `${V}/composite`, {
        compositeRequest: [
          {
            method: 'POST',
            url: `${V}/composite/sobjects`,
            referenceId: 'c',
            body: { records: [{ attributes: { type: 'Contact' }, LastName: 'Copy', Email: email }] },
          },
        ],
      });
      expect(composite.body.compositeResponse[0].body[0].errors[0].statusCode).to.equal('DUPLICATES_DETECTED');
      const failed = await bulkIngest(org, 'Contact', 'insert', `LastName,Email\nBulk Copy,${email}\n`);
      expect(failed).to.contain("DUPLICATES_DETECTED:You're creating a duplicate record.");
      // Updates are allowed by the rule (actionOnUpdate Allow), and a unique e-mail always passes.
      expect((await call(org, 'POST', `${V}/sobjects/Contact`, { LastName: 'Unique', Email: 'unique.person@example.com' })).status).to.equal(201);
    });

    it('lets the record through once the rule is inactive', async () => {
      await switchOff('Contact_Email_Duplicate_Rule');
      expect((await call(org, 'POST', `${V}/sobjects/Contact`, { LastName: 'Copy', Email: String(existingContact().Email) })).status).to.equal(201);
    });

    it('honours Sforce-Duplicate-Rule-Header allowSave=true for an Allow rule with an alert, not for a Block rule', async () => {
      const email = String(existingContact().Email);
      const header = { 'Sforce-Duplicate-Rule-Header': 'allowSave=true; includeRecordDetails=false' };
      expect((await call(org, 'POST', `${V}/sobjects/Contact`, { LastName: 'Copy', Email: email }, header)).status).to.equal(400);
      const rule = org.org.automation.duplicateRules[0];
      Object.assign(rule, { actionOnInsert: 'Allow', alertOnAllow: true });
      org.org.automation.changed();
      const alerted = await call(org, 'POST', `${V}/sobjects/Contact`, { LastName: 'Copy', Email: email });
      expect(alerted.body[0].duplicateResut.allowSave).to.equal(true);
      expect((await call(org, 'POST', `${V}/sobjects/Contact`, { LastName: 'Copy', Email: email }, header)).status).to.equal(201);
    });
  });

  describe('legacy records', () => {
    it('are seeded past the automation on demand, and break it when written again', async () => {
      const res = await call(org, 'POST', '/__emulator/automation/legacy-records');
      expect(res.status).to.equal(200);
      const [account, contact] = res.body.created;
      expect(account).to.deep.include({ objectName: 'Account', name: 'Legacy Holdings (negative revenue)' });
      expect(contact).to.deep.include({ objectName: 'Contact', name: 'Legacy Duplicate' });
      expect(org.org.get(account.id)!.AnnualRevenue).to.equal(-125000);
      expect(org.org.get(account.id)!.ChannelProgramName).to.equal(undefined);
      expect(org.org.get(contact.id)!.Email).to.equal(existingContact().Email);
      // Copying them into another demo org the way a sync would insert them fails...
      const target = await startOrg({ dataset: 'demo', username: 'legacy-target@automation.test' });
      try {
        const copy = (id: string, fields: string[]): Record<string, unknown> => Object.fromEntries(fields.map((f) => [f, org.org.get(id)![f]]));
        const payload = {
          records: [
            { attributes: { type: 'Account' }, ...copy(account.id, ['Name', 'AnnualRevenue']) },
            { attributes: { type: 'Contact' }, ...copy(contact.id, ['FirstName', 'LastName', 'Email']) },
          ],
        };
        const refused = await call(target, 'POST', `${V}/composite/sobjects`, payload);
        expect(refused.body.map((r: { errors: Array<{ statusCode: string }> }) => r.errors[0]?.statusCode)).to.deep.equal([
          'FIELD_CUSTOM_VALIDATION_EXCEPTION',
          'DUPLICATES_DETECTED',
        ]);
        // ...and succeeds with the automation switched off.
        for (const found of [target.org.automation.validationRules.find((r) => r.name === 'Revenue_Not_Negative')!, target.org.automation.duplicateRules[0]]) {
          expect((await call(target, 'POST', '/__emulator/automation/active', { id: found.id, active: false })).status).to.equal(200);
        }
        const accepted = await call(target, 'POST', `${V}/composite/sobjects`, payload);
        expect(accepted.body.map((r: { success: boolean }) => r.success)).to.deep.equal([true, true]);
      } finally {
        await target.stop();
      }
    });

    it('are refused for a dataset that has none, and gone after a reset', async () => {
      const empty = await startOrg({ dataset: 'users' });
      try {
        expect((await call(empty, 'POST', '/__emulator/automation/legacy-records')).body[0].errorCode).to.equal('NO_LEGACY_RECORDS');
      } finally {
        await empty.stop();
      }
      const before = org.org.count('Account');
      await call(org, 'POST', '/__emulator/automation/legacy-records');
      await call(org, 'POST', '/__emulator/reset?data=true');
      expect(org.org.count('Account')).to.equal(before);
    });
  });
});
