import { expect } from 'chai';
import type { HttpMethod, OrgApi } from '../../../src/lib/api/orgApi.js';
import { AutomationSwitch, type AutomationJournal } from '../../../src/lib/automation/automationSwitch.js';
import type { AutomationItem, RunAutomation, SwitchedItem } from '../../../src/lib/automation/automationTypes.js';
import { mergedWithJournal, planSwitch, selectionOf } from '../../../src/lib/automation/switchPlan.js';

/** An org with validation rules and flows as the Tooling API shows them; PATCHes change them (or fail). */
class AutomationOrg implements OrgApi {
  public readonly apiVersion = '62.0';
  public readonly patches: string[] = [];
  public readonly rules = new Map<string, boolean>([['03d1', true]]);
  public readonly flows = new Map<string, number>([['3001', 3]]);
  public failPatches = false;
  /** The journal's states of the items when each PATCH left. */
  public readonly statesAtPatch: string[][] = [];
  public journal?: AutomationJournal;

  public request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
    const rule = /^\/tooling\/sobjects\/ValidationRule\/(\w+)$/.exec(path);
    const flow = /^\/tooling\/sobjects\/FlowDefinition\/(\w+)$/.exec(path);
    if (method === 'PATCH') {
      this.statesAtPatch.push((this.journal?.meta.automation?.items ?? []).map((item) => item.state));
      if (this.failPatches) return Promise.reject(new Error('UNKNOWN_EXCEPTION: the org is busy'));
      this.patches.push(path);
      const metadata = (body as { Metadata: { active?: boolean; activeVersionNumber?: number; errorConditionFormula?: string } }).Metadata;
      if (rule) {
        expect(metadata.errorConditionFormula, 'the whole Metadata is sent back').to.equal('ISBLANK(Industry)');
        this.rules.set(rule[1], metadata.active!);
      }
      if (flow) this.flows.set(flow[1], metadata.activeVersionNumber!);
      return Promise.resolve(undefined as T);
    }
    if (rule)
      return Promise.resolve({
        Id: rule[1],
        Metadata: { active: this.rules.get(rule[1]), errorConditionFormula: 'ISBLANK(Industry)', errorMessage: 'Industry is required' },
      } as T);
    const id = /Id = '(\w+)'/.exec(decodeURIComponent(path))?.[1] ?? '';
    const version = this.flows.get(id) ?? 0;
    return Promise.resolve({ done: true, totalSize: 1, records: [{ Id: id, ActiveVersion: version > 0 ? { VersionNumber: version } : null }] } as T);
  }
}

function journalOf(org: AutomationOrg, automation?: RunAutomation): AutomationJournal & { saves: number } {
  const journal = { meta: { automation }, saves: 0, saveMeta: () => journal.saves++ };
  org.journal = journal;
  return journal;
}

const RULE: SwitchedItem = { kind: 'validation-rules', object: 'Account', name: 'Account.Require_Industry', id: '03d1', state: 'switching-off' };
const FLOW: SwitchedItem = { kind: 'flows', object: 'Account', name: 'Stamp_Account', id: '3001', state: 'switching-off', activeVersion: 3 };

describe('automation: switching off for a run and back on', () => {
  it('journals every item before the first request, then switches it off, then back on as it was', async () => {
    const org = new AutomationOrg();
    const journal = journalOf(org);
    const control = new AutomationSwitch(org);
    await control.switchOff(journal, ['all'], [RULE, FLOW]);
    expect(org.statesAtPatch[0]).to.deep.equal(['switching-off', 'switching-off']);
    expect(org.rules.get('03d1')).to.equal(false);
    expect(org.flows.get('3001')).to.equal(0);
    expect(journal.meta.automation?.items.map((item) => item.state)).to.deep.equal(['off', 'off']);
    const outcome = await control.restore(journal);
    expect(outcome.restored).to.have.length(2);
    expect(org.rules.get('03d1')).to.equal(true);
    expect(org.flows.get('3001'), 'the version that was active, not the latest').to.equal(3);
    expect(journal.meta.automation?.items.map((item) => item.state)).to.deep.equal(['restored', 'restored']);
  });

  it('keeps an item it could not switch back on journaled as off, with the error, and restores it on the next try', async () => {
    const org = new AutomationOrg();
    const journal = journalOf(org);
    const control = new AutomationSwitch(org);
    await control.switchOff(journal, ['validation-rules'], [RULE]);
    org.failPatches = true;
    const first = await control.restore(journal);
    expect(first.failed).to.have.length(1);
    expect(journal.meta.automation?.items[0]).to.include({ state: 'off' });
    expect(journal.meta.automation?.items[0].restoreError).to.contain('the org is busy');
    org.failPatches = false;
    const second = await control.restore(journal);
    expect(second.restored).to.have.length(1);
    expect(org.rules.get('03d1')).to.equal(true);
    expect(journal.meta.automation?.items[0].restoreError).to.equal(undefined);
  });

  it('restoring an item a crash left `switching-off` that never went off sends nothing', async () => {
    const org = new AutomationOrg();
    const journal = journalOf(org, { requested: ['validation-rules'], items: [{ ...RULE }] });
    await new AutomationSwitch(org).restore(journal);
    expect(org.patches).to.deep.equal([]);
    expect(journal.meta.automation?.items[0].state).to.equal('restored');
  });

  it('a switch-off the org refuses rejects, and restoring afterwards leaves the items as they were', async () => {
    const org = new AutomationOrg();
    const journal = journalOf(org);
    const control = new AutomationSwitch(org);
    org.failPatches = true;
    let refused: unknown;
    await control.switchOff(journal, ['all'], [RULE]).catch((error: unknown) => (refused = error));
    expect(String(refused)).to.contain('the org is busy');
    org.failPatches = false;
    await control.restore(journal);
    expect(org.patches).to.deep.equal([]);
    expect(org.rules.get('03d1')).to.equal(true);
  });
});

const item = (overrides: Partial<AutomationItem>): AutomationItem => ({
  kind: 'validation-rules',
  object: 'Account',
  name: 'Account.Rule',
  id: '03d1',
  active: true,
  switchable: 'tooling',
  detail: '',
  ...overrides,
});

describe('automation: what a selection switches', () => {
  const inventory = {
    items: [
      item({}),
      item({ name: 'Account.Off_Rule', id: '03d2', active: false }),
      item({ kind: 'flows', name: 'Stamp', id: '3001', activeVersion: 2 }),
      item({ kind: 'triggers', name: 'AccountTrigger', id: '01q1', switchable: 'deploy' }),
      item({ kind: 'triggers', name: 'pkg__Trigger', id: '01q2', switchable: 'managed', namespace: 'pkg' }),
      item({ kind: 'validation-rules', name: 'Account.pkg__Rule', id: '03d3', switchable: 'managed', namespace: 'pkg' }),
    ],
    unreadable: [],
  };

  it('takes kinds and names, comma-separated or repeated', () => {
    expect(selectionOf(['validation-rules,flows', 'Account.Rule']))
      .to.include({ all: false })
      .and.deep.include({ kinds: ['validation-rules', 'flows'], names: ['Account.Rule'] });
    expect(selectionOf([])).to.equal(undefined);
  });

  it('switches only active items of the selection, with the flow version to restore', () => {
    const plan = planSwitch(inventory, selectionOf(['flows', 'Account.Rule'])!, 'admin@target');
    expect(plan.items.map((entry) => [entry.name, entry.state, entry.activeVersion])).to.deep.equal([
      ['Account.Rule', 'switching-off', undefined],
      ['Stamp', 'switching-off', 2],
    ]);
  });

  it('refuses before switching anything: an unknown name, a managed item by name', () => {
    expect(() => planSwitch(inventory, selectionOf(['validation-rule'])!, 'admin@target')).to.throw(/No automation named validation-rule/);
    expect(() => planSwitch(inventory, selectionOf(['Account.pkg__Rule'])!, 'admin@target')).to.throw(/managed package pkg/);
    expect(() => planSwitch(inventory, selectionOf(['pkg__Trigger'])!, 'admin@target')).to.throw(
      /pkg__Trigger \(triggers\) comes from the managed package pkg/
    );
  });

  it('switches unmanaged triggers (by deploy) and leaves managed ones on, with a warning', () => {
    const plan = planSwitch(inventory, selectionOf(['triggers'])!, 'admin@target');
    expect(plan.items.map((entry) => [entry.kind, entry.name])).to.deep.equal([['triggers', 'AccountTrigger']]);
    expect(plan.warnings.join('\n')).to.contain('pkg__Trigger');
  });

  it('a kind leaves its managed items on, with a warning', () => {
    const plan = planSwitch(inventory, selectionOf(['validation-rules'])!, 'admin@target');
    expect(plan.items.map((entry) => entry.name)).to.deep.equal(['Account.Rule']);
    expect(plan.warnings.join('\n')).to.contain('managed package pkg');
  });

  it('kinds on one object only: `Object:kind`, `Object:all`', () => {
    const other = { ...inventory, items: [...inventory.items, item({ object: 'Contact', name: 'Contact.Rule', id: '03d9' })] };
    expect(planSwitch(other, selectionOf(['contact:validation-rules'])!, 'admin@target').items.map((entry) => entry.name)).to.deep.equal(['Contact.Rule']);
    const onAccount = planSwitch(other, selectionOf(['Account:all'])!, 'admin@target');
    expect(onAccount.items.map((entry) => entry.name)).to.deep.equal(['Account.Rule', 'Stamp', 'AccountTrigger']);
    expect(onAccount.warnings).to.have.length(2);
    expect(() => selectionOf(['Account:rules'])).to.throw(/Account:rules names no kind/);
  });

  it('`all` switches what it can and lists the rest as warnings', () => {
    const plan = planSwitch(inventory, selectionOf(['all'])!, 'admin@target');
    expect(plan.items.map((entry) => entry.name)).to.deep.equal(['Account.Rule', 'Stamp', 'AccountTrigger']);
    expect(plan.warnings).to.have.length(2);
  });

  it('a continued run keeps what it left off and leaves alone what someone switched off after it restored it', () => {
    const journaled: SwitchedItem[] = [
      { ...RULE, state: 'off' },
      { ...FLOW, id: '3009', name: 'Other', state: 'restored' },
    ];
    const merged = mergedWithJournal({ items: [], warnings: [] }, journaled);
    expect(merged.items.map((entry) => [entry.name, entry.state])).to.deep.equal([['Account.Require_Industry', 'off']]);
  });
});
