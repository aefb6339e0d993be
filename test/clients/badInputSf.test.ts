import { expect } from 'chai';
import { describeBadInputTable, prepareBadInputWorld, type BadInputWorld } from '../support/badInputWorld.js';
import type { LoginOrg } from '../../harness/emulatedOrgs.js';
import { REPO_ROOT } from '../../harness/runPlugin.js';
import { installSfCli, type SfCli } from './sfCli.js';

/**
 * The bad-input table (support/badInputCases.ts) through the real sf CLI, as a user meets it: the plugin
 * linked with `sf plugins link`, the orgs logged in with `sf org login access-token` under the table's aliases,
 * every case run as `sf isync ...` with the assertions of integration/badInput.test.ts. The sf CLI answers
 * some errors differently from bin/run.js (its oclif `exitCodes` give any error thrown while parsing a flag
 * exit 2), so each case must hold under both. The plugin must be built (`npm test` builds first).
 */
describe('clients: the bad-input table through sf', function () {
  this.timeout(900_000);
  let sf: SfCli;
  let world: BadInputWorld;

  before(async () => {
    sf = await installSfCli();
    const loginWithSf: LoginOrg = async (alias, org, env) => {
      const args = ['org', 'login', 'access-token', '--instance-url', org.instanceUrl, '--alias', alias, '--no-prompt'];
      const login = await sf.run(args, { ...env, SF_ACCESS_TOKEN: org.accessToken });
      if (login.code !== 0) throw new Error(`sf org login ${alias} failed: ${login.stderr}`);
    };
    world = await prepareBadInputWorld(loginWithSf);
    // Each pair has a HOME of its own, and links are kept per HOME. `--no-install`: by default `sf plugins
    // link` runs `npm install` in the plugin's folder; the plugin is built and its dependencies are there.
    for (const env of [world.main.env, world.altered.env]) {
      const link = await sf.run(['plugins', 'link', '--no-install', REPO_ROOT], env);
      expect(link.code, link.stderr).to.equal(0);
    }
  });

  after(async () => {
    await world?.stop();
  });

  it('runs the linked plugin', async () => {
    const plugins = await sf.run(['plugins'], world.main.env);
    expect(plugins.stdout).to.match(/sf-isync .*\(link\)/);
  });

  describeBadInputTable(
    () => world,
    (argv, env) => sf.run(argv, env, REPO_ROOT)
  );
});
