import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ExecuteResult } from '../../src/commands/isync/execute.js';
import type { RollbackResult } from '../../src/commands/isync/rollback.js';
import type { ScanResult } from '../../src/commands/isync/scan.js';
import { queryOrg, startOrgPair, type OrgPair } from '../../harness/emulatedOrgs.js';
import { jsonOf, REPO_ROOT } from '../../harness/runPlugin.js';
import type { HistoryClient } from './historyScenario.js';

const EXAMPLE = join(REPO_ROOT, 'examples', 'transformations');
const TEMPLATE = join(EXAMPLE, 'template.json');
const SECRET = 'transformations-test-secret';

type Row = Record<string, unknown>;

/** Every file under a folder, as text. */
function filesUnder(folder: string): Array<{ path: string; text: string }> {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, text: readFileSync(path, 'utf8') }];
  });
}

/** The Account values the example template writes, computed here from the source row without the plugin. */
function expectedAccount(source: Row): Row {
  const employees = source.NumberOfEmployees as number;
  const sector = source.Industry === 'Manufacturing' ? 'Industry' : source.Industry === 'Energy' ? 'Utilities' : 'Other';
  return {
    Name: source.Name,
    Industry: source.Industry,
    NumberOfEmployees: employees,
    BillingCity: source.BillingCity,
    AccountNumber: null,
    Code__c: source.AccountNumber,
    Sector__c: sector,
    Region__c: 'EMEA',
    Label__c: `${String(source.Name).toUpperCase()} (${employees} staff)`,
    Size__c: employees > 1000 ? 'Large' : 'Small',
  };
}

/**
 * Issue 23 as a user runs it, with the example template (examples/transformations): a scan shows sample records
 * as they would be sent; the sync writes every value as the template transforms it (the expected values are
 * computed here, independently); masked values are fake, deterministic, and no source value of a masked field
 * reaches the journal root or the report; a re-run writes nothing; rollback empties the target.
 */
export function describeTransformations(title: string, clientOf: () => Promise<HistoryClient>): void {
  describe(title, function () {
    this.timeout(600_000);
    let pair: OrgPair;
    let env: NodeJS.ProcessEnv;
    let client: HistoryClient;
    const runPlugin = (argv: string[], runEnv: NodeJS.ProcessEnv): ReturnType<HistoryClient['run']> => client.run(argv, runEnv);
    const execute = (...extra: string[]): Promise<ReturnType<typeof jsonOf<ExecuteResult>>> =>
      runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', TEMPLATE, '--json', ...extra], env).then((run) => jsonOf<ExecuteResult>(run));

    before(async () => {
      client = await clientOf();
      pair = await startOrgPair({ dataset: 'demo' }, { dataset: 'empty', schema: join(EXAMPLE, 'target-schema.json') }, client.login);
      await client.ready?.(pair.env);
      env = { ...pair.env, SF_ISYNC_MASK_SECRET: SECRET };
    });
    after(async () => pair?.stop());

    it('writes every target value as the template transforms it, masks personal data everywhere, re-runs unchanged and rolls back', async () => {
      // Before anything is written: the first records of each object as they would be sent.
      const scan = jsonOf<ScanResult>(await runPlugin(['isync', 'scan', '-s', 'src', '-o', 'tgt', '-t', TEMPLATE, '--show-sample', '2', '--json'], env));
      expect(scan.status).to.equal(0);
      const samples = scan.result.samples ?? {};
      expect(samples.Account).to.have.length(2);
      for (const sample of samples.Account)
        expect(sample.values)
          .to.include({ Region__c: 'EMEA' })
          .and.to.have.property('Label__c')
          .that.matches(/ staff\)$/);
      expect(samples.Contact).to.have.length(2);
      for (const sample of samples.Contact) expect(sample.values.Email).to.match(/@example\.com$/);
      const shown = await runPlugin(['isync', 'scan', '-s', 'src', '-o', 'tgt', '-t', TEMPLATE, '--show-sample', '1'], env);
      expect(shown.stdout)
        .to.match(/Contact: 1 record\(s\) as they would be sent/)
        .and.match(/@example\.com/);

      const first = await execute();
      expect(first.status, JSON.stringify(first)).to.equal(0);
      const accountFields = 'Name, Industry, NumberOfEmployees, BillingCity, AccountNumber';
      const sourceAccounts = await queryOrg(pair.source, `SELECT ${accountFields} FROM Account`);
      const targetAccounts = await queryOrg(pair.target, `SELECT ${accountFields}, Code__c, Sector__c, Region__c, Label__c, Size__c FROM Account`);
      const byName = new Map(targetAccounts.map((row) => [row.Name, row]));
      expect(targetAccounts).to.have.length(sourceAccounts.length);
      for (const source of sourceAccounts) {
        const { attributes, ...target } = byName.get(source.Name) ?? {};
        expect(target, String(source.Name)).to.deep.equal(expectedAccount(source));
        void attributes;
      }

      const contactFields = 'FirstName, LastName, Email, Phone, Title, Description, Account.Name';
      const sourceContacts = await queryOrg(pair.source, `SELECT ${contactFields} FROM Contact`);
      const targetContacts = await queryOrg(pair.target, `SELECT ${contactFields} FROM Contact`);
      expect(targetContacts).to.have.length(sourceContacts.length);
      const secrets = sourceContacts.flatMap((row) => [row.LastName, row.Email, row.Phone]).filter((value): value is string => typeof value === 'string');
      for (const target of targetContacts) {
        expect(String(target.Email)).to.match(/@example\.com$/);
        if (target.Phone !== null)
          expect(target.Phone)
            .to.be.a('string')
            .and.match(/555-01\d\d$/);
        expect(secrets).to.not.include(target.LastName);
      }
      const phones = (rows: Row[]): number => rows.filter((row) => row.Phone !== null).length;
      expect(phones(targetContacts)).to.equal(phones(sourceContacts));
      // Description is computed from the parent's name (`Account.Name & ' / ' & Title`).
      expect(targetContacts.map((row) => row.Description).sort()).to.deep.equal(
        sourceContacts.map((row) => `${String((row.Account as Row).Name)} / ${String(row.Title)}`).sort()
      );
      // Unmasked fields and lookups are copied as they are.
      expect(targetContacts.map((row) => `${String(row.FirstName)}|${String(row.Title)}|${String((row.Account as Row).Name)}`).sort()).to.deep.equal(
        sourceContacts.map((row) => `${String(row.FirstName)}|${String(row.Title)}|${String((row.Account as Row).Name)}`).sort()
      );

      // Lead loads into Prospect__c, a target object of another name, its personal data masked.
      const leadFields = 'FirstName, LastName, Email, Phone, Company, Status, LeadSource';
      const sourceLeads = await queryOrg(pair.source, `SELECT ${leadFields} FROM Lead`);
      const prospects = await queryOrg(
        pair.target,
        'SELECT Name, First_Name__c, Last_Name__c, Email__c, Phone__c, Company__c, Status__c, Source__c FROM Prospect__c'
      );
      expect(prospects).to.have.length(sourceLeads.length).and.to.have.length.greaterThan(0);
      const expectedPlain = (row: Row): string =>
        `${String(row.FirstName)}|${row.Status === 'Open - Not Contacted' ? 'New' : 'Working'}|${String(row.LeadSource)}`;
      expect(prospects.map((row) => `${String(row.First_Name__c)}|${String(row.Status__c)}|${String(row.Source__c)}`).sort()).to.deep.equal(
        sourceLeads.map(expectedPlain).sort()
      );
      const leadSecrets = sourceLeads.flatMap((row) => [row.LastName, row.Email, row.Phone, row.Company, `${String(row.FirstName)} ${String(row.LastName)}`]);
      secrets.push(...leadSecrets.filter((value): value is string => typeof value === 'string'));
      for (const prospect of prospects) {
        expect(prospect.Email__c)
          .to.be.a('string')
          .and.match(/@example\.com$/);
        for (const field of ['Name', 'Last_Name__c', 'Company__c']) expect(leadSecrets, field).to.not.include(prospect[field]);
      }

      const again = await execute();
      expect(again.status).to.equal(0);
      for (const object of again.result.objects) expect(object, object.object).to.include({ inserted: 0, updated: 0 });

      // No source value of a masked field anywhere under the journal root (every run, the scans, the id maps), nor in the report.
      const report = await runPlugin(['isync', 'report', '--run-id', first.result.runId], env);
      expect(report.code, report.stderr).to.equal(0);
      const journalText =
        filesUnder(dirname(first.result.journalDir))
          .map((file) => file.text)
          .join('\n') +
        report.stdout +
        report.stderr;
      for (const value of secrets) expect(journalText.includes(value), `"${value}" is in the journal or report`).to.equal(false);

      const undo = jsonOf<RollbackResult>(await runPlugin(['isync', 'rollback', '--run-id', first.result.runId, '--json'], env));
      expect(undo.status, JSON.stringify(undo)).to.equal(0);
      expect(await queryOrg(pair.target, 'SELECT Id FROM Account')).to.have.length(0);
      expect(await queryOrg(pair.target, 'SELECT Id FROM Contact')).to.have.length(0);
      expect(await queryOrg(pair.target, 'SELECT Id FROM Prospect__c')).to.have.length(0);
    });
  });
}
