/**
 * Describes prefetched through a real @salesforce/core Connection (jsforce) against emulated orgs: the same
 * describes and the same NOT_FOUND error as describes made one by one, for one API call; and the template
 * preparation of the benchmark's 20 objects in one call per org.
 */
import { readFile } from 'node:fs/promises';
import type { Connection } from '@salesforce/core';
import { SfError } from '@salesforce/core';
import { expect } from 'chai';
import { ConnectionDescribeSource } from '../../../src/lib/schema/connectionDescribeSource.js';
import { prepareSync } from '../../../src/lib/run/prepareSync.js';
import type { TemplateFile } from '../../../src/lib/template/templateFile.js';
import { useProcessSandboxHome } from '../../clients/processSandboxHome.js';
import { startOrg, type EmulatedOrg } from '@sf-isync/org-emulator';
import type { StatsSnapshot } from '@sf-isync/org-emulator';

type Requests = StatsSnapshot['requests'];

/** Requests by kind made between two snapshots. */
function requestsSince(before: Requests, after: Requests): Requests {
  const made: Requests = {};
  for (const [kind, count] of Object.entries(after) as Array<[keyof Requests, number]>) {
    const delta = count - (before[kind] ?? 0);
    if (delta > 0) made[kind] = delta;
  }
  return made;
}

describe('ConnectionDescribeSource.prefetch against emulated orgs (through jsforce)', function () {
  this.timeout(120_000);
  let source: EmulatedOrg;
  let target: EmulatedOrg;
  let restoreHome: () => void;

  async function connect(org: EmulatedOrg): Promise<Connection> {
    const core = await import('@salesforce/core');
    const { accessToken, instanceUrl } = org;
    const authInfo = await core.AuthInfo.create({ accessTokenOptions: { accessToken, instanceUrl, loginUrl: instanceUrl } });
    return core.Connection.create({ authInfo, connectionOptions: { version: '62.0' } });
  }

  before(async () => {
    restoreHome = useProcessSandboxHome().restore;
    source = await startOrg({ username: 'prefetch-source@describe.emulator.isync.test', dataset: 'bench', records: 100 });
    target = await startOrg({ username: 'prefetch-target@describe.emulator.isync.test', seed: 2 });
  });

  after(async () => {
    await Promise.all([source?.stop(), target?.stop()]);
    restoreHome?.();
  });

  it('returns the describes and the NOT_FOUND error of single describes, for one API call', async () => {
    const connection = await connect(source);
    const alone = new ConnectionDescribeSource(connection);
    const expected = {
      global: await alone.describeGlobal(),
      account: await alone.describe('Account'),
      contact: await alone.describe('Contact'),
      notFound: await alone.describe('Nope__c').then(
        () => expect.fail('expected NOT_FOUND'),
        (error: unknown) => error as Error & { errorCode: string; data: unknown }
      ),
    };

    const before = source.stats().requests;
    const prefetched = new ConnectionDescribeSource(connection);
    await prefetched.prefetch(['Account', 'contact', 'Nope__c']);
    expect(requestsSince(before, source.stats().requests)).to.deep.equal({ composite: 1 });

    expect(await prefetched.describeGlobal()).to.deep.equal(expected.global);
    expect(await prefetched.describe('Account')).to.deep.equal(expected.account);
    expect(await prefetched.describe('Contact')).to.deep.equal(expected.contact);
    const notFound = await prefetched.describe('Nope__c').then(
      () => expect.fail('expected NOT_FOUND'),
      (error: unknown) => error as Error & { errorCode: string; data: unknown }
    );
    expect(expected.notFound.errorCode).to.equal('NOT_FOUND');
    expect([notFound.name, notFound.message, notFound.errorCode, notFound.data]).to.deep.equal([
      expected.notFound.name,
      expected.notFound.message,
      expected.notFound.errorCode,
      expected.notFound.data,
    ]);
    expect(requestsSince(before, source.stats().requests)).to.deep.equal({ composite: 1 });
  });

  it("prepares the benchmark's 20-object template with one describe call per org", async () => {
    const file = JSON.parse(await readFile('scripts/bench/bench-template.json', 'utf8')) as TemplateFile;
    expect(file.objects).to.have.length(20);
    const [sourceConnection, targetConnection] = await Promise.all([connect(source), connect(target)]);
    const before = { source: source.stats().requests, target: target.stats().requests };
    const prepared = await prepareSync({
      file,
      source: new ConnectionDescribeSource(sourceConnection),
      target: new ConnectionDescribeSource(targetConnection),
      checkSoql: () => Promise.resolve({ ok: true }),
    });
    expect(prepared.template.objects).to.have.length(20);
    expect(requestsSince(before.source, source.stats().requests)).to.deep.equal({ composite: 1 });
    expect(requestsSince(before.target, target.stats().requests)).to.deep.equal({ composite: 1 });
  });

  it('still reports an unknown template object with a did-you-mean', async () => {
    const [sourceConnection, targetConnection] = await Promise.all([connect(source), connect(target)]);
    const before = source.stats().requests;
    const error = await prepareSync({
      file: { objects: [{ name: 'Acount' }, { name: 'Contact' }] },
      source: new ConnectionDescribeSource(sourceConnection),
      target: new ConnectionDescribeSource(targetConnection),
      checkSoql: () => Promise.resolve({ ok: true }),
    }).then(
      () => expect.fail('expected TemplateInvalid'),
      (e: unknown) => e as SfError
    );
    expect(error).to.be.instanceOf(SfError);
    expect(error.message).to.match(/Acount.*Did you mean "Account"\?/s);
    // The template's objects in one call; Account (the target of Contact.AccountId, outside the template) in a
    // second, as the planner needs its match key.
    expect(requestsSince(before, source.stats().requests)).to.deep.equal({ composite: 2 });
  });
});
