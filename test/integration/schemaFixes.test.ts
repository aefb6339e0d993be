/**
 * compare --fix's deploy against an emulated org through jsforce: a package with one component the org refuses
 * changes nothing (all or nothing) and is journaled as failed; a fix whose process died after deploy() is
 * settled by the next compare --fix (its deploy awaited, its permission set assigned).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { startOrg, type EmulatedOrg } from '@sf-isync/org-emulator';
import { DEFAULT_BACKOFF } from '../../src/lib/api/backoff.js';
import { DeployFailedError } from '../../src/lib/api/deployResult.js';
import type { DeployPollOptions } from '../../src/lib/api/metadataDeploy.js';
import { ConnectionOrgApi } from '../../src/lib/api/orgApi.js';
import { queryAll } from '../../src/lib/api/queryPages.js';
import { applyFixes, settleEarlierFixes, type FixTarget } from '../../src/lib/compare/applyFixes.js';
import { listFixes, saveFix } from '../../src/lib/compare/fixJournal.js';
import { customFieldXml } from '../../src/lib/compare/fieldMetadata.js';
import type { PlannedFix } from '../../src/lib/compare/schemaFixes.js';
import { useProcessSandboxHome } from '../clients/processSandboxHome.js';
import { connectTo } from '../support/orgConnection.js';
import { field } from '../unit/graph/describeBuilders.js';

const FAST: DeployPollOptions = { pollIntervalMs: 50, maxPollIntervalMs: 100, timeoutMs: 30_000, retry: { ...DEFAULT_BACKOFF, baseMs: 1, maxMs: 2 } };

const newField = (object: string, name: string): PlannedFix => ({
  fix: { type: 'CustomField', object, targetObject: object, field: name },
  files: [{ path: `objects/${object}/fields/${name}.field-meta.xml`, text: customFieldXml(field(name, { label: 'Tier', length: 40 })) }],
  grantsField: `${object}.${name}`,
});

describe('compare --fix deploys: all or nothing, journaled, settled after a crash', function () {
  this.timeout(120_000);
  let org: EmulatedOrg;
  let target: FixTarget;
  let restoreHome: () => void;
  const source = { orgId: '00D000000000001AAA', username: 'src@example.com' };
  const fieldsOf = async (object: string): Promise<string[]> => {
    const describe = await target.api.request<{ fields: Array<{ name: string }> }>('GET', `/sobjects/${object}/describe`);
    return describe.fields.map((each) => each.name);
  };
  before(async () => {
    restoreHome = useProcessSandboxHome().restore;
    org = await startOrg({ dataset: 'empty' });
    const api = new ConnectionOrgApi(await connectTo(org));
    const [user] = await queryAll(api, 'SELECT Id FROM User LIMIT 1');
    target = { api, orgId: 'TARGET', username: 'admin', userId: String(user.Id) };
  });
  after(async () => {
    await org.stop();
    restoreHome();
  });

  it('changes nothing when the org refuses one component, and journals the failure', async () => {
    const journal = mkdtempSync(join(tmpdir(), 'isync-fix-'));
    const refused = applyFixes({ planned: [newField('Account', 'Tier__c'), newField('Nope__c', 'Tier__c')], source, target, journalRoot: journal, poll: FAST });
    const error = await refused.then(
      () => undefined,
      (e: unknown) => e
    );
    expect(error).to.be.instanceOf(DeployFailedError);
    expect((error as Error).message).to.contain('Nope__c');
    expect(await fieldsOf('Account')).to.not.include('Tier__c');
    const [record] = listFixes(journal);
    expect(record).to.include({ state: 'failed' });
    expect(record.deployId).to.match(/^0Af/);
    // Had the process died while it waited, the next compare --fix would find the deploy failed, not assign anything.
    saveFix(journal, { ...record, state: 'deploying', error: undefined });
    await settleEarlierFixes(journal, target, FAST);
    expect(listFixes(journal)[0]).to.include({ state: 'failed' });
    expect(await queryAll(target.api, 'SELECT Id FROM PermissionSetAssignment')).to.deep.equal([]);
  });

  it('settles a fix whose process died after deploy(): waits for it and assigns its permission set', async () => {
    const journal = mkdtempSync(join(tmpdir(), 'isync-fix-'));
    const done = await applyFixes({ planned: [newField('Contact', 'Tier__c')], source, target, journalRoot: journal, poll: FAST });
    expect(await fieldsOf('Contact')).to.include('Tier__c');
    // As if the process had died between the deploy and the assignment: the field is deployed but hidden.
    await target.api.request(
      'DELETE',
      `/sobjects/PermissionSetAssignment/${String((await queryAll(target.api, 'SELECT Id FROM PermissionSetAssignment'))[0].Id)}`
    );
    expect(await fieldsOf('Contact')).to.not.include('Tier__c');
    saveFix(journal, { ...done, state: 'deploying', finishedAt: undefined });
    const settled = await settleEarlierFixes(journal, target, FAST);
    expect(settled.map((fix) => fix.id)).to.deep.equal([done.id]);
    expect(listFixes(journal)[0].state).to.equal('done');
    expect(await fieldsOf('Contact')).to.include('Tier__c');
    // Settled once: the next compare --fix finds nothing open.
    expect(await settleEarlierFixes(journal, target, FAST)).to.deep.equal([]);
  });
});
