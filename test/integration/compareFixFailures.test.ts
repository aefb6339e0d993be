/**
 * `compare --fix` when things go wrong. Killed (kill -9 of its process group) while its deploy runs in the org:
 * the journal holds the deploy's id, and the next `compare --fix` waits for that deploy, assigns its permission
 * set, and finds nothing left to deploy but what cannot be fixed automatically. Refused by the org: exit 1, the
 * failure journaled, and nothing of the deploy applied.
 */
import { expect } from 'chai';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompareResult } from '../../src/commands/isync/compare.js';
import { startOrgPair, type OrgPair } from '../../harness/emulatedOrgs.js';
import { jsonOf, REPO_ROOT, runPlugin, spawnPlugin } from '../../harness/runPlugin.js';
import { ConnectionOrgApi } from '../../src/lib/api/orgApi.js';
import { queryAll } from '../../src/lib/api/queryPages.js';
import { applyFixes } from '../../src/lib/compare/applyFixes.js';
import { customFieldXml } from '../../src/lib/compare/fieldMetadata.js';
import { useProcessSandboxHome } from '../clients/processSandboxHome.js';
import { connectTo } from '../support/orgConnection.js';
import { field } from '../unit/graph/describeBuilders.js';

const EXAMPLE = join(REPO_ROOT, 'examples', 'compare');

type FixFile = { id: string; state: string; deployId?: string };

function fixRecords(journal: string): FixFile[] {
  const folder = join(journal, 'schema-fixes');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(join(folder, name), 'utf8')) as FixFile);
}

describe('compare --fix killed while its deploy runs, then run again (bin/run.js)', function () {
  this.timeout(300_000);
  let pair: OrgPair;
  before(async () => {
    // A deploy that takes seconds in the org, as real ones do: the kill lands while it runs.
    pair = await startOrgPair({ dataset: 'demo' }, { dataset: 'empty', schema: join(EXAMPLE, 'target-schema.json'), deployTiming: { runMs: 4_000 } });
  });
  after(async () => pair?.stop());

  it('settles the deploy a killed process left running, and deploys nothing twice', async () => {
    const journal = mkdtempSync(join(tmpdir(), 'isync-compare-kill-'));
    const argv = ['isync', 'compare', '-s', 'src', '-o', 'tgt', '-t', join(EXAMPLE, 'template.json'), '--journal-dir', journal, '--fix', '--json'];
    const killed = spawnPlugin(argv, pair.env);
    const deadline = Date.now() + 60_000;
    while (!fixRecords(journal).some((record) => record.deployId) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    killed.kill('SIGKILL');
    const run = await killed.done;
    expect(run.code, run.stdout + run.stderr).to.equal(137);
    const [left] = fixRecords(journal);
    expect(left).to.include({ state: 'deploying' });

    const again = jsonOf<CompareResult>(await runPlugin(argv, pair.env));
    expect(again.result.fix?.settled).to.deep.equal([left.id]);
    // The killed deploy created everything: nothing is deployed again.
    expect(again.result.fix?.deployed).to.deep.equal([]);
    expect(again.result.differences.map((d) => `${d.kind} ${d.object}.${d.field ?? ''}`)).to.deep.equal(['typeMismatch Project_Task__c.Estimate_Hours__c']);
    expect(fixRecords(journal).map((record) => record.state)).to.deep.equal(['done']);
  });
});

describe('compare --fix the target org refuses: nothing changes (bin/run.js)', function () {
  this.timeout(300_000);
  let pair: OrgPair;
  let restoreHome: () => void;
  before(async () => {
    restoreHome = useProcessSandboxHome().restore;
    pair = await startOrgPair({ dataset: 'demo' }, { dataset: 'empty', schema: join(EXAMPLE, 'target-schema.json') });
    // Someone deployed Project__c.Budget__c as text, without granting it: the API user cannot see it, so compare
    // takes it for missing, and the org refuses to change its type.
    const api = new ConnectionOrgApi(await connectTo(pair.target));
    const hidden = customFieldXml({ ...field('Budget__c', { label: 'Budget', length: 20 }) });
    const [user] = await queryAll(api, 'SELECT Id FROM User LIMIT 1');
    const journal = mkdtempSync(join(tmpdir(), 'isync-hidden-'));
    const target = { api, orgId: 'TARGET', username: 'admin', userId: String(user.Id) };
    await applyFixes({
      planned: [
        {
          fix: { type: 'CustomField', object: 'Project__c', targetObject: 'Project__c', field: 'Budget__c' },
          files: [{ path: 'objects/Project__c/fields/Budget__c.field-meta.xml', text: hidden }],
        },
      ],
      source: { orgId: 'S', username: 's' },
      target,
      journalRoot: journal,
    });
  });
  after(async () => {
    await pair?.stop();
    restoreHome();
  });

  it('exits 1 naming what the org refused, journals the failure, and deploys none of the other fixes', async () => {
    const journal = mkdtempSync(join(tmpdir(), 'isync-compare-refused-'));
    const argv = ['isync', 'compare', '-s', 'src', '-o', 'tgt', '-t', join(EXAMPLE, 'template.json'), '--journal-dir', journal];
    const refused = await runPlugin([...argv, '--fix', '--json'], pair.env);
    const json = jsonOf<CompareResult>(refused);
    expect(refused.code, refused.stdout).to.equal(1);
    expect(json.name).to.equal('DeployFailedError');
    expect(json.message).to.contain('Budget__c');
    expect(fixRecords(journal).map((record) => record.state)).to.deep.equal(['failed']);
    // All or nothing: the other fields, the picklist value and the record type are still missing.
    const after = jsonOf<CompareResult>(await runPlugin([...argv, '--json'], pair.env));
    expect(after.result.differences.map((d) => d.kind).sort()).to.deep.equal([
      'fieldMissing',
      'fieldMissing',
      'picklistValuesMissing',
      'recordTypeMissing',
      'typeMismatch',
    ]);
  });
});
