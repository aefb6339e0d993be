import { expect } from 'chai';
import type { HistoryClient } from '../support/historyScenario.js';
import { REPO_ROOT } from '../../harness/runPlugin.js';
import { installSfCli } from './sfCli.js';

/**
 * The plugin as a user runs it: linked into the real sf CLI (`sf plugins link`), each org logged in with
 * `sf org login access-token`, every command run through `sf`. The plugin must be built first.
 */
export async function linkedPluginClient(): Promise<HistoryClient> {
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
}
