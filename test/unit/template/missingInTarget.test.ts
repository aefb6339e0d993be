import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { SfError } from '@salesforce/core';
import { prepareSync } from '../../../src/lib/run/prepareSync.js';
import type { TemplateFile } from '../../../src/lib/template/templateFile.js';
import type { DescribeSObject } from '../../../src/lib/schema/describeTypes.js';
import { sampleSchema } from './sampleSchema.js';
import { stubDescribeSource, stubSoqlChecker } from './stubOrg.js';

/** The sample schema as the target, without some of Account's fields. */
function targetWithoutAccountFields(...names: string[]): DescribeSObject[] {
  const target = sampleSchema();
  target[0] = { ...target[0], fields: target[0].fields.filter((f) => !names.includes(f.name)) };
  return target;
}

describe('template fields that exist in the source but not in the target', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'isync-missing-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function problemLines(template: TemplateFile, target: DescribeSObject[]): Promise<string[]> {
    const file = join(dir, 'sync.json');
    await writeFile(file, JSON.stringify(template));
    try {
      await prepareSync({ templateFile: file, source: stubDescribeSource(sampleSchema()), target: stubDescribeSource(target), checkSoql: stubSoqlChecker() });
    } catch (error) {
      expect(error).to.be.instanceOf(SfError);
      return (error as SfError).message.split('\n').slice(1);
    }
    return expect.fail('expected a TemplateInvalid error');
  }

  it('says a listed field is missing in the target and how to fix that, not that its name is wrong', async () => {
    expect(await problemLines({ objects: [{ name: 'Account', fields: ['AccountNumber'] }] }, targetWithoutAccountFields('AccountNumber'))).to.deep.equal([
      '- Account › fields: Account.AccountNumber exists in the source org but not in the target org. Fix: create the field in the target org (deploy its metadata), or remove it from "fields".',
    ]);
  });

  it('says a matchBy field is missing in the target, with the Source=Target way out', async () => {
    expect(await problemLines({ objects: [{ name: 'Account', matchBy: 'Ext_Id__c' }] }, targetWithoutAccountFields('Ext_Id__c'))).to.deep.equal([
      '- Account › matchBy: Account.Ext_Id__c exists in the source org but not in the target org, so the target cannot be searched by it. Fix: create the field in the target org, write "Ext_Id__c=TargetField" in "matchBy" when the target names it differently, or match by another field.',
    ]);
  });

  it('says the default match key (the source external id) is missing in the target', async () => {
    expect(await problemLines({ objects: [{ name: 'Account' }] }, targetWithoutAccountFields('Ext_Id__c'))).to.deep.equal([
      '- Account › matchBy: Account would match records by Ext_Id__c, the source\'s first external id field, but the target org has no filterable field Ext_Id__c. Fix: add "matchBy" to Account with a field that both orgs have, or create Ext_Id__c in the target org.',
    ]);
  });
});
