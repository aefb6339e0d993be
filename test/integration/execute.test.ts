import { expect } from 'chai';
import { mkdtempSync, readFileSync, statSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOrg } from '@sf-isync/org-emulator';
import type { ExecuteResult } from '../../src/commands/isync/execute.js';
import type { ScanResult } from '../../src/commands/isync/scan.js';
import { callOrg, queryOrg, startOrgPair, type OrgPair } from '../../harness/emulatedOrgs.js';
import { jsonOf, runPlugin, runTs } from '../../harness/runPlugin.js';
import { journalEvents, writeSchemaFile } from '../support/journalFiles.js';
import type { RecordEvent } from '../../src/lib/journal/events.js';

const TEMPLATE = 'examples/demo-template.json';

/** Records the target committed, whatever the API (collections, composite, bulk...). */
function recordsWritten(pair: OrgPair): number {
  return Object.values(pair.target.stats().recordsWritten).reduce((sum, count) => sum + count, 0);
}

async function execute(pair: OrgPair, ...extra: string[]): Promise<{ code: number; json: ReturnType<typeof jsonOf<ExecuteResult>> }> {
  const run = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', TEMPLATE, '--json', ...extra], pair.env);
  return { code: run.code, json: jsonOf<ExecuteResult>(run) };
}

describe('sf isync execute against emulated orgs (demo dataset into an empty org)', function () {
  this.timeout(240_000);
  let pair: OrgPair;

  before(async () => {
    pair = await startOrgPair();
  });
  after(async () => {
    await pair.stop();
  });

  it('scan and --dry-run write nothing and predict the inserts', async () => {
    const scan = await runPlugin(['isync', 'scan', '-s', 'src', '-o', 'tgt', '-t', TEMPLATE, '--json'], pair.env);
    expect(scan.code, scan.stdout + scan.stderr).to.equal(0);
    const scanned = jsonOf<ScanResult>(scan).result;
    expect(scanned.state).to.equal('scanned');
    expect(scanned.totals.inserted).to.be.greaterThan(300);
    const dry = await execute(pair, '--dry-run');
    expect(dry.code).to.equal(0);
    expect(dry.json.result.totals).to.deep.equal(scanned.totals);
    expect(recordsWritten(pair)).to.equal(0);
    expect(await queryOrg(pair.target, 'SELECT Id FROM Account')).to.have.length(0);
  });

  it('syncs the demo with every lookup remapped, then a re-run writes nothing', async () => {
    const first = await execute(pair);
    expect(first.code, JSON.stringify(first.json)).to.equal(0);
    expect(first.json.result.state).to.equal('synced');
    expect(first.json.result.totals.failed).to.equal(0);

    // Same records, by independent SOQL on both orgs.
    for (const object of [
      'Account',
      'Contact',
      'Opportunity',
      'OpportunityLineItem',
      'Supplier__c',
      'Team__c',
      'Warehouse__c',
      'Route__c',
      'Carrier__c',
      'Project_Assignment__c',
    ]) {
      const [source, target] = await Promise.all([queryOrg(pair.source, `SELECT Id FROM ${object}`), queryOrg(pair.target, `SELECT Id FROM ${object}`)]);
      expect(target.length, object).to.equal(source.length);
    }
    // Self-reference (hierarchy) and parent lookups: compared by names through relationship paths.
    const pairsOf = async (org: OrgPair['source'], soql: string, key: (r: Record<string, unknown>) => string): Promise<string[]> =>
      (await queryOrg(org, soql)).map(key).sort();
    const accountParents = 'SELECT Name, Parent.Name, RecordType.DeveloperName FROM Account';
    const accountKey = (r: Record<string, unknown>): string =>
      `${String(r.Name)}<${String((r.Parent as { Name?: string } | null)?.Name)}|${String((r.RecordType as { DeveloperName?: string } | null)?.DeveloperName)}`;
    expect(await pairsOf(pair.target, accountParents, accountKey)).to.deep.equal(await pairsOf(pair.source, accountParents, accountKey));
    const contacts = 'SELECT Email, Account.Name, ReportsTo.Email FROM Contact';
    const contactKey = (r: Record<string, unknown>): string =>
      `${String(r.Email)}<${String((r.Account as { Name?: string } | null)?.Name)}<${String((r.ReportsTo as { Email?: string } | null)?.Email)}`;
    expect(await pairsOf(pair.target, contacts, contactKey)).to.deep.equal(await pairsOf(pair.source, contacts, contactKey));
    // Cycles closed by the deferred pass: Team__c.Captain__c and Warehouse__c.Default_Route__c.
    const teams = 'SELECT Name, Captain__r.Name FROM Team__c';
    const teamKey = (r: Record<string, unknown>): string => `${String(r.Name)}<${String((r.Captain__r as { Name?: string } | null)?.Name)}`;
    const sourceTeams = await pairsOf(pair.source, teams, teamKey);
    expect(sourceTeams.some((t) => !t.endsWith('<undefined'))).to.equal(true);
    expect(await pairsOf(pair.target, teams, teamKey)).to.deep.equal(sourceTeams);
    const warehouses = 'SELECT Name, Default_Route__r.Name FROM Warehouse__c';
    const warehouseKey = (r: Record<string, unknown>): string => `${String(r.Name)}<${String((r.Default_Route__r as { Name?: string } | null)?.Name)}`;
    expect(await pairsOf(pair.target, warehouses, warehouseKey)).to.deep.equal(await pairsOf(pair.source, warehouses, warehouseKey));
    // Owners: demo owners do not exist in the target, so the running user owns every record (reported).
    const owners = await queryOrg(pair.target, 'SELECT OwnerId FROM Account');
    expect(new Set(owners.map((r) => r.OwnerId))).to.deep.equal(new Set([pair.target.userId]));
    expect(first.json.result.notes.some((n) => n.object === 'Account' && n.note.includes('OwnerId'))).to.equal(true);

    // The journal: owner-only files, no access token anywhere.
    const dir = first.json.result.journalDir;
    expect(statSync(dir).mode & 0o777).to.equal(0o700);
    for (const file of readdirSync(dir)) {
      expect(statSync(join(dir, file)).mode & 0o777, file).to.equal(0o600);
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text).to.not.contain(pair.source.accessToken).and.not.contain(pair.target.accessToken);
    }

    const before = recordsWritten(pair);
    const second = await execute(pair);
    expect(second.code).to.equal(0);
    expect(second.json.result.totals.inserted + second.json.result.totals.updated).to.equal(0);
    expect(second.json.result.totals.unchanged).to.equal(first.json.result.totals.inserted);
    expect(recordsWritten(pair)).to.equal(before);
  });

  it('updates only what changed in the source, and honours the insert and update toggles', async () => {
    const [account] = await queryOrg(pair.source, 'SELECT Id, Name FROM Account WHERE ParentId = null ORDER BY Name LIMIT 1');
    const name = String(account.Name).replace(/'/g, "\\'");
    // Toggles off: a changed Account is skipped, a new one is not inserted.
    const template = JSON.parse(readFileSync(TEMPLATE, 'utf8')) as { objects: Array<{ name: string; insert?: boolean; update?: boolean }> };
    template.objects.find((o) => o.name === 'Account')!.update = false;
    template.objects.find((o) => o.name === 'Account')!.insert = false;
    const toggled = join(mkdtempSync(join(tmpdir(), 'isync-template-')), 'template.json');
    writeFileSync(toggled, JSON.stringify({ ...template, $schema: undefined }));
    await callOrg(pair.source, 'PATCH', `/sobjects/Account/${String(account.Id)}`, { Description: 'Changed in the source' });
    await callOrg(pair.source, 'POST', '/sobjects/Account', { Name: 'Brand New Account' });
    const off = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', toggled, '--json'], pair.env);
    const offResult = jsonOf<ExecuteResult>(off).result;
    expect(offResult.objects.find((o) => o.object === 'Account')).to.include({ inserted: 0, updated: 0, skipped: 2 });
    expect(await queryOrg(pair.target, "SELECT Id FROM Account WHERE Name = 'Brand New Account'")).to.have.length(0);

    const updated = await execute(pair);
    expect(updated.code).to.equal(0);
    expect(updated.json.result.objects.find((o) => o.object === 'Account')).to.include({ inserted: 1, updated: 1 });
    const [target] = await queryOrg(pair.target, `SELECT Description FROM Account WHERE Name = '${name}'`);
    expect(target.Description).to.equal('Changed in the source');
  });

  it('counts and journals per-record failures while the rest succeed, and exits 68', async () => {
    // A supplier whose unique tax number is already taken in the target by another record: DUPLICATE_VALUE.
    const [supplier] = await queryOrg(pair.source, 'SELECT Id, Tax_Number__c FROM Supplier__c WHERE Tax_Number__c != null LIMIT 1');
    const taken = `TAKEN-${Date.now() % 100000}`;
    await callOrg(pair.source, 'PATCH', `/sobjects/Supplier__c/${String(supplier.Id)}`, { Tax_Number__c: taken });
    await callOrg(pair.target, 'POST', '/sobjects/Supplier__c', { Name: 'Squatter', External_Id__c: 'SQUAT-1', Tax_Number__c: taken });
    const run = await execute(pair);
    expect(run.code).to.equal(68);
    expect(run.json.status).to.equal(68);
    expect(run.json.result.state).to.equal('synced_with_errors');
    expect(run.json.result.failures).to.deep.include({ object: 'Supplier__c', code: 'DUPLICATE_VALUE', count: 1 });
    const failed = journalEvents(run.json.result.journalDir).filter((e) => e.type === 'record' && !e.ok) as RecordEvent[];
    expect(failed).to.have.length(1);
    expect(failed[0].error?.statusCode).to.equal('DUPLICATE_VALUE');
    expect(failed[0].sourceId?.slice(0, 15)).to.equal(String(supplier.Id).slice(0, 15));
  });

  it('refuses bad input before writing: same org, unknown alias, production target', async () => {
    const same = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'src', '--objects', 'Account', '--json'], pair.env);
    expect(same.code).to.equal(1);
    expect(jsonOf(same).message).to.contain('same org');
    const unknown = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'nope', '--objects', 'Account', '--json'], pair.env);
    expect(unknown.code).to.equal(1);
    expect(jsonOf(unknown).message).to.contain('No authenticated org found for "nope"');

    const production = await startOrg({ username: 'admin@production.isync.test', edition: 'production', seed: 3 });
    try {
      await runTs('harness/loginEmulatedOrg.ts', ['prod', production.instanceUrl, production.accessToken], pair.env);
      const refused = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'prod', '--objects', 'Account', '--json'], pair.env);
      expect(refused.code).to.equal(1);
      expect(jsonOf(refused).name).to.equal('ProductionTargetError');
      expect(jsonOf(refused).actions?.join(' ')).to.contain('--confirm-production');
      expect(await queryOrg(production, 'SELECT Id FROM Account')).to.have.length(0);
      const confirmed = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'prod', '--objects', 'Account', '--confirm-production', '--json'], pair.env);
      expect(confirmed.code, confirmed.stdout).to.equal(0);
      expect((await queryOrg(production, 'SELECT Id FROM Account')).length).to.be.greaterThan(0);
    } finally {
      await production.stop();
    }
  });
});

describe('sf isync execute with a target whose rules differ (validation rule, required field)', function () {
  this.timeout(240_000);
  let pair: OrgPair;

  before(async () => {
    const schemaFile = writeSchemaFile({
      changeFields: { 'Account.Industry': { required: true } },
      addValidationRules: {
        Contact: [{ name: 'Phone_Required', errorCondition: 'Phone = null', errorMessage: 'A contact needs a phone in this org', errorDisplayField: 'Phone' }],
      },
    });
    pair = await startOrgPair({ dataset: 'empty' }, { dataset: 'empty', schema: schemaFile });
    const good = (await callOrg(pair.source, 'POST', '/sobjects/Account', { Name: 'Good Industries', Industry: 'Energy' })) as { id: string };
    await callOrg(pair.source, 'POST', '/sobjects/Account', { Name: 'No Industry Ltd' });
    await callOrg(pair.source, 'POST', '/sobjects/Contact', { LastName: 'Phoneless', Email: 'phoneless@example.com', AccountId: good.id });
    await callOrg(pair.source, 'POST', '/sobjects/Contact', { LastName: 'Reachable', Email: 'reachable@example.com', Phone: '555-0100', AccountId: good.id });
  });
  after(async () => {
    await pair.stop();
  });

  it('journals REQUIRED_FIELD_MISSING and FIELD_CUSTOM_VALIDATION_EXCEPTION per record; the rest is synced; exit 68', async () => {
    const run = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '--objects', 'Account,Contact', '--json'], pair.env);
    expect(run.code, run.stdout).to.equal(68);
    const result = jsonOf<ExecuteResult>(run).result;
    expect(result.failures).to.have.deep.members([
      { object: 'Account', code: 'REQUIRED_FIELD_MISSING', count: 1 },
      { object: 'Contact', code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', count: 1 },
    ]);
    expect((await queryOrg(pair.target, 'SELECT Name FROM Account')).map((r) => r.Name)).to.deep.equal(['Good Industries']);
    expect((await queryOrg(pair.target, 'SELECT LastName FROM Contact')).map((r) => r.LastName)).to.deep.equal(['Reachable']);
    const failed = journalEvents(result.journalDir).filter((e) => e.type === 'record' && !e.ok) as RecordEvent[];
    expect(failed.map((e) => e.error?.statusCode).sort()).to.deep.equal(['FIELD_CUSTOM_VALIDATION_EXCEPTION', 'REQUIRED_FIELD_MISSING']);
    const validation = failed.find((e) => e.error?.statusCode === 'FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect(validation?.error?.message).to.equal('A contact needs a phone in this org');
    expect(validation?.values?.LastName).to.equal('Phoneless');
  });

  it('--stop-on-error stops the run at the first failure and exits 1', async () => {
    await callOrg(pair.source, 'POST', '/sobjects/Account', { Name: 'Another Without Industry' });
    const run = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '--objects', 'Account,Contact', '--stop-on-error', '--json'], pair.env);
    expect(run.code, run.stdout).to.equal(1);
    const json = jsonOf<ExecuteResult>(run);
    expect(json.result.state).to.equal('failed');
    expect(json.result.stateReason).to.contain('--stop-on-error');
  });
});

describe('pre-flight: a target whose metadata differs', function () {
  this.timeout(240_000);
  let pair: OrgPair;

  before(async () => {
    const schemaFile = writeSchemaFile({
      removeRecordTypes: { Account: ['Partner'] },
      removePicklistValues: { 'Supplier__c.Type__c': ['Independent'] },
      changeFields: { 'Supplier__c.Tax_Number__c': { spec: { kind: 'date' } } },
    });
    pair = await startOrgPair({ dataset: 'demo' }, { dataset: 'empty', schema: schemaFile });
  });
  after(async () => {
    await pair.stop();
  });

  it('lists blocking problems (missing record type, incompatible type) and writes nothing, exit 1', async () => {
    const run = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '--objects', 'Account,Supplier__c', '--json'], pair.env);
    expect(run.code).to.equal(1);
    const json = jsonOf<unknown>(run);
    expect(json.name).to.equal('PreflightFailedError');
    expect(json.message).to.contain('Record type Partner of Account exists in the source but not in the target.');
    expect(json.message).to.contain('Supplier__c.Tax_Number__c is string in the source and date in the target.');
    expect(json.message).to.not.contain('Independent'); // a warning, not a blocker
    expect(recordsWritten(pair)).to.equal(0);
  });

  it('scan reports every mismatch, blocking or not, without failing', async () => {
    const run = await runPlugin(['isync', 'scan', '-s', 'src', '-o', 'tgt', '--objects', 'Account,Supplier__c', '--json'], pair.env);
    const json = jsonOf<ScanResult>(run);
    expect(json.status, run.stdout).to.equal(0);
    const problems = json.result.preflight.map((p) => `${p.blocking ? 'B' : 'W'} ${p.object}.${p.field ?? ''}`);
    expect(problems).to.include.members(['B Account.RecordTypeId', 'B Supplier__c.Tax_Number__c', 'W Supplier__c.Type__c']);
    expect(json.result.warnings.join('\n')).to.contain('Supplier__c.Type__c is a restricted picklist in the target without the value(s) "Independent"');
  });
});
