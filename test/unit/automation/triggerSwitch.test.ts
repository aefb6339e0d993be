import { expect } from 'chai';
import { DEFAULT_BACKOFF } from '../../../src/lib/api/backoff.js';
import type { DeployPollOptions } from '../../../src/lib/api/metadataDeploy.js';
import { AutomationSwitch, type AutomationJournal, type AutomationSwitchOptions } from '../../../src/lib/automation/automationSwitch.js';
import type { RunAutomation, SwitchedItem } from '../../../src/lib/automation/automationTypes.js';
import { CLOCK_SKEW_MS, readTriggers } from '../../../src/lib/automation/kinds/triggers.js';
import { planSwitch, selectionOf } from '../../../src/lib/automation/switchPlan.js';
import { TriggerOrg, type FakeTrigger } from './triggerOrg.js';

const CONTACT_TRIGGER = "trigger ContactTrigger on Contact (before insert) {\n  for (Contact c : Trigger.new) c.Jigsaw = 'stamped';\n}\n";
const POLL: DeployPollOptions = { pollIntervalMs: 1, maxPollIntervalMs: 2, timeoutMs: 5_000, retry: { ...DEFAULT_BACKOFF, baseMs: 1, maxMs: 2 } };

function orgWithTriggers(): TriggerOrg {
  return new TriggerOrg(
    new Map<string, FakeTrigger>([
      ['01q1', { name: 'ContactTrigger', object: 'Contact', body: CONTACT_TRIGGER, apiVersion: 58, status: 'Active' }],
      ['01q2', { name: 'AccountTrigger', object: 'Account', body: 'trigger AccountTrigger on Account (after update) {}', apiVersion: 61, status: 'Active' }],
    ])
  );
}

function journalOf(automation?: RunAutomation): AutomationJournal & { saved: RunAutomation[] } {
  const journal = {
    meta: { automation },
    saved: [] as RunAutomation[],
    // What run.json holds after each save.
    saveMeta: (): void => void journal.saved.push(JSON.parse(JSON.stringify(journal.meta.automation)) as RunAutomation),
  };
  return journal;
}

const trigger = (id: string, name: string, object: string): SwitchedItem => ({ kind: 'triggers', object, name, id, state: 'switching-off' });
const CONTACT = trigger('01q1', 'ContactTrigger', 'Contact');
const ACCOUNT = trigger('01q2', 'AccountTrigger', 'Account');
const control = (org: TriggerOrg, options: AutomationSwitchOptions = {}): AutomationSwitch =>
  new AutomationSwitch(org, undefined, { deployPoll: POLL, ...options });

describe('automation: triggers switched by a Metadata deploy', () => {
  it('lists unmanaged triggers as switchable by deploy, and a selection of triggers is no longer refused', async () => {
    const org = orgWithTriggers();
    const items = await readTriggers(org, ['Contact', 'Account']);
    expect(items.map((item) => [item.name, item.switchable, item.active])).to.deep.equal([
      ['ContactTrigger', 'deploy', true],
      ['AccountTrigger', 'deploy', true],
    ]);
    const plan = planSwitch({ items, unreadable: [] }, selectionOf(['triggers'])!, 'admin@target');
    expect(plan.items.map((item) => [item.name, item.state])).to.deep.equal([
      ['ContactTrigger', 'switching-off'],
      ['AccountTrigger', 'switching-off'],
    ]);
  });

  it('switches every trigger off in one deploy of its unchanged body with status Inactive, and back on with Active', async () => {
    const org = orgWithTriggers();
    const journal = journalOf();
    const triggers = control(org);
    await triggers.switchOff(journal, ['triggers'], [CONTACT, ACCOUNT]);
    expect(org.deploys).to.have.length(1);
    const [off] = org.deploys;
    expect(off.testLevel, 'not production: no tests').to.equal('NoTestRun');
    expect(off.files.get('triggers/ContactTrigger.trigger')).to.equal(CONTACT_TRIGGER);
    expect(off.files.get('triggers/ContactTrigger.trigger-meta.xml')).to.contain('<apiVersion>58.0</apiVersion>').and.contain('<status>Inactive</status>');
    expect(off.files.get('triggers/AccountTrigger.trigger-meta.xml')).to.contain('<apiVersion>61.0</apiVersion>');
    expect(off.files.get('package.xml'))
      .to.contain('<members>ContactTrigger</members>')
      .and.contain('<name>ApexTrigger</name>')
      .and.contain('<version>62.0</version>');
    expect([...org.triggers.values()].map((entry) => entry.status)).to.deep.equal(['Inactive', 'Inactive']);
    expect(journal.meta.automation?.items.map((item) => [item.state, item.deployId])).to.deep.equal([
      ['off', off.id],
      ['off', off.id],
    ]);

    const outcome = await triggers.restore(journal);
    expect(outcome.restored).to.have.length(2);
    expect(org.deploys[1].statuses).to.deep.equal(
      new Map([
        ['ContactTrigger', 'Active'],
        ['AccountTrigger', 'Active'],
      ])
    );
    expect([...org.triggers.values()].map((entry) => entry.status)).to.deep.equal(['Active', 'Active']);
    expect(journal.meta.automation?.items.map((item) => [item.state, item.deployId])).to.deep.equal([
      ['restored', undefined],
      ['restored', undefined],
    ]);
  });

  it('journals the deploy id before the first poll', async () => {
    const org = orgWithTriggers();
    const journal = journalOf();
    const seen: Array<string | undefined> = [];
    org.onCheck = (): void => void seen.push(journal.saved.at(-1)?.items[0].deployId);
    await control(org).switchOff(journal, ['triggers'], [CONTACT]);
    expect(seen[0], 'run.json had the id when the first checkDeployStatus left').to.equal(org.deploys[0].id);
  });

  it('in production the deploy runs the local tests (said by the run, or asked of the org)', async () => {
    const told = orgWithTriggers();
    await control(told, { production: true }).switchOff(journalOf(), ['triggers'], [CONTACT]);
    expect(told.deploys[0].testLevel).to.equal('RunLocalTests');
    expect(told.calls).not.to.include('edition');

    const asked = orgWithTriggers();
    asked.production = true;
    const triggers = control(asked);
    const journal = journalOf();
    await triggers.switchOff(journal, ['triggers'], [CONTACT]);
    await triggers.restore(journal);
    expect(asked.deploys.map((deploy) => deploy.testLevel)).to.deep.equal(['RunLocalTests', 'RunLocalTests']);
    expect(
      asked.calls.filter((call) => call === 'edition'),
      'asked once'
    ).to.have.length(1);
  });

  it('a deploy whose tests fail rejects the switch with the failing test, and changes nothing', async () => {
    const org = orgWithTriggers();
    org.failNextDeploy = 'System.AssertException: Assertion Failed';
    const journal = journalOf();
    const failure = await control(org, { production: true })
      .switchOff(journal, ['triggers'], [CONTACT])
      .catch((error: unknown) => error);
    expect(String(failure)).to.contain('ended Failed').and.contain('test ContactTriggerTest.stamps: System.AssertException: Assertion Failed');
    expect(org.triggers.get('01q1')?.status).to.equal('Active');
    const outcome = await control(org).restore(journal);
    expect(outcome.restored).to.have.length(1);
    expect(org.deploys, 'restoring deploys nothing: the trigger is on').to.have.length(1);
  });

  it('restoring after a kill waits for the journaled deploy to finish, then deploys Active', async () => {
    const org = orgWithTriggers();
    org.pollsPerDeploy = 3;
    const journal = journalOf();
    // The killed process: its deploy started and was journaled, nobody polled it to the end.
    const killed = control(org);
    org.onCheck = (): never => {
      throw new Error('killed');
    };
    await killed.switchOff(journal, ['triggers'], [CONTACT]).catch(() => undefined);
    org.onCheck = undefined;
    expect(journal.meta.automation?.items[0]).to.include({ state: 'switching-off', deployId: org.deploys[0].id });
    expect(org.triggers.get('01q1')?.status, 'the off deploy is still running').to.equal('Active');

    const outcome = await control(org).restore(journal);
    expect(outcome.failed).to.deep.equal([]);
    const [off, on] = org.deploys.map((deploy) => deploy.id);
    const polledToTheEnd = org.calls.lastIndexOf(`check ${off}`);
    expect(
      org.calls.slice(polledToTheEnd + 1, org.calls.lastIndexOf('deploy')).filter((call) => call !== 'edition'),
      'read after the off deploy was done, then deployed'
    ).to.deep.equal(['query']);
    expect(org.deploys[0].done).to.equal(true);
    expect(org.deploys[1].statuses.get('ContactTrigger')).to.equal('Active');
    expect(journal.meta.automation?.items[0]).to.include({ state: 'restored' });
    expect(on).to.be.a('string');
    expect(org.triggers.get('01q1')?.status, 'the late off deploy did not leave it off').to.equal('Active');
  });

  it('restoring after a kill before the deploy id came back finds the deploy on DeployRequest and waits for it', async () => {
    const org = orgWithTriggers();
    org.pollsPerDeploy = 3;
    org.loseNextDeployAnswer = true;
    const journal = journalOf();
    const before = new Date().toISOString();
    await control(org)
      .switchOff(journal, ['triggers'], [CONTACT])
      .catch(() => undefined);
    const item = journal.meta.automation!.items[0];
    expect(item.deployId, 'the org never answered the id').to.equal(undefined);
    expect(item.deployRequestedAt! >= before, 'the request time is journaled before it leaves').to.equal(true);
    expect(journal.saved.some((saved) => saved.items[0].deployRequestedAt !== undefined && saved.items[0].deployId === undefined)).to.equal(true);
    expect(org.triggers.get('01q1')?.status, 'the off deploy is still running').to.equal('Active');

    org.calls.length = 0;
    const outcome = await control(org).restore(journal);
    expect(outcome.failed).to.deep.equal([]);
    const skewed = new Date(Date.parse(item.deployRequestedAt ?? before) - CLOCK_SKEW_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(org.calls[0], 'asked the org for deploys running since the request, less the clock skew').to.equal(`deploys ${skewed}`);
    expect(org.deploys[0].done, 'the lost deploy was waited for').to.equal(true);
    expect(org.deploys[1].statuses.get('ContactTrigger')).to.equal('Active');
    expect(org.triggers.get('01q1')?.status).to.equal('Active');
    expect(journal.meta.automation?.items[0]).to.include({ state: 'restored' });
    expect(journal.meta.automation?.items[0]).to.not.have.property('deployRequestedAt');
  });

  it('a restore after an answered deploy asks for no DeployRequest', async () => {
    const org = orgWithTriggers();
    const journal = journalOf();
    await control(org).switchOff(journal, ['triggers'], [CONTACT]);
    await control(org).restore(journal);
    expect(org.calls.filter((call) => call.startsWith('deploys'))).to.deep.equal([]);
  });

  it('a restore whose journaled deploy already finished reads the trigger and deploys only if it is off', async () => {
    const org = orgWithTriggers();
    const journal = journalOf();
    await control(org).switchOff(journal, ['triggers'], [CONTACT]);
    org.triggers.get('01q1')!.status = 'Active'; // switched back on by hand meanwhile
    await control(org).restore(journal);
    expect(org.deploys).to.have.length(1);
    expect(journal.meta.automation?.items[0].state).to.equal('restored');
  });

  it('a restore that cannot deploy keeps the triggers journaled as off, with the deploy id and the error', async () => {
    const org = orgWithTriggers();
    const journal = journalOf();
    await control(org).switchOff(journal, ['triggers'], [CONTACT, ACCOUNT]);
    org.failNextDeploy = 'System.DmlException: Insert failed';
    const outcome = await control(org).restore(journal);
    expect(outcome.failed.map((item) => item.name)).to.deep.equal(['ContactTrigger', 'AccountTrigger']);
    expect(journal.meta.automation?.items[0]).to.include({ state: 'off', deployId: org.deploys[1].id });
    expect(journal.meta.automation?.items[0].restoreError).to.contain('System.DmlException: Insert failed');
    await control(org).restore(journal);
    expect([...org.triggers.values()].map((entry) => entry.status)).to.deep.equal(['Active', 'Active']);
  });

  it('a journaled deploy the org no longer knows is taken as finished', async () => {
    const org = orgWithTriggers();
    org.triggers.get('01q1')!.status = 'Inactive';
    const journal = journalOf({ requested: ['triggers'], items: [{ ...CONTACT, state: 'off', deployId: '0AfGONE' }] });
    const outcome = await control(org).restore(journal);
    expect(outcome.failed).to.deep.equal([]);
    expect(org.triggers.get('01q1')?.status).to.equal('Active');
  });
});
