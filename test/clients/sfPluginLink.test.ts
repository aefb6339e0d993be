import { expect } from 'chai';
import type { ExecuteResult } from '../../src/commands/isync/execute.js';
import { startOrg, type EmulatedOrg } from '@sf-isync/org-emulator';
import { queryOrg } from '../support/emulatedOrgs.js';
import { REPO_ROOT } from '../support/runPlugin.js';
import { sandboxEnv } from '../support/sandboxHome.js';
import { installSfCli, type SfCli } from './sfCli.js';

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
    for (const [alias, org] of [['linked-src', source], ['linked-tgt', target]] as const) {
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

  it('runs sf isync order and sf isync execute as a user would', async () => {
    const plan = await sf.json<{ plan: { steps: Array<{ object: string }> } }>(['isync', 'order', '-s', 'linked-src', '-o', 'linked-tgt', '-t', 'examples/demo-template.json'], env, REPO_ROOT);
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
