import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockTestOrgData, TestContext } from '@salesforce/core/testSetup';
import { expect } from 'chai';
import type { AnyJson } from '@salesforce/ts-types';
import { stubSfCommandUx } from '@salesforce/sf-plugins-core';
import Order from '../../../src/commands/isync/order.js';
import type { DescribeSObject } from '../../../src/lib/schema/describeTypes.js';
import { sampleSchema } from '../template/sampleSchema.js';

const API = ['--api-version', '62.0'];

describe('isync order', () => {
  const $$ = new TestContext();
  const sourceOrg = new MockTestOrgData();
  const targetOrg = new MockTestOrgData();
  let ux: ReturnType<typeof stubSfCommandUx>;
  let dir: string;
  let requests: string[];

  /** Answers describes and queries like the REST API would, from in-memory describes. */
  function serveOrg(describes: DescribeSObject[], queryErrors: Record<string, { errorCode: string; message: string }> = {}): void {
    $$.fakeConnectionRequest = (request: AnyJson): Promise<AnyJson> => {
      const url = typeof request === 'string' ? request : String((request as { url: string }).url);
      requests.push(url);
      const path = decodeURIComponent(new URL(url, 'https://example.my.salesforce.com').pathname);
      const query = new URL(url, 'https://example.my.salesforce.com').searchParams.get('q');
      if (query !== null) {
        const hit = Object.keys(queryErrors).find((fragment) => query.includes(fragment));
        if (hit)
          return Promise.reject(
            Object.assign(new Error(queryErrors[hit].message), { name: queryErrors[hit].errorCode, errorCode: queryErrors[hit].errorCode })
          );
        return Promise.resolve({ totalSize: 0, done: true, records: [] });
      }
      if (/\/sobjects\/?$/.test(path)) {
        return Promise.resolve({ encoding: 'UTF-8', maxBatchSize: 200, sobjects: describes.map(({ fields: _f, ...header }) => header) } as AnyJson);
      }
      const describe = /\/sobjects\/([^/]+)\/describe\/?$/.exec(path);
      const found = describe ? describes.find((d) => d.name === describe[1]) : undefined;
      if (found) return Promise.resolve(found as unknown as AnyJson);
      return Promise.reject(Object.assign(new Error('The requested resource does not exist'), { errorCode: 'NOT_FOUND' }));
    };
  }

  beforeEach(async () => {
    await $$.stubAuths(sourceOrg, targetOrg);
    $$.stubAliases({ src: sourceOrg.username, tgt: targetOrg.username });
    ux = stubSfCommandUx($$.SANDBOX);
    dir = await mkdtemp(join(tmpdir(), 'isync-order-'));
    requests = [];
    serveOrg(sampleSchema());
  });

  afterEach(async () => {
    $$.restore();
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the plan for --objects as a table and returns it', async () => {
    const result = await Order.run(['--source-org', 'src', '--objects', 'Contact,Account', ...API]);
    expect(result.sourceOrgId).to.equal(sourceOrg.orgId);
    expect(result.targetOrgId).to.equal(null);
    expect(result.templateFile).to.equal(null);
    expect(result.plan.steps.map((s) => s.object)).to.deep.equal(['Account', 'Contact']);
    expect(ux.styledHeader.firstCall.args[0]).to.equal('Migration order (2 objects, order computed)');
    expect(ux.table.firstCall.args[0].data).to.deep.equal([
      {
        step: 1,
        object: 'Account',
        operation: 'insert, update',
        match: 'key Ext_Id__c',
        deferred: 'Primary_Contact__c',
        levelByLevel: 'ParentId',
        references: 'OwnerId → User (Username | Email)',
        cycle: 'Account, Contact',
        reason: 'in a cycle with Contact: Primary_Contact__c filled by the update pass; ParentId loaded level by level, parents first',
      },
      {
        step: 2,
        object: 'Contact',
        operation: 'insert, update',
        match: 'key Name',
        deferred: '',
        levelByLevel: '',
        references: '',
        cycle: 'Account, Contact',
        reason: 'after Account (AccountId); in a cycle with Account',
      },
    ]);
    expect(requests.some((url) => url.includes('/v62.0/'))).to.equal(true);
  });

  it('plans a template file, with match-only objects', async () => {
    const file = join(dir, 'sync.json');
    await writeFile(
      file,
      JSON.stringify({
        objects: [
          { name: 'Invoice__c', matchBy: 'Id' },
          { name: 'Account', insert: false, update: false },
        ],
      })
    );
    const result = await Order.run(['--source-org', 'src', '--template', file, ...API]);
    expect(result.templateFile).to.equal(file);
    expect(ux.table.firstCall.args[0].data.map((row) => [row.object, row.operation, row.reason])).to.deep.equal([
      ['Account', 'match only', 'ParentId loaded level by level, parents first'],
      ['Invoice__c', 'insert, update', 'after Account (Account__c)'],
    ]);
  });

  it('fails with exit code 1 and every template problem, naming the file', async () => {
    const file = join(dir, 'sync.json');
    await writeFile(file, JSON.stringify({ objects: [{ name: 'Acount' }, { name: 'Contact', fields: ['Emial'] }] }));
    try {
      await Order.run(['--source-org', 'src', '--template', file, ...API]);
      expect.fail('expected an error');
    } catch (error) {
      const err = error as Error & { actions?: string[]; exitCode?: number };
      expect(err.exitCode).to.equal(1);
      expect(err.message).to.contain(`The sync template ${file} has 2 problem(s):`);
      expect(err.message).to.contain('- Acount: "Acount" is not an object of the source org. Did you mean "Account"?');
      expect(err.message).to.contain('- Contact › fields: "Emial" is not a field of Contact in the source org. Did you mean "Email"?');
    }
  });

  it('reports a where clause the source org rejects', async () => {
    serveOrg(sampleSchema(), { 'Nme =': { errorCode: 'INVALID_FIELD', message: "No such column 'Nme' on entity 'Account'." } });
    const file = join(dir, 'sync.json');
    await writeFile(file, JSON.stringify({ objects: [{ name: 'Account', where: "Nme = 'A'" }] }));
    try {
      await Order.run(['--source-org', 'src', '-t', file, ...API]);
      expect.fail('expected an error');
    } catch (error) {
      expect((error as Error & { exitCode?: number }).exitCode).to.equal(1);
      expect((error as Error).message).to.contain(
        `- objects[0] (Account).where: "Nme = 'A'" is not valid SOQL for Account in the source org: No such column 'Nme' on entity 'Account'. (INVALID_FIELD).`
      );
    }
  });

  it('refuses a --write folder before asking the orgs anything', async () => {
    try {
      await Order.run(['-s', 'src', '--objects', 'Account', '--write', dir, ...API]);
      expect.fail('expected an error');
    } catch (error) {
      const err = error as Error & { actions?: string[]; exitCode?: number; name: string };
      expect([err.name, err.exitCode, err.message]).to.deep.equal(['WriteIsFolderError', 1, `--write ${dir} is a folder: the template is written to a file.`]);
      expect(err.actions).to.deep.equal([`Pass --write the path of the file to write, for example --write ${join(dir, 'isync.json')}.`]);
    }
    expect(requests).to.deep.equal([]);
  });

  it('checks against the target org too, and writes the order with --write', async () => {
    const output = join(dir, 'planned.json');
    const result = await Order.run(['-s', 'src', '-o', 'tgt', '--objects', 'Contact,Account', '--write', output, ...API]);
    expect(result.targetOrgId).to.equal(targetOrg.orgId);
    expect(result.written).to.equal(output);
    const written = JSON.parse(await readFile(output, 'utf8')) as { order: string[] };
    expect(written.order).to.deep.equal(result.plan.steps.map((s) => s.object));
    expect(ux.log.args.flat()).to.include(`Wrote the template with its order to ${output}.`);
  });

  it('shows plan warnings', async () => {
    const schema = sampleSchema();
    schema[1].fields.push({
      ...schema[1].fields[0],
      name: 'Lead__c',
      type: 'reference',
      referenceTo: ['Lead'],
      createable: true,
      updateable: true,
      nillable: true,
    });
    serveOrg(schema);
    await Order.run(['-s', 'src', '--objects', 'Contact', ...API]);
    expect(ux.warn.args.flat().map(String).join('\n')).to.contain('Contact.Lead__c can point to Lead, which has no external id or name field');
  });

  it('requires exactly one of --template and --objects', async () => {
    try {
      await Order.run(['--source-org', 'src', ...API]);
      expect.fail('expected an error');
    } catch (error) {
      expect((error as Error).message).to.match(/Exactly one of the following must be provided: --objects, --template/);
    }
  });

  it('fails with an action when the alias is unknown', async () => {
    try {
      await Order.run(['--source-org', 'no-such-alias', '--objects', 'Account']);
      expect.fail('expected an error');
    } catch (error) {
      const err = error as Error & { actions?: string[]; exitCode?: number };
      expect(err.message).to.equal('No authenticated org found for "no-such-alias" (--source-org).');
      expect(err.actions?.join('\n')).to.contain('sf org list');
      // A refusal, not a malformed command line: resolved in run(), not in the flag's parse (exit 2 under sf).
      expect(err.exitCode).to.equal(1);
    }
  });

  it('requires --source-org (no silent default to the target org)', async () => {
    await $$.stubConfig({ 'target-org': sourceOrg.username });
    try {
      await Order.run(['--objects', 'Account']);
      expect.fail('expected an error');
    } catch (error) {
      expect((error as Error).message).to.match(/Missing required flag/i);
    }
  });
});
