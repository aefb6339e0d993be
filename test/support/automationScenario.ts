import { expect } from 'chai';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AutomationListResult } from '../../src/commands/isync/automation/list.js';
import type { AutomationRestoreResult } from '../../src/commands/isync/automation/restore.js';
import type { ExecuteResult } from '../../src/commands/isync/execute.js';
import type { RollbackResult } from '../../src/commands/isync/rollback.js';
import type { RunsResult } from '../../src/commands/isync/runs.js';
import type { ScanResult } from '../../src/commands/isync/scan.js';
import type { AutomationItem } from '../../src/lib/automation/automationTypes.js';
import { callOrg, queryOrg, startOrgPair, type OrgPair } from '../../harness/emulatedOrgs.js';
import { jsonOf, REPO_ROOT, spawnPlugin, type PluginRun } from '../../harness/runPlugin.js';
import type { HistoryClient } from './historyScenario.js';

const TEMPLATE = join(REPO_ROOT, 'examples', 'demo-template.json');
/**
 * What the demo's legacy records need switched off (the validation rule and the duplicate rule they break), and
 * the flow, the Process Builder process (kind flows too) and the trigger, whose stamps show whether they ran: the
 * trigger is switched by a Metadata deploy.
 */
const SWITCHED = 'validation-rules,flows,triggers,duplicate-rules';
const LEGACY_ACCOUNT = 'Legacy Holdings (negative revenue)';

/** Every item as `automation list` shows it, in a form two lists compare by (ids, states, versions). */
function stateOf(items: readonly AutomationItem[]): string[] {
  return items.map((item) => `${item.kind} ${item.name} ${item.id} ${item.active ? 'on' : 'off'} v${item.activeVersion ?? '-'}`);
}

/**
 * Automation control as a user runs it (issue 22), on a target with the demo dataset's automation (a validation
 * rule, a flow, a Process Builder process, a trigger, a duplicate rule, a workflow rule, a managed rule) and a
 * source with legacy records that break the target's rules: the records fail without `--disable-automation` and load with it; afterwards
 * every item is as it was (compared with `automation list`, item by item); a run killed while automation is off
 * leaves it journaled as off (runs shows it, every command warns) until `automation restore` or a resume; a
 * rollback switches it off for its own writes and back on; bad input switches nothing.
 */
export function describeAutomationControl(title: string, clientOf: () => Promise<HistoryClient>, options: { short?: boolean } = {}): void {
  const longer = (name: string, test: () => Promise<void>): void => {
    if (!options.short) it(name, test);
  };
  describe(title, function () {
    this.timeout(600_000);
    let pair: OrgPair;
    let journalDir: string;
    let client: HistoryClient;
    let asBefore: string[];
    const plugin = (argv: string[]): Promise<PluginRun> => client.run([...argv, '--journal-dir', journalDir, '--json'], pair.env);
    const list = async (): Promise<AutomationListResult> => {
      const run = await plugin(['isync', 'automation', 'list', '-o', 'tgt', '-t', TEMPLATE]);
      expect(run.code, run.stdout + run.stderr).to.equal(0);
      return jsonOf<AutomationListResult>(run).result;
    };
    const execute = async (...flags: string[]): Promise<{ code: number; result: ExecuteResult; warnings: string[] }> => {
      const run = await plugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', TEMPLATE, ...flags]);
      const json = jsonOf<ExecuteResult>(run) as { result: ExecuteResult; warnings?: string[] };
      expect(json.result, run.stdout + run.stderr).to.be.an('object');
      return { code: run.code, result: json.result, warnings: json.warnings ?? [] };
    };
    const legacyInTarget = async (): Promise<number> =>
      (await queryOrg(pair.target, `SELECT Id FROM Account WHERE Name = '${LEGACY_ACCOUNT}'`)).length +
      (await queryOrg(pair.target, "SELECT Id FROM Contact WHERE FirstName = 'Legacy'")).length;

    before(async () => {
      client = await clientOf();
      // The same demo data on both sides (same seed): only the legacy records are new to the target.
      pair = await startOrgPair({ dataset: 'demo', seed: 1 }, { dataset: 'demo', seed: 1, edition: 'sandbox', latencyMs: 20, perRecordMs: 2 }, client.login);
      await client.ready?.(pair.env);
      journalDir = mkdtempSync(join(tmpdir(), 'isync-automation-'));
      const seeded = await fetch(`${pair.source.instanceUrl}/__emulator/automation/legacy-records`, { method: 'POST' });
      expect(seeded.status, await seeded.text()).to.equal(200);
    });
    after(async () => {
      await pair?.stop();
    });

    it('automation list shows each kind, active or not, managed or not, and how it can be switched', async () => {
      const listed = await list();
      asBefore = stateOf(listed.items);
      const byName = new Map(listed.items.map((item) => [item.name, item]));
      expect(byName.get('Account.Revenue_Not_Negative')).to.include({ kind: 'validation-rules', active: true, switchable: 'tooling' });
      expect(byName.get('Contact.isv__Email_Has_At_Sign') ?? byName.get('Contact.Email_Has_At_Sign')).to.include({ switchable: 'managed' });
      expect(byName.get('Account_Channel_Stamp')).to.include({ kind: 'flows', active: true, activeVersion: 2 });
      // Found through its version's Metadata, not the view's object: listed and switched as a flow.
      expect(byName.get('Account_Tier_Process')).to.include({
        kind: 'flows',
        object: 'Account',
        active: true,
        activeVersion: 1,
        switchable: 'tooling',
        detail: 'Process Builder (onAllChanges)',
      });
      expect(byName.get('ContactTrigger')).to.include({ kind: 'triggers', active: true, switchable: 'deploy' });
      expect(byName.get('Contact.Contact_Email_Duplicate_Rule')).to.include({ kind: 'duplicate-rules', active: true, switchable: 'metadata' });
      expect(byName.get('Account.Large_Account_Review')).to.include({ kind: 'workflow-rules', switchable: 'metadata' });
      expect(listed.unreadable).to.deep.equal([]);
    });

    it('refuses bad selections before anything is switched', async () => {
      const refusals = [
        ['Account.No_Such_Rule', 'No automation named Account.No_Such_Rule'],
        ['Contact:flow', 'Contact:flow names no kind'],
        ['Contact.isv__Email_Has_At_Sign', 'managed package isv'],
      ];
      // The short variant (through sf) proves one refusal end to end; bin/run.js checks each.
      for (const [flag, message] of options.short ? refusals.slice(2) : refusals) {
        const run = await plugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', TEMPLATE, '--disable-automation', flag]);
        expect(run.code, run.stdout + run.stderr).to.equal(1);
        expect(jsonOf(run).message).to.contain(message);
        expect(run.stderr + run.stdout).not.to.match(/\n\s+at .*\.(js|ts):\d+/);
      }
      expect(stateOf((await list()).items)).to.deep.equal(asBefore);
      expect(await legacyInTarget()).to.equal(0);
    });

    it('a scan lists what the run would switch off and switches nothing; the pre-flight names the rule', async () => {
      const run = await plugin(['isync', 'scan', '-s', 'src', '-o', 'tgt', '-t', TEMPLATE, '--disable-automation', SWITCHED]);
      const { result } = jsonOf<ScanResult>(run);
      expect(result.automationUsed?.items.map((item) => item.name).sort()).to.deep.equal(
        // Every active, unmanaged item of the kinds on the template's objects: the demo schema's Supplier__c rule too.
        [
          'Account.Revenue_Not_Negative',
          'Account_Channel_Stamp',
          'Account_Tier_Process',
          'ContactTrigger',
          'Contact.Contact_Email_Duplicate_Rule',
          'Supplier__c.Branch_Requires_Parent',
        ].sort()
      );
      expect(stateOf((await list()).items)).to.deep.equal(asBefore);
    });

    it('without --disable-automation the legacy records fail with the rules’ codes', async () => {
      const { code, result } = await execute();
      expect(code).to.equal(68);
      const codes = result.failures.map((failure) => `${failure.object} ${failure.code}`).sort();
      expect(codes).to.deep.equal(['Account FIELD_CUSTOM_VALIDATION_EXCEPTION', 'Contact DUPLICATES_DETECTED']);
      expect(result.automation).to.equal(undefined);
    });

    it('with --disable-automation they load, the flow, the process and the trigger do not stamp them, and every item is back as before', async () => {
      const { code, result } = await execute('--disable-automation', SWITCHED);
      expect(code, JSON.stringify(result.failures)).to.equal(0);
      expect(result.automation?.switched.map((item) => item.state)).to.deep.equal(['restored', 'restored', 'restored', 'restored', 'restored', 'restored']);
      expect(result.automation?.switched.find((item) => item.name === 'Account_Tier_Process')).to.include({ kind: 'flows', activeVersion: 1 });
      expect(result.automation?.switched.find((item) => item.kind === 'triggers')).to.include({ name: 'ContactTrigger' });
      expect(result.automation?.leftOff).to.deep.equal([]);
      expect(await legacyInTarget()).to.equal(2);
      const [legacy] = await queryOrg(pair.target, `SELECT ChannelProgramName, ChannelProgramLevelName FROM Account WHERE Name = '${LEGACY_ACCOUNT}'`);
      expect(legacy.ChannelProgramName, 'the flow was off when it was inserted').to.equal(null);
      expect(legacy.ChannelProgramLevelName, 'the process was off when it was inserted').to.equal(null);
      const [contact] = await queryOrg(pair.target, "SELECT JigsawContactId FROM Contact WHERE FirstName = 'Legacy'");
      expect(contact.JigsawContactId, 'the trigger was off when it was inserted').to.equal(null);
      expect(stateOf((await list()).items)).to.deep.equal(asBefore);
      const after = (await callOrg(pair.target, 'POST', '/sobjects/Account', { Name: 'Written after the run' })) as { id: string };
      const [stamped] = await queryOrg(pair.target, `SELECT ChannelProgramName, ChannelProgramLevelName FROM Account WHERE Id = '${after.id}'`);
      expect(stamped, 'the flow and the process run again').to.deep.include({
        ChannelProgramName: 'Stamped by flow Account_Channel_Stamp',
        ChannelProgramLevelName: 'Stamped by process Account_Tier_Process',
      });
    });

    longer('a rollback switches the rules off for its own writes and back on', async () => {
      const run = await plugin(['isync', 'rollback']);
      expect(run.code, run.stdout + run.stderr).to.equal(0);
      expect(jsonOf<RollbackResult>(run).result.state).to.equal('rolled_back');
      expect(await legacyInTarget()).to.equal(0);
      expect(stateOf((await list()).items)).to.deep.equal(asBefore);
    });

    it('a run killed while automation is off leaves it journaled; runs shows it, commands warn, restore puts it back', async () => {
      const killed = spawnPlugin(
        ['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', TEMPLATE, '--disable-automation', SWITCHED, '--journal-dir', journalDir, '--json'],
        pair.env
      );
      // Killed as soon as the rule is off (the switch comes before the first write), watched in the emulator's
      // own registry: a poll through the plugin takes longer than the run keeps it off.
      const rule = pair.target.org.automation.validationRules.find((item) => item.name === 'Revenue_Not_Negative');
      const deadline = Date.now() + 120_000;
      while (rule?.active && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
      killed.kill('SIGKILL');
      await killed.done;
      expect(stateOf((await list()).items)).not.to.deep.equal(asBefore);
      const runs = await plugin(['isync', 'runs']);
      const newest = jsonOf<RunsResult>(runs).result[0];
      expect(newest.automation?.leftOff).to.be.greaterThan(0);
      expect(runs.stderr + runs.stdout).to.contain('automation item(s) switched off');
      const restore = await plugin(['isync', 'automation', 'restore']);
      expect(restore.code, restore.stdout + restore.stderr).to.equal(0);
      expect(jsonOf<AutomationRestoreResult>(restore).result.runs[0].failed).to.deep.equal([]);
      expect(stateOf((await list()).items)).to.deep.equal(asBefore);
      // The killed run is resumed later with the rules off again for its writes, and back on after.
      const resumed = await plugin(['isync', 'execute', '--resume']);
      expect(resumed.code, resumed.stdout + resumed.stderr).to.equal(0);
      expect(stateOf((await list()).items)).to.deep.equal(asBefore);
    });
  });
}
