/**
 * The real `sf` CLI (@salesforce/cli, pinned) against an emulated org: login with a bare access token, then
 * the data and schema commands a user runs, each result checked against the emulator's in-process state.
 * The CLI runs in child processes with a sandbox HOME, so nothing touches the user's own auth files.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { EmulatedOrg } from '@sf-isync/org-emulator';
import { startOrg } from '@sf-isync/org-emulator';
import { sandboxEnv } from '../../harness/sandboxHome.js';
import { installSfCli, type SfCli } from './sfCli.js';

type Row = Record<string, unknown> & { Id: string };
type TreeRecord = Record<string, unknown> & { attributes: { type: string; referenceId: string } };

const ALIAS = 'emulated';

describe('clients: the sf CLI against the emulator', function () {
  this.timeout(300_000);
  let sf: SfCli;
  let emulated: EmulatedOrg;
  let env: ReturnType<typeof sandboxEnv>;
  let work: string;
  let login: { username: string; orgId: string };
  const org = (): string[] => ['--target-org', ALIAS];

  before(async () => {
    sf = await installSfCli();
    emulated = await startOrg({ dataset: 'demo', username: 'sf-cli@demo.emulator.isync.test' });
    env = sandboxEnv();
    work = mkdtempSync(join(tmpdir(), 'isync-sf-cli-'));
    // Every test needs the auth, so the login runs here; its result is asserted by the first test.
    login = await sf.json<{ username: string; orgId: string }>(
      ['org', 'login', 'access-token', '--instance-url', emulated.instanceUrl, '--no-prompt', '--alias', ALIAS],
      { ...env, SF_ACCESS_TOKEN: emulated.accessToken }
    );
  });

  after(async () => {
    await emulated?.stop();
    if (env) rmSync(env.HOME, { recursive: true, force: true });
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('org login access-token saves an auth for the emulated org', async () => {
    expect(login).to.include({ username: emulated.username, orgId: emulated.orgId });
    const display = await sf.json<{ username: string; id: string; connectedStatus: string }>(['org', 'display', ...org()], env);
    expect(display).to.include({ username: emulated.username, id: emulated.orgId, connectedStatus: 'Connected' });
  });

  it('data query returns the org rows with parent fields', async () => {
    const soql = 'SELECT Id, Name, ParentId, Parent.Name FROM Account WHERE ParentId != null';
    const result = await sf.json<{ records: Row[]; totalSize: number; done: boolean }>(['data', 'query', '--query', soql, ...org()], env);
    const expected = emulated.org.records('Account').filter((account) => account.ParentId);
    expect(result).to.include({ totalSize: expected.length, done: true });
    expect(result.records.map((row) => row.Id).sort()).to.deep.equal(expected.map((account) => account.Id).sort());
    for (const row of result.records) {
      const stored = emulated.org.get(row.Id);
      expect(row).to.include({ Name: stored?.Name, ParentId: stored?.ParentId });
      expect((row.Parent as { Name: string }).Name).to.equal(emulated.org.get(stored?.ParentId as string)?.Name);
    }
  });

  it('data query --result-format csv lays out the columns the org reports (columns=true)', async () => {
    const soql = "SELECT Name, Parent.Name FROM Account WHERE Name LIKE '%France%'";
    const outcome = await sf.run(['data', 'query', '--query', soql, '--result-format', 'csv', ...org()], env);
    expect(outcome.code, outcome.stderr).to.equal(0);
    const lines = outcome.stdout.trim().split('\n');
    expect(lines[0]).to.equal('Name,Parent.Name');
    const expected = emulated.org
      .records('Account')
      .filter((account) => String(account.Name).includes('France'))
      .map((account) => `${String(account.Name)},${String(emulated.org.get(account.ParentId as string)?.Name)}`);
    expect(lines.slice(1).sort()).to.deep.equal(expected.sort());
  });

  it('data create record inserts one record with typed values', async () => {
    const result = await sf.json<{ id: string; success: boolean }>(
      ['data', 'create', 'record', '--sobject', 'Account', '--values', "Name='Made By The CLI' Industry=Energy NumberOfEmployees=12", ...org()],
      env
    );
    expect(result.success).to.equal(true);
    expect(emulated.org.get(result.id)).to.include({ Name: 'Made By The CLI', Industry: 'Energy', NumberOfEmployees: 12 });
  });

  it('data import tree --plan inserts a hierarchy and resolves its references', async () => {
    // `<Object>Ref<n>` is the CLI's own reference convention (export tree writes it): only such references
    // to records of the same file are held back until their target exists; others reach the API verbatim.
    const accounts: TreeRecord[] = [
      { attributes: { type: 'Account', referenceId: 'AccountRef1' }, Name: 'Tree Top', Industry: 'Energy' },
      { attributes: { type: 'Account', referenceId: 'AccountRef2' }, Name: 'Tree Branch', ParentId: '@AccountRef1' },
    ];
    const contacts: TreeRecord[] = [
      { attributes: { type: 'Contact', referenceId: 'ContactRef1' }, LastName: 'Boss', AccountId: '@AccountRef1' },
      { attributes: { type: 'Contact', referenceId: 'ContactRef2' }, LastName: 'Clerk', AccountId: '@AccountRef2' },
    ];
    writeFileSync(join(work, 'Account.json'), JSON.stringify({ records: accounts }));
    writeFileSync(join(work, 'Contact.json'), JSON.stringify({ records: contacts }));
    const plan = [
      { sobject: 'Account', saveRefs: true, resolveRefs: true, files: ['Account.json'] },
      { sobject: 'Contact', saveRefs: true, resolveRefs: true, files: ['Contact.json'] },
    ];
    writeFileSync(join(work, 'plan.json'), JSON.stringify(plan));
    const result = await sf.json<Array<{ refId: string; type: string; id: string }>>(
      ['data', 'import', 'tree', '--plan', join(work, 'plan.json'), ...org()],
      env
    );
    const idOf = new Map(result.map((entry) => [entry.refId, entry.id]));
    expect([...idOf.keys()].sort()).to.deep.equal(['AccountRef1', 'AccountRef2', 'ContactRef1', 'ContactRef2']);
    expect(emulated.org.get(idOf.get('AccountRef2') as string)).to.include({ Name: 'Tree Branch', ParentId: idOf.get('AccountRef1') });
    expect(emulated.org.get(idOf.get('ContactRef1') as string)).to.include({ LastName: 'Boss', AccountId: idOf.get('AccountRef1') });
    expect(emulated.org.get(idOf.get('ContactRef2') as string)).to.include({ LastName: 'Clerk', AccountId: idOf.get('AccountRef2') });
  });

  it('data export tree --plan writes the org records with references between them', async () => {
    const outputDir = join(work, 'export');
    const family = emulated.org.records('Account').find((account) => !account.ParentId && String(account.Name).endsWith('#1'));
    expect(family, 'the demo dataset has a top account #1').to.not.equal(undefined);
    const accountQuery = `SELECT Id, Name, Industry FROM Account WHERE Id = '${family?.Id}'`;
    const contactQuery = `SELECT Id, LastName, Email, AccountId FROM Contact WHERE AccountId = '${family?.Id}'`;
    await sf.json(['data', 'export', 'tree', '--query', accountQuery, '--query', contactQuery, '--plan', '--output-dir', outputDir, ...org()], env);
    const files = readdirSync(outputDir);
    const read = (file: string): { records: TreeRecord[] } => JSON.parse(readFileSync(join(outputDir, file), 'utf8')) as { records: TreeRecord[] };
    const accountFile = files.find((file) => /Account/.test(file) && !/plan/.test(file)) as string;
    const contactFile = files.find((file) => /Contact/.test(file) && !/plan/.test(file)) as string;
    expect(files.some((file) => /plan\.json$/.test(file))).to.equal(true);
    const [exportedAccount] = read(accountFile).records;
    expect(exportedAccount).to.include({ Name: family?.Name, Industry: family?.Industry });
    const expectedContacts = emulated.org.records('Contact').filter((contact) => contact.AccountId === family?.Id);
    const exportedContacts = read(contactFile).records;
    expect(exportedContacts.map((contact) => contact.Email).sort()).to.deep.equal(expectedContacts.map((contact) => contact.Email).sort());
    for (const contact of exportedContacts) expect(contact.AccountId).to.equal(`@${exportedAccount.attributes.referenceId}`);
  });

  it('data export tree of accounts with a contacts subquery, imported by its plan into an empty org, copies them and their links', async () => {
    const target = await startOrg({ dataset: 'empty', username: 'sf-cli-target@empty.emulator.isync.test' });
    try {
      await sf.json(['org', 'login', 'access-token', '--instance-url', target.instanceUrl, '--no-prompt', '--alias', 'emulated-empty'], {
        ...env,
        SF_ACCESS_TOKEN: target.accessToken,
      });
      const outputDir = join(work, 'export-subquery');
      const soql = 'SELECT Name, (SELECT LastName FROM Contacts) FROM Account';
      await sf.json(['data', 'export', 'tree', '--query', soql, '--plan', '--output-dir', outputDir, ...org()], env);
      const planFile = readdirSync(outputDir).find((file) => file.endsWith('plan.json'));
      expect(planFile, 'export names the plan after the objects it holds').to.equal('Account-Contact-plan.json');
      await sf.json(['data', 'import', 'tree', '--plan', join(outputDir, planFile as string), '--target-org', 'emulated-empty'], env);
      // Every contact of the demo dataset (and those the tests above added) has an account, so all are exported.
      const contactsWithAccount = (of: EmulatedOrg): string[] =>
        of.org
          .records('Contact')
          .map((contact) => `${String(contact.LastName)} @ ${String(of.org.get(contact.AccountId as string)?.Name)}`)
          .sort();
      expect(target.org.count('Account')).to.equal(emulated.org.count('Account'));
      expect(target.org.count('Contact')).to.equal(emulated.org.count('Contact'));
      expect(contactsWithAccount(target)).to.deep.equal(contactsWithAccount(emulated));
    } finally {
      await target.stop();
    }
  });

  it('data upsert bulk creates and updates by external id, resolving a parent by its external id', async () => {
    const existing = emulated.org.records('Supplier__c').find((supplier) => supplier.Type__c === 'Headquarters') as Row;
    const csv = [
      'External_Id__c,Name,Tax_Number__c,Type__c,Category__c,Parent_Supplier__r.External_Id__c',
      `${String(existing.External_Id__c)},Renamed By Bulk,${String(existing.Tax_Number__c)},Headquarters,Components,`,
      'CLI-HQ-1,Bulk Head Office,TXCLI0001,Headquarters,Packaging,',
      `CLI-BR-1,Bulk Branch,TXCLI0002,Branch,Packaging,${String(existing.External_Id__c)}`,
    ].join('\n');
    writeFileSync(join(work, 'suppliers.csv'), `${csv}\n`);
    const before = emulated.org.count('Supplier__c');
    type UpsertResult = {
      jobInfo: { state: string; numberRecordsProcessed: number; numberRecordsFailed: number };
      records: { successfulResults: Array<Record<string, string>>; failedResults: unknown[] };
    };
    const result = await sf.json<UpsertResult>(
      ['data', 'upsert', 'bulk', '--sobject', 'Supplier__c', '--file', join(work, 'suppliers.csv'), '--external-id', 'External_Id__c', '--wait', '5', ...org()],
      env
    );
    expect(result.jobInfo).to.include({ state: 'JobComplete', numberRecordsProcessed: 3, numberRecordsFailed: 0 });
    expect(result.records.failedResults).to.deep.equal([]);
    const created = Object.fromEntries(result.records.successfulResults.map((row) => [row.External_Id__c, row.sf__Created]));
    expect(created).to.deep.equal({ [String(existing.External_Id__c)]: 'false', 'CLI-HQ-1': 'true', 'CLI-BR-1': 'true' });
    expect(emulated.org.count('Supplier__c')).to.equal(before + 2);
    expect(emulated.org.get(existing.Id)).to.include({ Name: 'Renamed By Bulk' });
    const byExternalId = (value: string): Row | undefined => emulated.org.records('Supplier__c').find((supplier) => supplier.External_Id__c === value);
    expect(byExternalId('CLI-HQ-1')).to.include({ Name: 'Bulk Head Office', Category__c: 'Packaging' });
    expect(byExternalId('CLI-BR-1')).to.include({ Name: 'Bulk Branch', Parent_Supplier__c: existing.Id });
  });

  it('sobject describe returns the emulated schema of a custom object', async () => {
    const result = await sf.json<{ name: string; custom: boolean; fields: Array<{ name: string; type: string; referenceTo: string[] }> }>(
      ['sobject', 'describe', '--sobject', 'Supplier__c', ...org()],
      env
    );
    const expected = emulated.org.source.describeObject('Supplier__c');
    expect(result).to.include({ name: 'Supplier__c', custom: true });
    expect(result.fields.map((field) => field.name).sort()).to.deep.equal(expected?.fields.map((field) => field.name).sort());
    expect(result.fields.find((field) => field.name === 'Parent_Supplier__c')).to.deep.include({ type: 'reference', referenceTo: ['Supplier__c'] });
  });
});
