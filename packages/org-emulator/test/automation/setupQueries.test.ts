/** The automation setup objects through `/query` and `/tooling/query`: wire shapes, filters and Tooling's one-row rule. */
import { expect } from 'chai';
import { startOrg, type EmulatedOrg } from '../../src/index.js';
import { call, query, toolingQuery, V } from './automationKit.js';

describe('automation setup objects (queries)', () => {
  let org: EmulatedOrg;
  before(async () => {
    org = await startOrg({ dataset: 'demo' });
  });
  after(async () => {
    await org.stop();
  });

  const supplierId = (): string => org.org.entityIds.durableId('Supplier__c');

  it('EntityDefinition: DurableId is the API name of a standard object and an 01I id of a custom one, in /query and /tooling/query', async () => {
    const soql = "SELECT DurableId, QualifiedApiName, Label FROM EntityDefinition WHERE QualifiedApiName IN ('Account','Supplier__c')";
    for (const path of [query(soql), toolingQuery(soql)]) {
      const res = await call(org, 'GET', path);
      expect(res.status, path).to.equal(200);
      const rows = res.body.records.map((r: Record<string, unknown>) => [r.QualifiedApiName, r.DurableId, r.Label]);
      expect(rows).to.deep.equal([
        ['Account', 'Account', 'Account'],
        ['Supplier__c', supplierId(), 'Supplier'],
      ]);
    }
    expect(supplierId()).to.match(/^01I[A-Za-z0-9]{15}$/);
  });

  it('ValidationRule: Tooling rows with the nested EntityDefinition and Tooling urls', async () => {
    const res = await call(
      org,
      'GET',
      toolingQuery(
        "SELECT Id, ValidationName, Active, Description, ErrorMessage, ErrorDisplayField, NamespacePrefix, ManageableState, EntityDefinition.QualifiedApiName FROM ValidationRule WHERE EntityDefinition.QualifiedApiName IN ('Account','Contact')"
      )
    );
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ totalSize: 2, done: true });
    const [revenue, managed] = res.body.records;
    expect(revenue).to.deep.include({
      ValidationName: 'Revenue_Not_Negative',
      Active: true,
      Description: 'Annual revenue is never negative',
      ErrorMessage: 'Annual revenue cannot be negative.',
      ErrorDisplayField: 'AnnualRevenue',
      NamespacePrefix: null,
      ManageableState: 'unmanaged',
    });
    expect(revenue.attributes).to.deep.equal({ type: 'ValidationRule', url: `${V}/tooling/sobjects/ValidationRule/${revenue.Id}` });
    expect(revenue.Id).to.match(/^03d/);
    expect(revenue.EntityDefinition.QualifiedApiName).to.equal('Account');
    expect(revenue.EntityDefinition.attributes.type).to.equal('EntityDefinition');
    expect(managed).to.deep.include({ ValidationName: 'Email_Has_At_Sign', NamespacePrefix: 'isv', ManageableState: 'installed' });
  });

  it('ValidationRule is not a data API object, and Account is not a Tooling one', async () => {
    expect((await call(org, 'GET', query('SELECT Id FROM ValidationRule'))).body[0].errorCode).to.equal('INVALID_TYPE');
    expect((await call(org, 'GET', toolingQuery('SELECT Id FROM Account'))).body[0].errorCode).to.equal('INVALID_TYPE');
  });

  it('refuses Metadata or FullName over more than one row with MALFORMED_QUERY, and serves them for one row', async () => {
    for (const column of ['Metadata', 'FullName']) {
      const res = await call(org, 'GET', toolingQuery(`SELECT Id, ${column} FROM ValidationRule`));
      expect(res.status).to.equal(400);
      expect(res.body).to.deep.equal([
        {
          errorCode: 'MALFORMED_QUERY',
          message:
            'When retrieving results with Metadata or FullName fields, the query qualifications must specify no more than one row for retrieval. Result size: 3',
        },
      ]);
    }
    const one = await call(org, 'GET', toolingQuery("SELECT Id, FullName, Metadata FROM ValidationRule WHERE ValidationName = 'Revenue_Not_Negative'"));
    expect(one.status).to.equal(200);
    expect(one.body.records[0].FullName).to.equal('Account.Revenue_Not_Negative');
    expect(one.body.records[0].Metadata).to.deep.include({ active: true, errorConditionFormula: 'AND(NOT(ISBLANK(AnnualRevenue)), AnnualRevenue < 0)' });
  });

  it('FlowDefinitionView (data API): record-triggered flows by object DurableId, IsActive filter', async () => {
    const columns =
      'DurableId, ApiName, Label, ProcessType, TriggerType, RecordTriggerType, TriggerObjectOrEventId, TriggerObjectOrEventLabel, TriggerOrder, ActiveVersionId, LatestVersionId, IsActive, NamespacePrefix, ManageableState';
    const all = await call(org, 'GET', query(`SELECT ${columns} FROM FlowDefinitionView WHERE TriggerObjectOrEventId IN ('Account','${supplierId()}')`));
    expect(all.status).to.equal(200);
    expect(all.body.totalSize).to.equal(2);
    const [stamp, onboarding] = all.body.records;
    expect(stamp).to.deep.include({
      ApiName: 'Account_Channel_Stamp',
      ProcessType: 'AutoLaunchedFlow',
      TriggerType: 'RecordAfterSave',
      RecordTriggerType: 'CreateAndUpdate',
      TriggerObjectOrEventId: 'Account',
      TriggerObjectOrEventLabel: 'Account',
      TriggerOrder: 10,
      IsActive: true,
      NamespacePrefix: null,
      ManageableState: 'unmanaged',
    });
    expect(stamp.DurableId).to.match(/^300/);
    expect(stamp.ActiveVersionId).to.match(/^301/);
    expect(stamp.attributes.url).to.equal(`${V}/sobjects/FlowDefinitionView/${stamp.DurableId}`);
    expect(onboarding).to.deep.include({ ApiName: 'Supplier_Onboarding', TriggerObjectOrEventId: supplierId(), IsActive: false, ActiveVersionId: null });
    const active = await call(
      org,
      'GET',
      query(`SELECT ApiName FROM FlowDefinitionView WHERE TriggerObjectOrEventId IN ('Account','${supplierId()}') AND IsActive = true`)
    );
    expect(active.body.records.map((r: { ApiName: string }) => r.ApiName)).to.deep.equal(['Account_Channel_Stamp']);
  });

  it('FlowDefinition (Tooling): ActiveVersion and LatestVersion numbers, ActiveVersion null when inactive', async () => {
    const ids = org.org.automation.flows.map((flow) => `'${flow.id}'`).join(',');
    const res = await call(
      org,
      'GET',
      toolingQuery(
        `SELECT Id, DeveloperName, NamespacePrefix, ActiveVersion.VersionNumber, LatestVersion.VersionNumber FROM FlowDefinition WHERE Id IN (${ids})`
      )
    );
    expect(res.status).to.equal(200);
    const [stamp, onboarding] = res.body.records;
    expect(stamp).to.deep.include({ DeveloperName: 'Account_Channel_Stamp', NamespacePrefix: null });
    expect(stamp.ActiveVersion.VersionNumber).to.equal(2);
    expect(stamp.LatestVersion.VersionNumber).to.equal(3);
    expect(stamp.attributes.url).to.equal(`${V}/tooling/sobjects/FlowDefinition/${stamp.Id}`);
    expect(onboarding.ActiveVersion).to.equal(null);
    expect(onboarding.LatestVersion.VersionNumber).to.equal(1);
  });

  it('ApexTrigger: Tooling and data API rows with Status and usage flags', async () => {
    const soql =
      "SELECT Id, Name, TableEnumOrId, Status, NamespacePrefix, ManageableState, UsageBeforeInsert, UsageAfterInsert, UsageBeforeUpdate, UsageAfterUpdate, UsageBeforeDelete, UsageAfterDelete FROM ApexTrigger WHERE TableEnumOrId IN ('Contact')";
    for (const path of [toolingQuery(soql), query(soql)]) {
      const res = await call(org, 'GET', path);
      expect(res.status, path).to.equal(200);
      expect(res.body.records[0]).to.deep.include({
        Name: 'ContactTrigger',
        TableEnumOrId: 'Contact',
        Status: 'Active',
        NamespacePrefix: null,
        ManageableState: 'unmanaged',
        UsageBeforeInsert: true,
        UsageAfterInsert: false,
        UsageBeforeUpdate: true,
        UsageAfterUpdate: false,
        UsageBeforeDelete: false,
        UsageAfterDelete: false,
      });
      expect(res.body.records[0].Id).to.match(/^01q/);
    }
    expect((await call(org, 'GET', query("SELECT Id FROM ApexTrigger WHERE TableEnumOrId IN ('Account')"))).body.totalSize).to.equal(0);
    expect((await call(org, 'GET', query('SELECT Metadata FROM ApexTrigger'))).body[0].errorCode).to.equal('INVALID_FIELD');
  });

  it('DuplicateRule (data API)', async () => {
    const res = await call(
      org,
      'GET',
      query("SELECT Id, DeveloperName, MasterLabel, SobjectType, IsActive, NamespacePrefix FROM DuplicateRule WHERE SobjectType IN ('Contact')")
    );
    expect(res.status).to.equal(200);
    expect(res.body.records).to.have.length(1);
    expect(res.body.records[0]).to.deep.include({
      DeveloperName: 'Contact_Email_Duplicate_Rule',
      MasterLabel: 'Contact Email Duplicate Rule',
      SobjectType: 'Contact',
      IsActive: true,
      NamespacePrefix: null,
    });
    expect(res.body.records[0].Id).to.match(/^0Bm/);
  });

  it('WorkflowRule (Tooling): the list, and Metadata.active by Id', async () => {
    const res = await call(
      org,
      'GET',
      toolingQuery("SELECT Id, Name, TableEnumOrId, NamespacePrefix, ManageableState FROM WorkflowRule WHERE TableEnumOrId IN ('Account')")
    );
    expect(res.status).to.equal(200);
    const [rule] = res.body.records;
    expect(rule).to.deep.include({ Name: 'Large_Account_Review', TableEnumOrId: 'Account', NamespacePrefix: null, ManageableState: 'unmanaged' });
    const one = await call(org, 'GET', `${V}/tooling/sobjects/WorkflowRule/${rule.Id}`);
    expect(one.status).to.equal(200);
    expect(one.body.FullName).to.equal('Account.Large_Account_Review');
    expect(one.body.Metadata).to.deep.include({ active: true, formula: 'AnnualRevenue > 1000000', triggerType: 'onCreateOrTriggeringUpdate' });
  });

  it('counts Tooling requests as API calls, and serves them as composite subrequests', async () => {
    const before = org.stats();
    await call(org, 'GET', toolingQuery('SELECT Id FROM FlowDefinition'));
    const after = org.stats();
    expect(after.totalRequests - before.totalRequests).to.equal(1);
    expect((after.requests.toolingQuery ?? 0) - (before.requests.toolingQuery ?? 0)).to.equal(1);
    const composite = await call(org, 'POST', `${V}/composite`, {
      compositeRequest: [{ method: 'GET', url: `${V}/tooling/query?q=${encodeURIComponent('SELECT Id FROM ValidationRule')}`, referenceId: 'rules' }],
    });
    expect(composite.status).to.equal(200);
    expect(composite.body.compositeResponse[0].httpStatusCode).to.equal(200);
    expect(composite.body.compositeResponse[0].body.totalSize).to.equal(3);
  });
});
