import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { TemplateGenerateResult } from '../../src/commands/isync/template/generate.js';
import type { SyncCommandResult } from '../../src/commandSupport/syncFromFlags.js';
import { templateShapeProblems } from '../../src/lib/template/templateSchema.js';
import { queryOrg, startOrgPair, type OrgPair } from '../../harness/emulatedOrgs.js';
import { jsonOf, runPlugin } from '../../harness/runPlugin.js';

/**
 * `sf isync template generate` as a user runs it against the emulated demo org, and the acceptance of the
 * feature: the template it generates for Account with three child levels is one `sf isync execute` runs into
 * an empty org.
 */
describe('sf isync template generate against the emulated demo org', function () {
  this.timeout(120_000);
  let pair: OrgPair;
  before(async () => {
    pair = await startOrgPair({ dataset: 'demo' }, { dataset: 'empty' });
  });
  after(async () => {
    await pair?.stop();
  });

  it('generates Account --children 3, a valid template that execute runs into an empty org, bringing every record', async () => {
    const file = join(pair.env.HOME, 'generated.json');
    const generate = await runPlugin(['isync', 'template', 'generate', '-s', 'src', '--objects', 'Account', '--children', '3', '-f', file, '--json'], pair.env);
    expect(generate.code, generate.stdout + generate.stderr).to.equal(0);
    const result = jsonOf<TemplateGenerateResult>(generate).result;
    const written = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    expect(written).to.deep.equal(result.template);
    // The template validator (templateValidator.generated.ts) as the product loads it.
    expect(await templateShapeProblems(written)).to.deep.equal([]);
    expect(result.template.$schema).to.match(/schemas\/isync-template\.schema\.json$/);

    const objects = result.objects.map((object) => object.name);
    expect(objects).to.have.members([
      'Account',
      'Contact',
      'Opportunity',
      'Case',
      'Supplier__c',
      'Project__c',
      'Project_Assignment__c',
      'OpportunityLineItem',
      'Shipment__c',
      'Project_Task__c',
      'Team_Member__c',
      'Team__c',
    ]);
    expect(result.objects.every((object) => object.why.length > 0 && object.matchBy.length > 0)).to.equal(true);
    expect(result.notAdded.map((object) => object.name)).to.have.members(['Lead', 'Task']);

    const execute = await runPlugin(['isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', file, '--json'], pair.env);
    expect(execute.code, execute.stdout.slice(-4000) + execute.stderr).to.equal(0);
    const run = jsonOf<SyncCommandResult>(execute).result;
    expect(run.state).to.equal('synced');

    for (const object of result.objects) {
      const key = object.match === 'key' ? object.matchBy : 'Id';
      const [source, target] = await Promise.all([
        queryOrg(pair.source, `SELECT ${key} FROM ${object.name}`),
        queryOrg(pair.target, `SELECT ${key} FROM ${object.name}`),
      ]);
      expect(source.length, `${object.name} in the source`).to.be.greaterThan(0);
      expect(target.length, `${object.name}: target records`).to.equal(source.length);
      if (object.match === 'key') {
        const keys = (rows: Array<Record<string, unknown>>): unknown[] => rows.map((row) => row[key]).sort();
        expect(keys(target), `${object.name} by ${key}`).to.deep.equal(keys(source));
      }
    }
  });

  it('prints each object with its level, relationship, match key and why; replaces an existing file with --force', async () => {
    const file = join(pair.env.HOME, 'generated.json');
    writeFileSync(file, '{"objects": []}');
    const kept = await runPlugin(['isync', 'template', 'generate', '-s', 'src', '--objects', 'Account', '-f', file], pair.env);
    expect(kept.code).to.equal(1);
    expect(readFileSync(file, 'utf8')).to.equal('{"objects": []}');
    const run = await runPlugin(['isync', 'template', 'generate', '-s', 'src', '--objects', 'Account', '-f', file, '--force'], pair.env);
    expect(run.code, run.stdout + run.stderr).to.equal(0);
    expect(run.stdout).to.contain('Sync template: 6 objects');
    // A boxed table on a terminal, a plain one under CI=true: the columns in order either way.
    expect(run.stdout, run.stdout).to.match(/Contact\s+│? ?1\s+│? ?Account\.Contacts \(Contact\.AccountId\)\s+│? ?Name/);
    expect(run.stdout).to.contain('CaseNumber is an auto-number');
    expect(run.stdout).to.contain('Not added: Task. Why: related through a polymorphic lookup');
    expect(run.stdout).to.contain(`Wrote the template to ${file}.`);
    const written = JSON.parse(readFileSync(file, 'utf8')) as { objects: unknown[] };
    expect(written.objects).to.have.length(6);
  });

  it('refuses an unknown object (did you mean), --children out of range and a folder as --file, writing nothing', async () => {
    const file = join(pair.env.HOME, 'refused.json');
    const unknown = await runPlugin(['isync', 'template', 'generate', '-s', 'src', '--objects', 'Acount', '-f', file, '--json'], pair.env);
    const refusal = jsonOf<TemplateGenerateResult>(unknown);
    expect(unknown.code, unknown.stdout).to.equal(1);
    expect(refusal.name).to.equal('UnknownObjectError');
    expect(refusal.message).to.equal('"Acount" is not an object of the source org. Did you mean "Account"?');
    expect(refusal.actions?.join('\n')).to.contain('Nothing was written.');

    const range = await runPlugin(['isync', 'template', 'generate', '-s', 'src', '--objects', 'Account', '--children', '9', '-f', file, '--json'], pair.env);
    const rangeRefusal = jsonOf<TemplateGenerateResult>(range);
    expect(range.code, range.stdout).to.equal(2);
    expect(rangeRefusal.name).to.equal('ChildrenOutOfRangeError');
    expect(rangeRefusal.message).to.contain('--children 9 is not a number of levels from 0 to 5.');
    expect(existsSync(file)).to.equal(false);

    const folder = await runPlugin(['isync', 'template', 'generate', '-s', 'src', '--objects', 'Account', '-f', pair.env.HOME, '--json'], pair.env);
    expect(folder.code, folder.stdout).to.equal(1);
    expect(jsonOf<TemplateGenerateResult>(folder).message).to.equal(`--file ${pair.env.HOME} is a folder: the template is written to a file.`);
  });
});
