import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExecuteResult } from '../../src/commands/isync/execute.js';
import { maskValue } from '../../src/lib/mapping/masking/maskValue.js';
import { queryOrg, startOrgPair, type OrgPair } from '../../harness/emulatedOrgs.js';
import { REPO_ROOT } from '../../harness/runPlugin.js';
import type { HistoryClient } from '../support/historyScenario.js';
import { linkedPluginClient } from './linkedPlugin.js';

const SECRET = 'a-secret-kept-in-the-sf-config';
const TEMPLATE = join(REPO_ROOT, 'examples', 'transformations', 'template.json');

/**
 * The masking secret from the sf config (`sf config set isync-mask-secret=...`), through the real sf CLI with the
 * plugin linked: stored encrypted, refused when too short, used by `sf isync execute` when SF_ISYNC_MASK_SECRET is
 * not set (the example masks a match key, which is refused without a secret).
 */
describe('clients: the masking secret from sf config (plugin linked)', function () {
  this.timeout(600_000);
  let pair: OrgPair;
  let client: HistoryClient;
  before(async () => {
    client = await linkedPluginClient();
    pair = await startOrgPair(
      { dataset: 'demo' },
      { dataset: 'empty', schema: join(REPO_ROOT, 'examples', 'transformations', 'target-schema.json') },
      client.login
    );
    await client.ready?.(pair.env);
  });
  after(async () => pair?.stop());

  it('stores the secret encrypted, refuses a short one, and masks with it', async () => {
    const env = { ...pair.env };
    delete env.SF_ISYNC_MASK_SECRET;
    const short = await client.run(['config', 'set', 'isync-mask-secret=short', '--global', '--json'], env);
    expect(short.code, short.stdout).to.not.equal(0);
    expect(short.stdout).to.include('at least 16 characters');
    const set = await client.run(['config', 'set', `isync-mask-secret=${SECRET}`, '--global', '--json'], env);
    expect(set.code, set.stdout + set.stderr).to.equal(0);
    const configFile = join(env.HOME, '.sf', 'config.json');
    expect(existsSync(configFile)).to.equal(true);
    expect(readFileSync(configFile, 'utf8')).to.not.include(SECRET);

    const run = await client.run(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', TEMPLATE, '--json'], env);
    expect(run.code, run.stdout + run.stderr).to.equal(0);
    expect((JSON.parse(run.stdout) as { result: ExecuteResult }).result.totals.failed).to.equal(0);
    const [source] = await queryOrg(pair.source, 'SELECT FirstName, Title, Email FROM Contact WHERE Email != null ORDER BY Id LIMIT 1');
    const [target] = await queryOrg(
      pair.target,
      `SELECT Email FROM Contact WHERE FirstName = '${String(source.FirstName)}' AND Title = '${String(source.Title)}'`
    );
    expect(target.Email).to.equal(maskValue({ kind: 'email' }, source.Email, SECRET, { maxLength: 80 }));
  });
});
