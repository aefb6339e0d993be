import { expect } from 'chai';
import { describeHistoryMatching } from '../support/historyScenario.js';
import { REPO_ROOT } from '../../harness/runPlugin.js';
import { installSfCli } from './sfCli.js';

/**
 * Issue 20's acceptance as a user runs it: the plugin linked into the real sf CLI, both orgs logged in with
 * `sf org login access-token`, then `sf isync execute --objects Account,Contact,Opportunity,Case,Task` again
 * and again (support/historyScenario.ts). The plugin must be built (`npm test` builds first).
 */
describeHistoryMatching('clients: history matching through sf (plugin linked)', async () => {
  const sf = await installSfCli();
  return {
    login: async (alias, org, env) => {
      const args = ['org', 'login', 'access-token', '--instance-url', org.instanceUrl, '--alias', alias, '--no-prompt'];
      const login = await sf.run(args, { ...env, SF_ACCESS_TOKEN: org.accessToken });
      if (login.code !== 0) throw new Error(`sf org login ${alias} failed: ${login.stderr}`);
    },
    ready: async (env) => {
      const link = await sf.run(['plugins', 'link', '--no-install', REPO_ROOT], env);
      expect(link.code, link.stderr).to.equal(0);
    },
    run: (argv, env) => sf.run(argv, env, REPO_ROOT),
  };
});
