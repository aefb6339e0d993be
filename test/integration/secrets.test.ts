import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecuteResult } from '../../src/commands/isync/execute.js';
import type { ReportResult } from '../../src/commands/isync/report.js';
import type { RollbackResult } from '../../src/commands/isync/rollback.js';
import type { RecordEvent } from '../../src/lib/journal/events.js';
import { callOrg, queryOrg, startOrgPair, type OrgPair } from '../../harness/emulatedOrgs.js';
import { jsonOf, runPlugin, type PluginRun } from '../../harness/runPlugin.js';

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));
}

/** What of an access token must never be written: the whole token, and its session part (after "00D...!"). */
function secretsOf(pair: OrgPair): string[] {
  return [pair.source.accessToken, pair.target.accessToken].flatMap((token) => [token, token.slice(token.indexOf('!') + 1)]);
}

const SYNC = ['-s', 'src', '-o', 'tgt', '--objects', 'Account,Contact'];

describe('security: no secret in anything a run writes, owner-only files, rollback deletes only what the run created', function () {
  this.timeout(300_000);
  let pair: OrgPair;
  let errorsDir: string;
  const outputs: Array<{ command: string; run: PluginRun }> = [];
  let runId: string;
  let created: Set<string>;
  let preexisting: string;
  let addedLater: string;

  async function plugin(...args: string[]): Promise<PluginRun> {
    const run = await runPlugin(args, pair.env);
    outputs.push({ command: args.join(' '), run });
    return run;
  }

  before(async () => {
    // Accounts without an Industry fail in this target (and their contacts with them), so the run has
    // failures to journal, report and export.
    const scratch = mkdtempSync(join(tmpdir(), 'isync-secrets-'));
    const schemaFile = join(scratch, 'target.json');
    writeFileSync(schemaFile, JSON.stringify({ changeFields: { 'Account.Industry': { required: true } } }));
    errorsDir = join(scratch, 'errors');
    pair = await startOrgPair({ dataset: 'empty' }, { dataset: 'empty', schema: schemaFile });
    const fine = (await callOrg(pair.source, 'POST', '/sobjects/Account', { Name: 'Fine Corp', Industry: 'Energy' })) as { id: string };
    const broken = (await callOrg(pair.source, 'POST', '/sobjects/Account', { Name: 'Broken Corp' })) as { id: string };
    await callOrg(pair.source, 'POST', '/sobjects/Account', { Name: 'Existing Co', Industry: 'Retail', Phone: '555-0199' });
    await callOrg(pair.source, 'POST', '/sobjects/Contact', { LastName: 'Under Fine', Email: 'fine@example.com', AccountId: fine.id });
    await callOrg(pair.source, 'POST', '/sobjects/Contact', { LastName: 'Under Broken', Email: 'broken@example.com', AccountId: broken.id });
    // A record the target had before the run: the run updates it, so a rollback restores it and never deletes it.
    preexisting = ((await callOrg(pair.target, 'POST', '/sobjects/Account', { Name: 'Existing Co', Industry: 'Retail' })) as { id: string }).id;

    const execute = await plugin('isync', 'execute', ...SYNC, '--json');
    expect(execute.code, execute.stdout).to.equal(68);
    runId = jsonOf<ExecuteResult>(execute).result.runId;
    const journalDir = jsonOf<ExecuteResult>(execute).result.journalDir;
    created = new Set(
      readFileSync(join(journalDir, 'events.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as RecordEvent)
        .filter((event) => event.type === 'record' && event.ok && event.created && event.targetId)
        .map((event) => event.targetId!)
    );
    expect(created.size, 'records the run created').to.equal(2); // Fine Corp and its contact

    const report = await plugin('isync', 'report', '--run-id', runId, '--errors-dir', errorsDir, '--json');
    expect(report.code, report.stdout).to.equal(0);
    expect(jsonOf<ReportResult>(report).result.errorFiles).to.have.length(2);
    await plugin('isync', 'report', '--run-id', runId);
    const retry = await plugin('isync', 'retry', '--run-id', runId, '--json');
    expect(retry.code, retry.stdout).to.equal(68);
    await plugin('isync', 'runs');
    await plugin('isync', 'rollback', '--run-id', runId, '--dry-run');

    // Someone adds a record to the target after the run: not the run's, so the rollback leaves it alone.
    addedLater = ((await callOrg(pair.target, 'POST', '/sobjects/Account', { Name: 'Added Later', Industry: 'Energy' })) as { id: string }).id;
    const rollback = await plugin('isync', 'rollback', '--run-id', runId, '--json');
    expect(rollback.code, rollback.stdout).to.equal(0);
    expect(jsonOf<RollbackResult>(rollback).result.totals).to.include({ deleted: 2, restored: 1, failed: 0 });
    // Errors print too: an error output must not leak either.
    const again = await plugin('isync', 'rollback', '--run-id', runId);
    expect(again.code).to.equal(1);
    await plugin('isync', 'execute', '-s', 'src', '-o', 'nope', '--objects', 'Account', '--json');
  });

  after(async () => {
    await pair?.stop();
  });

  it('writes no access token, nor its session part, to any file of the sandboxed home, the error files or any output', () => {
    // The sandboxed HOME holds the journals (SF_ISYNC_JOURNAL_DIR), sf's logs and sf's auth files, whose
    // tokens sf keeps encrypted.
    const files = [...filesUnder(pair.env.HOME), ...filesUnder(errorsDir)];
    expect(files.some((file) => file.endsWith('events.jsonl'))).to.equal(true);
    expect(files.some((file) => file.endsWith('.csv'))).to.equal(true);
    for (const secret of secretsOf(pair)) {
      for (const file of files) expect(readFileSync(file, 'latin1').includes(secret), `${secret} in ${file}`).to.equal(false);
      for (const { command, run } of outputs) {
        expect(run.stdout.includes(secret), `${secret} in the stdout of ${command}`).to.equal(false);
        expect(run.stderr.includes(secret), `${secret} in the stderr of ${command}`).to.equal(false);
      }
    }
  });

  it('creates journal folders 0700 and journal, id map and error files 0600', () => {
    const root = pair.env.SF_ISYNC_JOURNAL_DIR!;
    expect(statSync(root).mode & 0o777, root).to.equal(0o700);
    const entries = readdirSync(root, { recursive: true }).map((name) => join(root, String(name)));
    expect(entries.filter((path) => path.endsWith('events.jsonl'))).to.have.length.at.least(1);
    for (const path of entries) expect(statSync(path).mode & 0o777, path).to.equal(statSync(path).isDirectory() ? 0o700 : 0o600);
    const csvs = readdirSync(errorsDir);
    expect(csvs).to.have.length(2);
    for (const csv of csvs) expect(statSync(join(errorsDir, csv)).mode & 0o777, csv).to.equal(0o600);
  });

  it('rolls back by deleting only the records the journal says the run created', async () => {
    const accounts = await queryOrg(pair.target, 'SELECT Id, Name, Phone FROM Account ORDER BY Name');
    expect(accounts.map((a) => a.Name)).to.deep.equal(['Added Later', 'Existing Co']);
    expect(accounts.map((a) => a.Id)).to.have.members([preexisting, addedLater]);
    expect(accounts.find((a) => a.Id === preexisting)?.Phone, 'the update is undone').to.equal(null);
    expect(await queryOrg(pair.target, 'SELECT Id FROM Contact')).to.have.length(0);
    expect([...created]).to.not.include.members([preexisting]);
  });
});
