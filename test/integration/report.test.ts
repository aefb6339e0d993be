import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { ExecuteResult } from '../../src/commands/isync/execute.js';
import type { ReportResult } from '../../src/commands/isync/report.js';
import type { RunsResult } from '../../src/commands/isync/runs.js';
import { callOrg, startOrgPair, type OrgPair } from '../../harness/emulatedOrgs.js';
import { jsonOf, runPlugin } from '../../harness/runPlugin.js';
import { journalEvents, writeSchemaFile } from '../support/journalFiles.js';

type Failure = {
  object: string;
  sourceId: string;
  targetId: string | null;
  operation: string;
  code: string;
  message: string;
  fields: string[];
  values: Record<string, unknown>;
};

/** The journal's failed records, read independently of the report code: write failures and pre-write failures. */
function journalFailures(journalDir: string): Failure[] {
  const events = journalEvents(journalDir);
  const failures: Failure[] = [];
  for (const event of events) {
    if (event.type === 'record' && !event.ok) {
      failures.push({
        object: event.object,
        sourceId: event.sourceId,
        targetId: event.targetId,
        operation: event.operation,
        code: event.error!.statusCode,
        message: event.error!.message,
        fields: event.error!.fields,
        values: event.values ?? {},
      });
    }
    if (event.type === 'outcome' && event.kind === 'failed') {
      failures.push({
        object: event.object,
        sourceId: event.sourceId,
        targetId: event.targetId,
        operation: 'none',
        code: event.error!.statusCode,
        message: event.error!.message,
        fields: event.error!.fields,
        values: event.values ?? {},
      });
    }
  }
  return failures;
}

describe('sf isync report and runs against emulated orgs (a run with failures)', function () {
  this.timeout(240_000);
  let pair: OrgPair;
  let run: ExecuteResult;

  before(async () => {
    const schemaFile = writeSchemaFile({
      changeFields: { 'Account.Industry': { required: true } },
      addValidationRules: {
        Contact: [{ name: 'Phone_Required', errorCondition: 'Phone = null', errorMessage: 'A contact needs a phone, "always"', errorDisplayField: 'Phone' }],
      },
    });
    pair = await startOrgPair({ dataset: 'empty' }, { dataset: 'empty', schema: schemaFile });
    const good = (await callOrg(pair.source, 'POST', '/sobjects/Account', { Name: 'Good Industries', Industry: 'Energy' })) as { id: string };
    await callOrg(pair.source, 'POST', '/sobjects/Account', { Name: 'No Industry, Ltd', Description: 'Line one\nline two' });
    await callOrg(pair.source, 'POST', '/sobjects/Account', { Name: 'Twice Corp', Industry: 'Energy' });
    // Two target accounts match "Twice Corp": the run refuses to guess (a failure decided before any write).
    await callOrg(pair.target, 'POST', '/sobjects/Account', { Name: 'Twice Corp', Industry: 'Energy' });
    await callOrg(pair.target, 'POST', '/sobjects/Account', { Name: 'Twice Corp', Industry: 'Retail' });
    for (const name of ['Phoneless', 'Silent', 'Mute']) {
      await callOrg(pair.source, 'POST', '/sobjects/Contact', { LastName: name, Email: `${name.toLowerCase()}@example.com`, AccountId: good.id });
    }
    await callOrg(pair.source, 'POST', '/sobjects/Contact', { LastName: 'Reachable', Email: 'reachable@example.com', Phone: '555-0100', AccountId: good.id });
    const execute = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '--objects', 'Account,Contact', '--json'], pair.env);
    expect(execute.code, execute.stdout).to.equal(68);
    run = jsonOf<ExecuteResult>(execute).result;
  });
  after(async () => {
    await pair.stop();
  });

  it('reports the newest run by default: counts as the run summary, failures grouped by object and code', async () => {
    const human = await runPlugin(['isync', 'report'], pair.env);
    expect(human.code, human.stderr).to.equal(0);
    expect(human.stdout).to.contain(`Reporting the newest run, ${run.runId}.`);
    expect(human.stdout).to.contain('FIELD_CUSTOM_VALIDATION_EXCEPTION');

    const report = jsonOf<ReportResult>(await runPlugin(['isync', 'report', '--json'], pair.env)).result;
    expect(report).to.include({ runId: run.runId, state: 'synced_with_errors' });
    expect(report.totals).to.deep.equal(run.totals);
    expect(
      report.objects.map(({ object, inserted, updated, unchanged, skipped, failed }) => ({ object, inserted, updated, unchanged, skipped, failed }))
    ).to.deep.equal(
      run.objects.map(({ object, inserted, updated, unchanged, skipped, failed }) => ({ object, inserted, updated, unchanged, skipped, failed }))
    );
    const failures = journalFailures(report.journalDir);
    expect(report.failures.map(({ object, errorCode, count }) => ({ object, errorCode, count }))).to.deep.equal([
      { object: 'Account', errorCode: 'ISYNC_AMBIGUOUS_MATCH', count: 1 },
      { object: 'Account', errorCode: 'REQUIRED_FIELD_MISSING', count: 1 },
      { object: 'Contact', errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', count: 3 },
    ]);
    const contacts = report.failures.find((group) => group.object === 'Contact')!;
    expect(contacts.sampleMessage).to.equal('A contact needs a phone, "always"');
    expect([...contacts.sourceIds].sort()).to.deep.equal(
      failures
        .filter((f) => f.object === 'Contact')
        .map((f) => f.sourceId)
        .sort()
    );
  });

  it('--errors-dir writes one CSV per object whose rows match the journal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'isync-errors-'));
    const report = jsonOf<ReportResult>(await runPlugin(['isync', 'report', '--run-id', run.runId, '--errors-dir', dir, '--json'], pair.env)).result;
    const files = readdirSync(dir).sort();
    expect(files).to.have.length(2);
    expect(files[0]).to.match(/^errors_Account_\d{8}T\d{6}Z\.csv$/);
    expect(files[1]).to.match(/^errors_Contact_\d{8}T\d{6}Z\.csv$/);
    expect(report.errorFiles.map((file) => file.rows)).to.deep.equal([2, 3]);
    const expected = journalFailures(report.journalDir);
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text.charCodeAt(0), 'UTF-8 byte order mark').to.equal(0xfeff);
      const rows = parse<Record<string, string>>(text, { bom: true, columns: true });
      const object = file.split('_')[1];
      const journal = expected.filter((failure) => failure.object === object);
      expect(rows).to.have.length(journal.length);
      for (const failure of journal) {
        const row = rows.find((candidate) => candidate['Source Id'] === failure.sourceId)!;
        expect(row, failure.sourceId).to.not.equal(undefined);
        expect(row).to.include({
          'Target Id': failure.targetId ?? '',
          Operation: failure.operation,
          'Error Code': failure.code,
          'Error Message': failure.message,
          'Error Fields': failure.fields.join(';'),
        });
        for (const [field, value] of Object.entries(failure.values)) {
          expect(row[field], `${object}.${field}`).to.equal(value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value));
        }
      }
    }
  });

  it('runs (and report --list) lists the run history, newest first, with state and totals', async () => {
    const scan = await runPlugin(['isync', 'scan', '-s', 'src', '-o', 'tgt', '--objects', 'Account', '--json'], pair.env);
    expect(scan.code, scan.stdout).to.equal(0);
    const runs = jsonOf<RunsResult>(await runPlugin(['isync', 'runs', '--json'], pair.env)).result;
    expect(runs.map((entry) => entry.command)).to.deep.equal(['scan', 'execute']);
    expect(runs[1]).to.include({ runId: run.runId, state: 'synced_with_errors' });
    expect(runs[1].totals).to.deep.equal(run.totals);
    const listed = jsonOf<RunsResult>(await runPlugin(['isync', 'report', '--list', '--json'], pair.env)).result;
    expect(listed).to.deep.equal(runs);
  });

  it('names an unknown run and says how to find one', async () => {
    const unknown = jsonOf(await runPlugin(['isync', 'report', '--run-id', '20200101T000000Z-abcdef', '--json'], pair.env));
    expect(unknown.name).to.equal('RunNotFoundError');
    expect(unknown.actions?.join(' ')).to.contain('sf isync runs');
  });
});
