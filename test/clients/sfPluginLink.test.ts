import { expect } from 'chai';
import type { ExecuteResult } from '../../src/commands/isync/execute.js';
import type { OrderResult } from '../../src/commands/isync/order.js';
import { startOrg, type EmulatedOrg } from '@sf-isync/org-emulator';
import { queryOrg } from '../../harness/emulatedOrgs.js';
import { REPO_ROOT } from '../../harness/runPlugin.js';
import { sandboxEnv } from '../../harness/sandboxHome.js';
import { installSfCli, type SfCli, type SfJson, type SfRun } from './sfCli.js';

/**
 * The plugin as a user installs it: `sf plugins link .` into the real sf CLI, both orgs logged in with
 * `sf org login access-token`, then `sf isync order` and `sf isync execute` between the two aliases. The plugin
 * must be built (`npm test` builds first).
 */
describe('clients: sf plugins link, then sf isync between two aliases', function () {
  this.timeout(600_000);
  let sf: SfCli;
  let source: EmulatedOrg;
  let target: EmulatedOrg;
  const env = sandboxEnv();

  before(async () => {
    sf = await installSfCli();
    source = await startOrg({ dataset: 'demo', username: 'admin@linked-source.isync.test' });
    target = await startOrg({ dataset: 'users', username: 'admin@linked-target.isync.test', seed: 2 });
    for (const [alias, org] of [
      ['linked-src', source],
      ['linked-tgt', target],
    ] as const) {
      const login = await sf.run(['org', 'login', 'access-token', '--instance-url', org.instanceUrl, '--alias', alias, '--no-prompt'], {
        ...env,
        SF_ACCESS_TOKEN: org.accessToken,
      });
      expect(login.code, login.stderr).to.equal(0);
    }
  });
  after(async () => {
    await Promise.all([source?.stop(), target?.stop()]);
  });

  it('links the plugin and lists it', async () => {
    const link = await sf.run(['plugins', 'link', REPO_ROOT], env);
    expect(link.code, link.stderr).to.equal(0);
    const plugins = await sf.run(['plugins', '--core'], env);
    expect(plugins.stdout).to.match(/sf-isync .*\(link\)/);
  });

  // The sf CLI's preparse hook warns "The input format for array arguments has changed" on any command line
  // with a comma when the command has a flag declared with `delimiter: ','`.
  it('takes --objects repeated or comma-separated: the same plan, and no warning about the list format', async () => {
    const order = (objects: string[], json: string[] = []): Promise<SfRun> =>
      sf.run(['isync', 'order', '-s', 'linked-src', '-o', 'linked-tgt', ...objects, ...json], env, REPO_ROOT);
    const forms = [
      ['--objects', 'Account,Contact'],
      ['--objects', 'Account', '--objects', 'Contact'],
    ];
    const runs: SfRun[] = [];
    for (const form of forms) runs.push(await order(form), await order(form, ['--json']));
    for (const run of runs) {
      expect(run.code, run.stdout + run.stderr).to.equal(0);
      expect(run.stderr + run.stdout).to.not.contain('input format for array arguments');
    }
    const [commas, commasJson, repeated, repeatedJson] = runs;
    expect(repeated.stdout).to.equal(commas.stdout);
    const plans = [commasJson, repeatedJson].map((run) => JSON.parse(run.stdout) as SfJson<OrderResult>);
    expect(plans[0].result.plan.steps.map((step) => step.object)).to.deep.equal(['Account', 'Contact']);
    expect(plans[1].result.plan).to.deep.equal(plans[0].result.plan);
    expect(plans[1].result.template).to.deep.equal(plans[0].result.template);
    expect(plans.flatMap((plan) => plan.warnings ?? [])).to.deep.equal([]);
  });

  it('runs sf isync order and sf isync execute as a user would', async () => {
    const plan = await sf.json<{ plan: { steps: Array<{ object: string }> } }>(
      ['isync', 'order', '-s', 'linked-src', '-o', 'linked-tgt', '-t', 'examples/demo-template.json'],
      env,
      REPO_ROOT
    );
    expect(plan.plan.steps.map((step) => step.object)).to.include.members(['Account', 'Contact', 'Team__c']);
    const run = await sf.run(['isync', 'execute', '-s', 'linked-src', '-o', 'linked-tgt', '-t', 'examples/demo-template.json', '--json'], env, REPO_ROOT);
    expect(run.code, run.stdout).to.equal(0);
    const result = (JSON.parse(run.stdout) as { result: ExecuteResult }).result;
    expect(result.state).to.equal('synced');
    const [sourceContacts, targetContacts] = await Promise.all([queryOrg(source, 'SELECT Id FROM Contact'), queryOrg(target, 'SELECT Id FROM Contact')]);
    expect(targetContacts.length).to.equal(sourceContacts.length);
    // The demo's people exist in the target too: owners were found by e-mail, not defaulted.
    const owners = await queryOrg(target, 'SELECT Owner.Email FROM Contact');
    expect(new Set(owners.map((row) => (row.Owner as { Email: string }).Email)).size).to.be.greaterThan(1);
  });
});
