/** Tooling `sobjects/<Type>/<Id>`: reading a rule with its Metadata, switching rules and flows, and the refusals. */
import { expect } from 'chai';
import { startOrg, type EmulatedOrg } from '../../src/index.js';
import { call, query, V } from './automationKit.js';

describe('automation setup objects (Tooling sobjects)', () => {
  let org: EmulatedOrg;
  let production: EmulatedOrg;
  before(async () => {
    [org, production] = await Promise.all([
      startOrg({ dataset: 'demo' }),
      startOrg({ dataset: 'demo', edition: 'production', username: 'prod@automation.test' }),
    ]);
  });
  after(async () => {
    await Promise.all([org.stop(), production.stop()]);
  });
  beforeEach(async () => {
    await call(org, 'POST', '/__emulator/reset?data=true');
  });

  const ruleId = (target: EmulatedOrg, name: string): string => target.org.automation.validationRules.find((rule) => rule.name === name)!.id;
  const rulePath = (target: EmulatedOrg, name = 'Revenue_Not_Negative'): string => `${V}/tooling/sobjects/ValidationRule/${ruleId(target, name)}`;
  const flowPath = (target: EmulatedOrg, name = 'Account_Channel_Stamp'): string =>
    `${V}/tooling/sobjects/FlowDefinition/${target.org.automation.flows.find((flow) => flow.apiName === name)!.id}`;

  it('GET ValidationRule/<Id>: the columns, FullName and the whole Metadata', async () => {
    const res = await call(org, 'GET', rulePath(org));
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.include({
      Id: ruleId(org, 'Revenue_Not_Negative'),
      ValidationName: 'Revenue_Not_Negative',
      Active: true,
      EntityDefinitionId: 'Account',
      FullName: 'Account.Revenue_Not_Negative',
      ManageableState: 'unmanaged',
    });
    expect(res.body.attributes).to.deep.equal({ type: 'ValidationRule', url: `${V}/tooling/sobjects/ValidationRule/${res.body.Id}` });
    expect(res.body.Metadata).to.deep.equal({
      active: true,
      description: 'Annual revenue is never negative',
      errorConditionFormula: 'AND(NOT(ISBLANK(AnnualRevenue)), AnnualRevenue < 0)',
      errorDisplayField: 'AnnualRevenue',
      errorMessage: 'Annual revenue cannot be negative.',
    });
    expect((await call(org, 'GET', `${V}/tooling/sobjects/ValidationRule/03d000000000000AAA`)).status).to.equal(404);
  });

  it('PATCH with the whole Metadata and active false answers 204 and deactivates the rule; true brings it back', async () => {
    const { Metadata } = (await call(org, 'GET', rulePath(org))).body;
    const off = await call(org, 'PATCH', rulePath(org), { Metadata: { ...Metadata, active: false } });
    expect(off.status).to.equal(204);
    expect(off.text).to.equal('');
    expect((await call(org, 'GET', rulePath(org))).body).to.deep.include({ Active: false });
    expect((await call(org, 'POST', `${V}/sobjects/Account`, { Name: 'Negative', AnnualRevenue: -1 })).status).to.equal(201);
    expect((await call(org, 'PATCH', rulePath(org), { Metadata: { ...Metadata, active: true } })).status).to.equal(204);
    expect((await call(org, 'POST', `${V}/sobjects/Account`, { Name: 'Negative again', AnnualRevenue: -1 })).status).to.equal(400);
  });

  it('PATCH refuses a partial Metadata, Active or FullName in the body, unknown columns and bad formulas', async () => {
    const { Metadata } = (await call(org, 'GET', rulePath(org))).body;
    const partial = await call(org, 'PATCH', rulePath(org), { Metadata: { active: false } });
    expect(partial.status).to.equal(400);
    expect(partial.body[0]).to.deep.include({
      errorCode: 'REQUIRED_FIELD_MISSING',
      message: 'Required fields are missing: [errorConditionFormula, errorMessage]',
    });
    for (const column of ['Active', 'FullName']) {
      const res = await call(org, 'PATCH', rulePath(org), { [column]: false, Metadata: { ...Metadata, active: false } });
      expect(res.status, column).to.equal(400);
      expect(res.body[0].errorCode, column).to.equal('INVALID_FIELD_FOR_INSERT_UPDATE');
      expect(res.body[0].fields, column).to.deep.equal([column]);
    }
    expect((await call(org, 'PATCH', rulePath(org), { Bogus: 1 })).body[0].errorCode).to.equal('INVALID_FIELD');
    expect((await call(org, 'PATCH', rulePath(org), {})).body[0].errorCode).to.equal('REQUIRED_FIELD_MISSING');
    const badFormula = await call(org, 'PATCH', rulePath(org), { Metadata: { ...Metadata, errorConditionFormula: 'No_Such_Field__c > 0' } });
    expect(badFormula.status).to.equal(400);
    expect(badFormula.body[0].message).to.contain('No_Such_Field__c');
    const textResult = await call(org, 'PATCH', rulePath(org), { Metadata: { ...Metadata, errorConditionFormula: 'Name' } });
    expect(textResult.body[0].message).to.contain('incompatible with expected data type (true/false)');
    // Nothing of the refused calls stuck.
    expect((await call(org, 'GET', rulePath(org))).body.Metadata).to.deep.equal(Metadata);
  });

  it('PATCH with a new formula makes the rule evaluate it', async () => {
    const { Metadata } = (await call(org, 'GET', rulePath(org))).body;
    const formula = 'AND(ISNEW(), BEGINS(Name, "Blocked"))';
    expect((await call(org, 'PATCH', rulePath(org), { Metadata: { ...Metadata, errorConditionFormula: formula, errorDisplayField: null } })).status).to.equal(
      204
    );
    const refused = await call(org, 'POST', `${V}/sobjects/Account`, { Name: 'Blocked Ltd' });
    expect(refused.body).to.deep.equal([{ message: 'Annual revenue cannot be negative.', errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', fields: [] }]);
    const created = await call(org, 'POST', `${V}/sobjects/Account`, { Name: 'Fine Ltd' });
    // ISNEW() is false on update: renaming to "Blocked..." passes.
    expect((await call(org, 'PATCH', `${V}/sobjects/Account/${created.body.id}`, { Name: 'Blocked later' })).status).to.equal(204);
  });

  it("refuses to change a managed package's rule", async () => {
    const path = rulePath(org, 'Email_Has_At_Sign');
    const { Metadata } = (await call(org, 'GET', path)).body;
    const res = await call(org, 'PATCH', path, { Metadata: { ...Metadata, active: false } });
    expect(res.status).to.equal(400);
    expect(res.body[0].errorCode).to.equal('INSUFFICIENT_ACCESS_OR_READONLY');
  });

  it('PATCH FlowDefinition activeVersionNumber: 0 deactivates, N activates version N, a missing version is refused', async () => {
    const view = async (): Promise<{ IsActive: boolean; ActiveVersionId: string | null }> => {
      const res = await call(org, 'GET', query("SELECT IsActive, ActiveVersionId FROM FlowDefinitionView WHERE ApiName = 'Account_Channel_Stamp'"));
      return res.body.records[0] as { IsActive: boolean; ActiveVersionId: string | null };
    };
    const flow = org.org.automation.flows[0];
    const off = await call(org, 'PATCH', flowPath(org), { Metadata: { activeVersionNumber: 0 } });
    expect(off.status).to.equal(204);
    expect(await view()).to.deep.include({ IsActive: false, ActiveVersionId: null });
    expect((await call(org, 'GET', flowPath(org))).body.Metadata).to.deep.include({ activeVersionNumber: null });
    expect((await call(org, 'PATCH', flowPath(org), { Metadata: { activeVersionNumber: 3 } })).status).to.equal(204);
    expect(await view()).to.deep.include({ IsActive: true, ActiveVersionId: flow.versionIds[2] });
    const missing = await call(org, 'PATCH', flowPath(org), { Metadata: { activeVersionNumber: 4 } });
    expect(missing.status).to.equal(400);
    expect(missing.body[0].errorCode).to.equal('FIELD_INTEGRITY_EXCEPTION');
    expect((await call(org, 'PATCH', flowPath(org), { ActiveVersionId: null })).body[0].errorCode).to.equal('INVALID_FIELD_FOR_INSERT_UPDATE');
    expect(await view()).to.deep.include({ IsActive: true });
  });

  it('production: validation rules and flows switch through Tooling; Apex triggers and schema saves are refused', async () => {
    const { Metadata } = (await call(production, 'GET', rulePath(production))).body;
    expect((await call(production, 'PATCH', rulePath(production), { Metadata: { ...Metadata, active: false } })).status).to.equal(204);
    expect((await call(production, 'PATCH', flowPath(production), { Metadata: { activeVersionNumber: 0 } })).status).to.equal(204);
    const trigger = production.org.automation.triggers[0];
    const refusals = [
      await call(production, 'PATCH', `${V}/tooling/sobjects/ApexTrigger/${trigger.id}`, { Status: 'Inactive' }),
      await call(production, 'POST', `${V}/tooling/sobjects/ApexTrigger`, {
        Name: 'T',
        TableEnumOrId: 'Account',
        Body: 'trigger T on Account (before insert) {}',
      }),
      await call(production, 'POST', `${V}/tooling/sobjects/CustomField`, { FullName: 'Account.X__c' }),
    ];
    for (const res of refusals) {
      expect(res.status).to.equal(400);
      expect(res.body).to.deep.equal([{ message: 'Save or update not supported in active organizations', errorCode: 'INVALID_OPERATION', fields: [] }]);
    }
    expect(trigger.status).to.equal('Active');
    // Outside production the emulator does not save triggers through Tooling either (a Metadata deploy does).
    const sandboxTry = await call(org, 'PATCH', `${V}/tooling/sobjects/ApexTrigger/${org.org.automation.triggers[0].id}`, { Status: 'Inactive' });
    expect(sandboxTry.status).to.equal(400);
    expect(sandboxTry.body[0].message).to.not.contain('active organizations');
  });
});
