/**
 * Process Builder processes in automation control: found through FlowDefinitionView `ProcessType = 'Workflow'` and
 * each one's version Metadata (processMetadataValues `ObjectType`), listed as flows, switched as flows. Against
 * the emulator (the demo's `Account_Tier_Process` and processes added here) through the plugin's HTTP org api,
 * and against a fake org for the answers the emulator does not give (unreadable versions, managed durable names).
 */
import { expect } from 'chai';
import type { HttpMethod, OrgApi } from '../../../src/lib/api/orgApi.js';
import { HttpOrgApi } from '../../../src/lib/api/httpOrgApi.js';
import type { AutomationItem } from '../../../src/lib/automation/automationTypes.js';
import { switchFlow } from '../../../src/lib/automation/kinds/flows.js';
import { readProcessBuilders } from '../../../src/lib/automation/kinds/processBuilders.js';
import { readAutomation } from '../../../src/lib/automation/readAutomation.js';
import { useProcessSandboxHome } from '../../clients/processSandboxHome.js';
import { connectTo } from '../../support/orgConnection.js';
import { startOrg, type EmulatedOrg } from '@sf-isync/org-emulator';

/** Every request's method and decoded path, passed on to the org. */
class RecordingOrgApi implements OrgApi {
  public readonly paths: string[] = [];
  public constructor(private readonly inner: OrgApi) {}
  public get apiVersion(): string {
    return this.inner.apiVersion;
  }
  public request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
    this.paths.push(`${method} ${decodeURIComponent(path)}`);
    return this.inner.request<T>(method, path, body);
  }
}

const byName = (items: readonly AutomationItem[]): Map<string, AutomationItem> => new Map(items.map((item) => [item.name, item]));

describe('automation: Process Builder processes (emulated org)', function () {
  this.timeout(60_000);
  let org: EmulatedOrg;
  let restoreHome: () => void;
  let api: RecordingOrgApi;

  before(async () => {
    restoreHome = useProcessSandboxHome().restore;
    org = await startOrg({ dataset: 'demo' });
    const { automation } = org.org;
    automation.addFlow({
      objectName: 'Contact',
      apiName: 'Contact_Welcome',
      label: 'Contact Welcome',
      processType: 'Workflow',
      processTriggerType: 'onCreateOnly',
      versions: 2,
      activeVersion: 0,
    });
    automation.addFlow({
      objectName: 'Opportunity',
      apiName: 'Opportunity_Close',
      label: 'Opportunity Close',
      processType: 'Workflow',
      versions: 1,
      activeVersion: 1,
    });
    automation.addFlow({
      objectName: 'Account',
      apiName: 'Account_Rating',
      label: 'Account Rating',
      processType: 'Workflow',
      versions: 3,
      activeVersion: 3,
      namespacePrefix: 'isv',
    });
    api = new RecordingOrgApi(new HttpOrgApi(await connectTo(org)));
  });
  after(async () => {
    await org.stop();
    restoreHome();
  });

  it('lists the processes on the asked objects as flows, active or not, managed or not, with their start', async () => {
    api.paths.length = 0;
    const { items, unreadable } = await readAutomation(api, ['Account', 'Contact', 'Supplier__c'], ['flows']);
    expect(unreadable).to.deep.equal([]);
    const listed = byName(items);
    expect([...listed.keys()]).to.have.members([
      'Account_Channel_Stamp',
      'Account_Tier_Process',
      'isv__Account_Rating',
      'Contact_Welcome',
      'Supplier_Onboarding',
    ]);
    const tier = org.org.automation.flows.find((flow) => flow.apiName === 'Account_Tier_Process')!;
    expect(listed.get('Account_Tier_Process')).to.deep.equal({
      kind: 'flows',
      object: 'Account',
      name: 'Account_Tier_Process',
      id: tier.id,
      active: true,
      switchable: 'tooling',
      detail: 'Process Builder (onAllChanges)',
      activeVersion: 1,
    });
    expect(listed.get('Contact_Welcome')).to.deep.include({ object: 'Contact', active: false, detail: 'Process Builder (onCreateOnly)' });
    expect(listed.get('Contact_Welcome')).not.to.have.property('activeVersion');
    expect(listed.get('isv__Account_Rating')).to.include({ switchable: 'managed', namespace: 'isv', activeVersion: 3 });
    // One Metadata read per process (Opportunity's too: its object is only known once read), one row each.
    const metadataReads = api.paths.filter((path) => path.includes('FROM Flow WHERE'));
    expect(metadataReads).to.have.length(4);
    for (const read of metadataReads) expect(read).to.match(/SELECT Id, Metadata FROM Flow WHERE Id = '301\w+'$/);
  });

  it('reads an inactive process from its latest version', async () => {
    api.paths.length = 0;
    await readProcessBuilders(api, ['Contact']);
    const welcome = org.org.automation.flows.find((flow) => flow.apiName === 'Contact_Welcome')!;
    expect(api.paths.some((path) => path.endsWith(`FROM Flow WHERE Id = '${welcome.versionIds[1]}'`))).to.equal(true);
  });

  it('switches a process off and back on through FlowDefinition, as a flow: its stamp follows', async () => {
    const tier = org.org.automation.flows.find((flow) => flow.apiName === 'Account_Tier_Process')!;
    const stampOf = async (name: string): Promise<unknown> => {
      const created = await api.request<{ id: string }>('POST', '/sobjects/Account', { Name: name });
      return org.org.get(created.id)!.ChannelProgramLevelName ?? null;
    };
    expect(await switchFlow(api, tier.id, 0)).to.equal(true);
    expect(byName(await readProcessBuilders(api, ['Account'])).get('Account_Tier_Process')).to.include({ active: false });
    expect(await stampOf('While off')).to.equal(null);
    expect(await switchFlow(api, tier.id, 1)).to.equal(true);
    expect(await switchFlow(api, tier.id, 1), 'already on').to.equal(false);
    expect(await stampOf('Back on')).to.equal('Stamped by process Account_Tier_Process');
  });
});

type FakeProcess = { name: string; active: boolean; versionId: string; managed?: boolean; metadata?: unknown; fails?: string };

/** FlowDefinitionView and Tooling answers for a few processes; counts the Metadata reads in flight. */
class ProcessOrg implements OrgApi {
  public readonly apiVersion = '62.0';
  public inFlight = 0;
  public mostInFlight = 0;
  public readonly metadataReads: string[] = [];
  public constructor(private readonly processes: FakeProcess[]) {}

  public async request<T>(_method: HttpMethod, path: string): Promise<T> {
    const soql = decodeURIComponent(path.replace(/^.*\?q=/, ''));
    const page = (records: unknown[]): T => ({ done: true, totalSize: records.length, records }) as T;
    if (soql.includes('FROM FlowDefinitionView')) {
      return page(
        this.processes.map((process, index) => ({
          DurableId: `300${index}`,
          ApiName: process.name,
          IsActive: process.active,
          ActiveVersionId: process.active ? process.versionId : null,
          LatestVersionId: process.versionId,
          NamespacePrefix: process.managed ? 'pkg' : null,
          ManageableState: process.managed ? 'installed' : 'unmanaged',
        }))
      );
    }
    if (soql.includes('FROM FlowDefinition')) return page([...soql.matchAll(/'(300\d+)'/g)].map(([, id]) => ({ Id: id, ActiveVersion: { VersionNumber: 2 } })));
    const versionId = /FROM Flow WHERE Id = '([^']+)'/.exec(soql)?.[1];
    const process = this.processes.find((candidate) => candidate.versionId === versionId);
    this.metadataReads.push(versionId ?? soql);
    this.inFlight += 1;
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.inFlight -= 1;
    if (!process) return page([]);
    if (process.fails) throw new Error(process.fails);
    return page([{ Id: versionId, Metadata: process.metadata }]);
  }
}

const onObject = (object: string, trigger?: string): unknown => ({
  processType: 'Workflow',
  processMetadataValues: [
    { name: 'ObjectVariable', value: { elementReference: 'myVariable_current', stringValue: null } },
    { name: 'ObjectType', value: { stringValue: object } },
    ...(trigger ? [{ name: 'TriggerType', value: { stringValue: trigger } }] : []),
  ],
});

describe('automation: Process Builder processes (answers a fake org gives)', () => {
  it('finds the object by entry name, in any case, and names it as asked; processes elsewhere or on no object are left out', async () => {
    const org = new ProcessOrg([
      { name: 'Lower', active: true, versionId: '301000000000001', metadata: onObject('account', 'onAllChanges') },
      { name: 'Elsewhere', active: true, versionId: '301000000000002', metadata: onObject('Lead') },
      { name: 'Nowhere', active: false, versionId: '301000000000003', metadata: { processType: 'Workflow', processMetadataValues: [] } },
      { name: 'NoMetadata', active: false, versionId: '301000000000004', metadata: null },
    ]);
    const items = await readProcessBuilders(org, ['Account']);
    expect(items).to.deep.equal([
      {
        kind: 'flows',
        object: 'Account',
        name: 'Lower',
        id: '3000',
        active: true,
        switchable: 'tooling',
        detail: 'Process Builder (onAllChanges)',
        activeVersion: 2,
      },
    ]);
  });

  it('leaves out a managed process whose version cannot be read or is a durable name; an unmanaged one makes flows unreadable', async () => {
    const managed = new ProcessOrg([
      { name: 'Hidden', active: true, versionId: '301000000000001', managed: true, fails: 'INSUFFICIENT_ACCESS: managed' },
      { name: 'Durable', active: true, versionId: 'pkg__Durable_Name', managed: true },
      { name: 'Shown', active: true, versionId: '301000000000003', managed: true, metadata: onObject('Account') },
    ]);
    const items = await readProcessBuilders(managed, ['Account']);
    expect(items.map((item) => [item.name, item.switchable, item.detail])).to.deep.equal([['pkg__Shown', 'managed', 'Process Builder']]);
    expect(managed.metadataReads, 'no query for a durable name').to.deep.equal(['301000000000001', '301000000000003']);

    const unmanaged = new ProcessOrg([{ name: 'Broken', active: true, versionId: '301000000000001', fails: 'UNKNOWN_EXCEPTION: try later' }]);
    const { unreadable } = await readAutomation(unmanaged, ['Account'], ['flows']);
    expect(unreadable).to.have.length(1);
    expect(unreadable[0].kind).to.equal('flows');
    expect(unreadable[0].message).to.equal('Could not read which object process Broken runs on: UNKNOWN_EXCEPTION: try later');
  });

  it('reads at most four versions at a time', async () => {
    const org = new ProcessOrg(
      Array.from({ length: 10 }, (_, index) => ({ name: `P${index}`, active: true, versionId: `30100000000001${index}`, metadata: onObject('Account') }))
    );
    const items = await readProcessBuilders(org, ['Account']);
    expect(items.map((item) => item.name)).to.deep.equal(Array.from({ length: 10 }, (_, index) => `P${index}`));
    expect(org.mostInFlight).to.equal(4);
  });
});
