/**
 * Process Builder processes (flows with ProcessType `Workflow`): how FlowDefinitionView and Tooling `Flow` show
 * them (the object only in a version's Metadata, readable one row at a time), their effect on saves, and their
 * switch through Tooling FlowDefinition as for flows.
 */
import { expect } from 'chai';
import { startOrg, type EmulatedOrg } from '../../src/index.js';
import { call, query, toolingQuery, V } from './automationKit.js';

const PROCESS_STAMP = 'Stamped by process Account_Tier_Process';

describe('Process Builder processes (demo dataset)', () => {
  let org: EmulatedOrg;
  before(async () => {
    org = await startOrg({ dataset: 'demo' });
  });
  after(async () => {
    await org.stop();
  });
  beforeEach(async () => {
    // Restores the demo's automation as installed, and drops what a test added.
    await call(org, 'POST', '/__emulator/reset?data=true');
  });

  const processOf = (name = 'Account_Tier_Process'): { id: string; versionIds: string[] } => org.org.automation.flows.find((flow) => flow.apiName === name)!;
  const insertAccount = async (name: string): Promise<Record<string, unknown>> => {
    const res = await call(org, 'POST', `${V}/sobjects/Account`, { Name: name });
    expect(res.status, res.text).to.equal(201);
    return org.org.get(res.body.id)!;
  };

  it('FlowDefinitionView: ProcessType Workflow with no trigger and no object; not found by TriggerObjectOrEventId', async () => {
    const columns =
      'DurableId, ApiName, Label, ProcessType, TriggerType, RecordTriggerType, TriggerObjectOrEventId, TriggerObjectOrEventLabel, TriggerOrder, ActiveVersionId, LatestVersionId, IsActive, IsOutOfDate, VersionNumber, NamespacePrefix, ManageableState';
    const res = await call(org, 'GET', query(`SELECT ${columns} FROM FlowDefinitionView WHERE ProcessType = 'Workflow'`));
    expect(res.status, res.text).to.equal(200);
    expect(res.body.totalSize).to.equal(1);
    const [process] = res.body.records;
    const { id, versionIds } = processOf();
    expect(process).to.deep.include({
      DurableId: id,
      ApiName: 'Account_Tier_Process',
      Label: 'Account Tier Process',
      ProcessType: 'Workflow',
      TriggerType: null,
      RecordTriggerType: null,
      TriggerObjectOrEventId: null,
      TriggerObjectOrEventLabel: null,
      TriggerOrder: null,
      ActiveVersionId: versionIds[0],
      LatestVersionId: versionIds[1],
      IsActive: true,
      IsOutOfDate: true,
      VersionNumber: 1,
      NamespacePrefix: null,
      ManageableState: 'unmanaged',
    });
    const byObject = await call(org, 'GET', query("SELECT ApiName FROM FlowDefinitionView WHERE TriggerObjectOrEventId IN ('Account')"));
    expect(byObject.body.records.map((r: { ApiName: string }) => r.ApiName)).to.deep.equal(['Account_Channel_Stamp']);
  });

  it('Tooling Flow: a version Metadata names the object and the start in processMetadataValues; one row at a time', async () => {
    const { id, versionIds } = processOf();
    const one = await call(org, 'GET', toolingQuery(`SELECT Id, Status, VersionNumber, Metadata FROM Flow WHERE Id = '${versionIds[0]}'`));
    expect(one.status, one.text).to.equal(200);
    expect(one.body.records[0]).to.deep.include({ Id: versionIds[0], Status: 'Active', VersionNumber: 1 });
    expect(one.body.records[0].Metadata).to.deep.include({
      processType: 'Workflow',
      status: 'Active',
      processMetadataValues: [
        { name: 'ObjectType', value: { stringValue: 'Account' } },
        { name: 'TriggerType', value: { stringValue: 'onAllChanges' } },
      ],
    });
    const latest = await call(org, 'GET', `${V}/tooling/sobjects/Flow/${versionIds[1]}`);
    expect(latest.status, latest.text).to.equal(200);
    expect(latest.body).to.deep.include({ FullName: 'Account_Tier_Process-2', Status: 'Obsolete', DefinitionId: id });
    expect(latest.body.Metadata.processMetadataValues[0]).to.deep.equal({ name: 'ObjectType', value: { stringValue: 'Account' } });
    const both = await call(org, 'GET', toolingQuery(`SELECT Id, Metadata FROM Flow WHERE DefinitionId = '${id}'`));
    expect(both.status).to.equal(400);
    expect(both.body[0]).to.deep.include({ errorCode: 'MALFORMED_QUERY' });
    expect(both.body[0].message).to.contain('no more than one row for retrieval. Result size: 2');
    // Without Metadata, every version lists.
    expect((await call(org, 'GET', toolingQuery(`SELECT Id, Status FROM Flow WHERE DefinitionId = '${id}'`))).body.totalSize).to.equal(2);
  });

  it("a record-triggered flow's version Metadata names its object in start", async () => {
    const flow = processOf('Account_Channel_Stamp');
    const res = await call(org, 'GET', `${V}/tooling/sobjects/Flow/${flow.versionIds[1]}`);
    expect(res.body.Metadata).to.deep.include({ processType: 'AutoLaunchedFlow', status: 'Active' });
    expect(res.body.Metadata.start).to.deep.equal({ object: 'Account', recordTriggerType: 'CreateAndUpdate', triggerType: 'RecordAfterSave' });
  });

  it('stamps records on create and edit while active; switched off by FlowDefinition activeVersionNumber 0, back on with 1', async () => {
    const created = await insertAccount('Processed');
    expect(created.ChannelProgramLevelName).to.equal(PROCESS_STAMP);
    const seeded = org.org.records('Account')[0];
    expect(seeded.ChannelProgramLevelName ?? null, 'seeded records predate the process').to.equal(null);
    expect((await call(org, 'PATCH', `${V}/sobjects/Account/${seeded.Id}`, { Description: 'edited' })).status).to.equal(204);
    expect(org.org.get(seeded.Id)!.ChannelProgramLevelName, 'onAllChanges: edits run it too').to.equal(PROCESS_STAMP);

    const definition = `${V}/tooling/sobjects/FlowDefinition/${processOf().id}`;
    expect((await call(org, 'PATCH', definition, { Metadata: { activeVersionNumber: 0 } })).status).to.equal(204);
    const view = await call(org, 'GET', query("SELECT IsActive, ActiveVersionId FROM FlowDefinitionView WHERE ApiName = 'Account_Tier_Process'"));
    expect(view.body.records[0]).to.deep.include({ IsActive: false, ActiveVersionId: null });
    expect((await insertAccount('Unprocessed')).ChannelProgramLevelName ?? null).to.equal(null);
    const draft = await call(org, 'GET', `${V}/tooling/sobjects/Flow/${processOf().versionIds[1]}`);
    expect(draft.body.Metadata.status, 'the latest version of an inactive process').to.equal('Draft');

    expect((await call(org, 'PATCH', definition, { Metadata: { activeVersionNumber: 1 } })).status).to.equal(204);
    expect((await insertAccount('Processed again')).ChannelProgramLevelName).to.equal(PROCESS_STAMP);
  });

  it('an onCreateOnly process stamps creates only; processes run after triggers and before after-save flows', async () => {
    org.org.automation.addFlow({
      objectName: 'Contact',
      apiName: 'Contact_Welcome_Process',
      label: 'Contact Welcome Process',
      processType: 'Workflow',
      processTriggerType: 'onCreateOnly',
      versions: 1,
      activeVersion: 1,
      effect: { field: 'Department', value: 'Welcomed' },
    });
    // On the flow's field too: the after-save flow runs later, so its value is the one saved.
    org.org.automation.addFlow({
      objectName: 'Account',
      apiName: 'Account_Overwritten_Process',
      label: 'Account Overwritten Process',
      processType: 'Workflow',
      versions: 1,
      activeVersion: 1,
      effect: { field: 'ChannelProgramName', value: 'process' },
    });
    const contact = await call(org, 'POST', `${V}/sobjects/Contact`, { LastName: 'Welcome', Email: 'welcome@example.com' });
    expect(org.org.get(contact.body.id)!.Department).to.equal('Welcomed');
    await call(org, 'PATCH', `${V}/sobjects/Contact/${contact.body.id}`, { Department: 'Sales' });
    expect(org.org.get(contact.body.id)!.Department, 'an edit does not start it').to.equal('Sales');
    expect((await insertAccount('Ordered')).ChannelProgramName).to.equal('Stamped by flow Account_Channel_Stamp');
  });
});
