import { expect } from 'chai';
import type { OrderResult } from '../../src/commands/isync/order.js';
import { defaultSchema } from '@sf-isync/org-emulator';
import { startOrgPair, type OrgPair } from '../../harness/emulatedOrgs.js';
import { jsonOf, runPlugin } from '../../harness/runPlugin.js';

/** `sf isync order` as a user runs it, against emulated orgs with the default schema. */
describe('sf isync order against emulated orgs', function () {
  this.timeout(120_000);
  let pair: OrgPair;
  before(async () => {
    pair = await startOrgPair({ dataset: 'empty' }, { dataset: 'empty' });
  });
  after(async () => {
    await pair.stop();
  });

  it('puts every parent first, defers only nillable lookups inside cycles, and plans the same every time', async () => {
    const argv = ['isync', 'order', '-s', 'src', '-o', 'tgt', '-t', 'examples/demo-template.json', '--json'];
    const [first, second] = [await runPlugin(argv, pair.env), await runPlugin(argv, pair.env)];
    expect(first.code, first.stdout).to.equal(0);
    const plan = jsonOf<OrderResult>(first).result.plan;
    expect(jsonOf<OrderResult>(second).result.plan).to.deep.equal(plan);

    const fields = new Map(defaultSchema().objects.map((o) => [o.header.name, o.fields]));
    const position = new Map(plan.steps.map((step, index) => [step.object, index]));
    for (const step of plan.steps) {
      for (const field of fields.get(step.object)!) {
        if (field.type !== 'reference' || !field.createable) continue;
        const deferred = step.deferredLookups.includes(field.name);
        if (deferred) {
          expect(field.nillable, `${step.object}.${field.name} deferred but required`).to.equal(true);
          expect(step.cycle, `${step.object}.${field.name} deferred outside a cycle`).to.not.equal(null);
          continue;
        }
        for (const parent of field.referenceTo) {
          if (!position.has(parent) || parent === step.object) continue;
          expect(position.get(parent)!, `${parent} before ${step.object} (${field.name})`).to.be.lessThan(position.get(step.object)!);
        }
      }
    }
    expect(plan.steps.find((s) => s.object === 'Team__c')?.deferredLookups).to.deep.equal(['Captain__c']);
    expect(plan.steps.find((s) => s.object === 'Account')?.selfReferences).to.deep.equal(['ParentId']);
  });

  it('takes --objects repeated, comma-separated or both: the same objects, in the order given, each once', async () => {
    const forms = [
      ['--objects', 'Account,Contact,Team__c'],
      ['--objects', 'Account', '--objects', 'Contact', '--objects', 'Team__c'],
      ['--objects', ' Account , Contact', '--objects', 'Team__c,account', '--objects', 'Contact'],
    ];
    const results: OrderResult[] = [];
    for (const form of forms) {
      const run = await runPlugin(['isync', 'order', '-s', 'src', '-o', 'tgt', ...form, '--json'], pair.env);
      expect(run.code, run.stdout + run.stderr).to.equal(0);
      results.push(jsonOf<OrderResult>(run).result);
    }
    expect(results[0].template.objects.map((object) => object.name)).to.deep.equal(['Account', 'Contact', 'Team__c']);
    for (const result of results.slice(1)) {
      expect(result.template).to.deep.equal(results[0].template);
      expect(result.plan).to.deep.equal(results[0].plan);
    }
  });

  it('refuses an empty name in --objects as a bad flag, naming the value', async () => {
    for (const value of ['Account,,Contact', 'Account,', ' ']) {
      const run = await runPlugin(['isync', 'order', '-s', 'src', '--objects', 'Contact', '--objects', value, '--json'], pair.env);
      const json = jsonOf<OrderResult>(run);
      expect(run.code, run.stdout).to.equal(2);
      expect(json.name).to.equal('EmptyObjectNameError');
      expect(json.message).to.contain(`--objects "${value}" has an empty object name.`);
      expect(json.actions?.join('\n')).to.contain('--objects Account --objects Contact');
    }
  });

  it('writes the computed order into a template that execute can use (--write)', async () => {
    const written = `${pair.env.HOME}/ordered.json`;
    const run = await runPlugin(
      ['isync', 'order', '-s', 'src', '--objects', 'Account', '--objects', 'Contact,Team__c', '--objects', 'Team_Member__c', '--write', written, '--json'],
      pair.env
    );
    expect(run.code, run.stdout).to.equal(0);
    const again = await runPlugin(['isync', 'order', '-s', 'src', '-t', written, '--json'], pair.env);
    expect(jsonOf<OrderResult>(again).result.plan.ordering).to.equal('manual');
    expect(jsonOf<OrderResult>(again).result.plan.steps.map((s) => s.object)).to.deep.equal(jsonOf<OrderResult>(run).result.plan.steps.map((s) => s.object));
  });
});
