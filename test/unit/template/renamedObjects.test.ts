import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { SfError } from '@salesforce/core';
import { prepareSync } from '../../../src/lib/run/prepareSync.js';
import { buildObjectSpecs } from '../../../src/lib/run/objectSpecs.js';
import type { TemplateFile } from '../../../src/lib/template/templateFile.js';
import type { DescribeSObject } from '../../../src/lib/schema/describeTypes.js';
import { field, lookup, sobject } from '../graph/describeBuilders.js';
import { stubDescribeSource, stubSoqlChecker } from './stubOrg.js';

/** Source: Account and Contact. Target: the accounts are Client__c, and Contact looks them up through Client__c. */
function source(): DescribeSObject[] {
  return [sobject('Account', [field('AccountNumber')]), sobject('Contact', [field('LastName', { nillable: false }), lookup('AccountId', 'Account')])];
}
function target(): DescribeSObject[] {
  return [
    sobject('Account', [field('AccountNumber')]),
    sobject('Client__c', [field('AccountNumber')]),
    sobject('Contact', [field('LastName', { nillable: false }), lookup('AccountId', 'Account'), lookup('Client__c', 'Client__c')]),
  ];
}

describe('a template object loaded into a target object of another name ("target")', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'isync-renamed-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function prepare(template: TemplateFile): ReturnType<typeof prepareSync> {
    const file = join(dir, 'sync.json');
    await writeFile(file, JSON.stringify(template));
    return prepareSync({ templateFile: file, source: stubDescribeSource(source()), target: stubDescribeSource(target()), checkSoql: stubSoqlChecker() });
  }

  it('plans the renamed parent first through the mapped lookup, and gives the engine the target names', async () => {
    const prepared = await prepare({
      objects: [
        { name: 'Contact', matchBy: ['LastName', 'AccountId=Client__c'], fieldMap: { AccountId: 'Client__c' } },
        { name: 'Account', target: 'client__C', matchBy: 'Name' },
      ],
    });
    const [contact, account] = prepared.template.objects;
    expect(account).to.include({ name: 'Account', targetName: 'Client__c' });
    expect(contact.fields).to.include('Client__c').and.not.include('AccountId');
    expect(prepared.plan.steps.map((step) => step.object)).to.deep.equal(['Account', 'Contact']);
    const specs = buildObjectSpecs(
      prepared.template,
      prepared.plan,
      (name) => prepared.sourceDescribes.get(name)!,
      (name) => prepared.targetDescribes!.get(name)!
    );
    expect(specs[0].target.name).to.equal('Client__c');
    // The lookup points to the template's Account, which the id map and the parents' arrivals know.
    expect(specs[1].fields.find((candidate) => candidate.name === 'Client__c')?.referenceTo).to.deep.equal(['Account']);
  });

  it('refuses a lookup left pointing to the object of the old name, and an unknown target object', async () => {
    const problems = async (template: TemplateFile): Promise<string[]> => {
      try {
        await prepare(template);
      } catch (error) {
        expect(error).to.be.instanceOf(SfError);
        return (error as SfError).message.split('\n').slice(1);
      }
      return expect.fail('expected a TemplateInvalid error');
    };
    expect(
      await problems({
        objects: [
          { name: 'Contact', matchBy: ['LastName', 'AccountId'], fields: ['LastName', 'AccountId'] },
          { name: 'Account', target: 'Client__c', matchBy: 'Name' },
        ],
      })
    ).to.deep.equal([
      '- Contact › fields: Contact.AccountId looks up Account, which the template loads into Client__c, but the target field it would be written to, Contact.AccountId, points to Account. Fix: map AccountId onto the target\'s lookup to Client__c in "fieldMap", or add AccountId to "excludeFields".',
    ]);
    const [unknown] = await problems({ objects: [{ name: 'Account', target: 'Clients__c', matchBy: 'Name' }] });
    expect(unknown).to.match(/^- Account › target: .*"Clients__c".*target org.*Did you mean "Client__c"\?/);
  });
});
