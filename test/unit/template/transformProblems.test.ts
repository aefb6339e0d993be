import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { SfError } from '@salesforce/core';
import { prepareSync } from '../../../src/lib/run/prepareSync.js';
import type { TemplateFile, TemplateObjectSpec } from '../../../src/lib/template/templateFile.js';
import type { DescribeSObject } from '../../../src/lib/schema/describeTypes.js';
import { MASK_SECRET_ENV } from '../../../src/lib/mapping/masking/maskSecret.js';
import { field } from '../graph/describeBuilders.js';
import { sampleSchema } from './sampleSchema.js';
import { stubDescribeSource, stubSoqlChecker } from './stubOrg.js';

const picklist = (values: string[]): Partial<Parameters<typeof field>[1]> => ({
  type: 'picklist',
  restrictedPicklist: true,
  picklistValues: values.map((value) => ({ value, label: value, active: true, defaultValue: false })),
});

/** The sample schema as the target, with fields the source does not have. */
function targetSchema(): DescribeSObject[] {
  const target = sampleSchema();
  target[0] = {
    ...target[0],
    fields: [
      ...target[0].fields,
      field('Code__c', { length: 20 }),
      field('Tier__c', picklist(['Gold', 'Silver'])),
      field('Seats__c', { type: 'int' }),
      field('Since__c', { type: 'date' }),
    ],
  };
  return target;
}

describe('template transformations checked before any write', () => {
  let dir: string;
  let secret: string | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'isync-transform-'));
    secret = process.env[MASK_SECRET_ENV];
    delete process.env[MASK_SECRET_ENV];
  });
  afterEach(async () => {
    if (secret === undefined) delete process.env[MASK_SECRET_ENV];
    else process.env[MASK_SECRET_ENV] = secret;
    await rm(dir, { recursive: true, force: true });
  });

  async function prepare(account: Omit<TemplateObjectSpec, 'name'>): ReturnType<typeof prepareSync> {
    const file = join(dir, 'sync.json');
    const template: TemplateFile = { objects: [{ name: 'Account', matchBy: 'Ext_Id__c', ...account }] };
    await writeFile(file, JSON.stringify(template));
    return prepareSync({
      templateFile: file,
      source: stubDescribeSource(sampleSchema()),
      target: stubDescribeSource(targetSchema()),
      checkSoql: stubSoqlChecker(),
    });
  }

  async function problemLines(account: Omit<TemplateObjectSpec, 'name'>): Promise<string[]> {
    try {
      await prepare(account);
    } catch (error) {
      expect(error).to.be.instanceOf(SfError);
      return (error as SfError).message.split('\n').slice(1);
    }
    return expect.fail('expected a TemplateInvalid error');
  }

  it('turns valid transformations into one rule per target field, written in place of the mapped source field', async () => {
    process.env[MASK_SECRET_ENV] = 'x';
    const prepared = await prepare({
      fields: ['AccountNumber', 'Description', 'Ext_Id__c', 'Code__c'],
      fieldMap: { AccountNumber: ['Code__c', 'AccountNumber'] },
      set: { Seats__c: 12, Since__c: '2026-01-31' },
      compute: { Tier__c: "IF(LEN(AccountNumber) > 3, 'Gold', 'Silver')" },
      valueMap: { Code__c: { A: 'B', '*': null } },
      mask: { Description: 'redact', Ext_Id__c: 'name' },
    });
    const account = prepared.template.objects[0];
    expect(account.fields).to.have.members(['AccountNumber', 'Description', 'Ext_Id__c', 'Code__c', 'Seats__c', 'Since__c', 'Tier__c']);
    expect(account.transform?.rules.map((rule) => rule.target)).to.deep.equal([
      'Code__c',
      'AccountNumber',
      'Seats__c',
      'Since__c',
      'Tier__c',
      'Description',
      'Ext_Id__c',
    ]);
    expect(account.transform?.rules[0]).to.deep.equal({
      target: 'Code__c',
      from: { field: 'AccountNumber' },
      valueMap: { values: { A: 'B' }, otherwise: null },
    });
    expect(account.transform?.sourceFields).to.have.members(['AccountNumber', 'Description', 'Ext_Id__c']);
  });

  it('lists unknown target fields, lookups, wrong constants and refused picklist values, each at its property', async () => {
    expect(
      await problemLines({
        fieldMap: { AccountNumber: 'Cod__c', ParentId: 'Code__c' },
        set: { Seats__c: 'twelve', Tier__c: 'Bronze', ParentId: null },
        valueMap: { Tier__c: { Gold: 'Platinum' } },
      })
    ).to.deep.equal([
      '- Account › fieldMap: "Cod__c" is not a field of Account in the target org. Did you mean "Code__c"? Fix: use the field\'s API name (custom fields end in __c); `sf sobject describe --sobject Account --target-org ALIAS` lists them.',
      '- Account › fieldMap: a lookup can only be mapped onto a lookup, and Account.Code__c is a string field. Fix: map the lookup onto the target\'s lookup to the same parent (`"AccountId": "Client__c"`), or leave it out of "fieldMap".',
      '- Account › set: Account.Seats__c is a int field, which cannot take the string "twelve". Fix: write a whole number.',
      '- Account › set: Account.Tier__c is a restricted picklist in the target without the value "Bronze", which "set" writes. Fix: add the value to the picklist in the target org, or write one of its values: "Gold", "Silver".',
      '- Account › set: Account.ParentId is a lookup: the sync remaps lookups to their parents\' target ids itself, so "set" cannot write it (only "fieldMap" can, from a lookup). Fix: remove ParentId from "set"; lookups are synced as they are (add the parent object to the template to have them remapped).',
      '- Account › valueMap: "valueMap" names Account.Tier__c, which the object does not write. Fix: add Tier__c to "fields" (or map a source field onto it in "fieldMap"), or remove it from "valueMap".',
    ]);
  });

  it('refuses a value map onto a value the restricted target picklist lacks', async () => {
    expect(await problemLines({ fieldMap: { AccountNumber: 'Tier__c' }, valueMap: { Tier__c: { A: 'Gold', '*': 'Bronze' } } })).to.deep.equal([
      '- Account › valueMap: Account.Tier__c is a restricted picklist in the target without the value "Bronze", which "valueMap" writes. Fix: add the value to the picklist in the target org, or write one of its values: "Gold", "Silver".',
    ]);
  });

  it('locates an expression that does not parse, names an unknown field, or gives the wrong type', async () => {
    expect(
      await problemLines({
        compute: { Code__c: "AccountNumber & 'x", Tier__c: 'IF(Nope__c, "Gold", "Silver")', Seats__c: "'many'" },
      })
    ).to.deep.equal([
      '- Account › compute: the expression of Account.Code__c: Syntax error: the expression ends too early (a missing ")" or argument?) (line 1, column 19). Fix: fix the expression (Salesforce formula syntax: fields of the record, parent fields such as Account.Name, IF, CASE, TEXT, VALUE, ISBLANK, LEFT, UPPER, TODAY...).',
      '- Account › compute: the expression of Account.Tier__c: Unknown field Nope__c (line 1, column 4). Fix: fix the expression (Salesforce formula syntax: fields of the record, parent fields such as Account.Name, IF, CASE, TEXT, VALUE, ISBLANK, LEFT, UPPER, TODAY...).',
      "- Account › compute: the expression of Account.Seats__c: the expression's result is Text, but Seats__c is a int field, which takes Number (VALUE() turns text into a number). Fix: fix the expression (Salesforce formula syntax: fields of the record, parent fields such as Account.Name, IF, CASE, TEXT, VALUE, ISBLANK, LEFT, UPPER, TODAY...).",
    ]);
  });

  it('refuses an unknown mask kind, a mask the field cannot take, and a masked match key without the secret', async () => {
    expect(
      await problemLines({ mask: { AccountNumber: 'emial', Ext_Id__c: 'lastName' }, fields: ['AccountNumber', 'Code__c'], set: { Code__c: 'x' } })
    ).to.deep.equal([
      '- Account › mask: the mask of Account.AccountNumber: unknown mask kind "emial"; the kinds are email, firstName, lastName, name, phone, company, street, city, postalCode, redact, null, number:MIN-MAX. Fix: use a mask kind: email, firstName, lastName, name, phone, company, street, city, postalCode, redact, null, or number:MIN-MAX.',
      '- Account › mask: "mask" names Account.Ext_Id__c, which the object does not write. Fix: add Ext_Id__c to "fields" (or map a source field onto it in "fieldMap"), or remove it from "mask".',
    ]);
    expect(await problemLines({ mask: { Ext_Id__c: 'lastName' } })).to.deep.equal([
      "- Account › mask: Account.Ext_Id__c is masked and is part of the object's match key, but no masking secret is set: without one every run masks with another secret, so the next run would not find the records this one writes and would insert them again. Fix: set a secret of your own, the same in every run: `sf config set isync-mask-secret=... --global` (stored encrypted) or the environment variable SF_ISYNC_MASK_SECRET; it is never written to the journal. Or match Account by another field.",
    ]);
    expect(
      await problemLines({ fields: ['AccountNumber', 'Seats__c'], fieldMap: { AccountNumber: 'Seats__c' }, mask: { Seats__c: 'email' } })
    ).to.have.length.greaterThan(0);
  });
});
