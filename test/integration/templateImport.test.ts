import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecuteResult } from '../../src/commands/isync/execute.js';
import type { TemplateImportResult } from '../../src/commands/isync/template/import.js';
import type { TemplateFile } from '../../src/lib/template/templateFile.js';
import { templateShapeProblems } from '../../src/lib/template/templateSchema.js';
import { queryOrg, startOrgPair, type OrgPair } from '../../harness/emulatedOrgs.js';
import { jsonOf, runPlugin } from '../../harness/runPlugin.js';
import { readBenchTemplate } from '../../scripts/bench/template.js';
import { sfdmuPlan } from '../../scripts/bench/tools/sfdmuPlan.js';

/**
 * `sf isync template import` through bin/run.js: the SFDMU export.json that the bench gives SFDMU, for the demo
 * data (the bench template's objects), imported, then run by `sf isync execute` between two emulated orgs.
 */
describe('sf isync template import against emulated orgs', function () {
  this.timeout(120_000);
  let pair: OrgPair;
  let folder: string;
  before(async () => {
    pair = await startOrgPair({ dataset: 'demo' }, { dataset: 'empty' });
    folder = mkdtempSync(join(tmpdir(), 'isync-template-import-'));
  });
  after(async () => {
    await pair.stop();
  });

  it('imports the bench’s export.json into a valid template that execute syncs: the target’s records equal the source’s', async () => {
    const exportJson = join(folder, 'export.json');
    writeFileSync(exportJson, JSON.stringify(sfdmuPlan(readBenchTemplate(), pair.source, pair.target), null, 2));
    const templateFile = join(folder, 'isync-template.json');
    const run = await runPlugin(['isync', 'template', 'import', '--from', exportJson, '-f', templateFile, '--json'], pair.env);
    expect(run.code, run.stdout + run.stderr).to.equal(0);
    const result = jsonOf<TemplateImportResult>(run).result;
    expect(result.notImported.map((note) => note.path)).to.deep.equal(['orgs', 'pollingIntervalMs', 'createTargetCSVFiles']);
    expect(run.stdout).to.not.contain(pair.source.accessToken);
    const written = JSON.parse(readFileSync(templateFile, 'utf8')) as TemplateFile;
    expect(written).to.deep.equal(result.template);
    expect(written.$schema).to.match(/schemas\/isync-template\.schema\.json$/);
    expect(await templateShapeProblems(written)).to.deep.equal([]);

    const execute = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', templateFile, '--json'], pair.env);
    const executed = jsonOf<ExecuteResult>(execute);
    expect(execute.code, execute.stdout + execute.stderr).to.equal(0);
    expect(executed.result.totals.failed).to.equal(0);
    expect(executed.result.totals.inserted).to.be.greaterThan(300);
    for (const object of written.objects) {
      if (object.name === 'Pricebook2') continue;
      const soql = `SELECT Id FROM ${object.name}${object.where ? ` WHERE ${object.where}` : ''}`;
      const [source, target] = await Promise.all([queryOrg(pair.source, soql), queryOrg(pair.target, soql)]);
      expect(target.length, object.name).to.equal(source.length);
    }
    // By a key, lookups included: each Contact's email, account and manager; each Account's parent.
    const keys = async (org: OrgPair['source'], soql: string, key: (r: Record<string, unknown>) => string): Promise<string[]> =>
      (await queryOrg(org, soql)).map(key).sort();
    const name = (parent: unknown): string =>
      String((parent as { Name?: string; Email?: string } | null)?.Name ?? (parent as { Email?: string } | null)?.Email);
    const contacts = 'SELECT Email, Title, Account.Name, ReportsTo.Email FROM Contact';
    const contactKey = (r: Record<string, unknown>): string => `${String(r.Email)}|${String(r.Title)}|${name(r.Account)}|${name(r.ReportsTo)}`;
    expect(await keys(pair.target, contacts, contactKey)).to.deep.equal(await keys(pair.source, contacts, contactKey));
    const accounts = 'SELECT Name, Industry, Parent.Name FROM Account';
    const accountKey = (r: Record<string, unknown>): string => `${String(r.Name)}|${String(r.Industry)}|${name(r.Parent)}`;
    expect(await keys(pair.target, accounts, accountKey)).to.deep.equal(await keys(pair.source, accounts, accountKey));
  });

  it('refuses bad input with exit code 1 and writes nothing', async () => {
    // The other refusals (missing file, not an export.json, a query that does not parse) are unit-tested.
    const from = join(folder, 'broken.json');
    writeFileSync(from, '{ "objects": [ { "query": "SELECT Id FROM Account" } ');
    const out = join(folder, 'out.json');
    const broken = await runPlugin(['isync', 'template', 'import', '--from', from, '--file', out, '--json'], pair.env);
    expect(broken.code).to.equal(1);
    expect(jsonOf(broken).name).to.equal('ExportNotJsonError');
    expect(jsonOf(broken).message).to.match(/line 1, column \d+/);
    expect(existsSync(out)).to.equal(false);
    const existing = join(folder, 'isync-template.json');
    const before = readFileSync(existing, 'utf8');
    const again = await runPlugin(['isync', 'template', 'import', '--from', join(folder, 'export.json'), '-f', existing, '--json'], pair.env);
    expect(again.code).to.equal(1);
    expect(jsonOf(again).name).to.equal('TemplateExistsError');
    expect(readFileSync(existing, 'utf8')).to.equal(before);
  });
});
