import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { templateSchemaRef } from '../../src/lib/template/templateSchemaRef.js';
import { expect } from 'chai';
import { SfError } from '@salesforce/core';
import { defaultSchema } from '@sf-isync/org-emulator';
import type { DescribeSource } from '../../src/lib/schema/describeSource.js';
import type { DescribeChildRelationship, DescribeSObject } from '../../src/lib/schema/describeTypes.js';
import { BUILT_IN_REFERENCE_KEYS } from '../../src/lib/transform/referenceKeys.js';
import { templateShapeProblems } from '../../src/lib/template/templateSchema.js';
import { assertChildLevels, generateTemplate, type GenerateInput, type GeneratedTemplate } from '../../src/lib/template/generate/generateTemplate.js';
import { field, lookup, requiredLookup, sobject } from './graph/describeBuilders.js';

type Described = DescribeSObject & { deprecatedAndHidden?: boolean; customSetting?: boolean };

/**
 * A DescribeSource over describes in memory, with each object's `childRelationships` derived from the other
 * objects' reference fields as Salesforce (and the emulator) lists them. `failing` objects are in the global
 * describe but their describe rejects.
 */
function describeSource(
  objects: Described[],
  relationshipName: (child: string, field: string) => string | null = () => null,
  failing: string[] = []
): DescribeSource & { prefetched: string[][] } {
  const children = new Map<string, DescribeChildRelationship[]>();
  for (const object of objects) {
    for (const f of object.fields.filter((candidate) => candidate.type === 'reference')) {
      for (const parent of f.referenceTo) {
        const relationship = {
          childSObject: object.name,
          field: f.name,
          cascadeDelete: f.cascadeDelete,
          relationshipName: relationshipName(object.name, f.name),
        };
        children.set(parent, [...(children.get(parent) ?? []), relationship]);
      }
    }
  }
  const byName = new Map(objects.map((object) => [object.name.toLowerCase(), { ...object, childRelationships: children.get(object.name) ?? [] }]));
  const prefetched: string[][] = [];
  return {
    prefetched,
    describeGlobal: () => Promise.resolve({ sobjects: objects.map(({ fields: _fields, ...header }) => header) }),
    describe: (name: string) => {
      const describe = byName.get(name.toLowerCase());
      if (!describe || failing.includes(describe.name)) return Promise.reject(Object.assign(new Error(`no ${name}`), { errorCode: 'NOT_FOUND' }));
      return Promise.resolve(describe);
    },
    prefetch: (names: readonly string[]) => {
      prefetched.push([...names]);
      return Promise.resolve();
    },
  };
}

/** The emulator's default schema, the objects of the demo org. */
function emulatorSource(): DescribeSource & { prefetched: string[][] } {
  const schema = defaultSchema();
  const relationships = new Map(
    schema.objects.flatMap((o) => Object.entries(o.parentRelationships ?? {}).map(([f, r]) => [`${o.header.name}.${f}`, r.relationshipName] as const))
  );
  return describeSource(
    schema.objects.map((o) => ({ ...o.header, fields: o.fields })),
    (child, f) => relationships.get(`${child}.${f}`) ?? null
  );
}

function generate(source: DescribeSource, objects: string[], options: Partial<GenerateInput> = {}): Promise<GeneratedTemplate> {
  return generateTemplate({ source, objects, children: 1, parents: false, resolvedByKey: Object.keys(BUILT_IN_REFERENCE_KEYS), ...options });
}

async function refusal(promise: Promise<unknown>): Promise<SfError> {
  try {
    await promise;
  } catch (error) {
    return error as SfError;
  }
  throw new Error('expected a refusal');
}

describe('template generate (library)', () => {
  it("Account with three child levels of the emulator's schema: the demo objects, their levels, keys and why", async () => {
    const generated = await generate(emulatorSource(), ['account'], { children: 3, schemaRef: '../schemas/isync-template.schema.json' });
    const rows = generated.objects.map((o) => [o.name, o.level, o.via?.lookup ?? null, o.matchBy, o.reason]);
    expect(rows).to.deep.equal([
      ['Account', 0, null, 'Name', 'name'],
      ['Contact', 1, 'Contact.AccountId', 'Name', 'name'],
      ['Opportunity', 1, 'Opportunity.AccountId', 'Name', 'name'],
      ['Case', 1, 'Case.AccountId', 'history', 'autoNumber'],
      ['Supplier__c', 1, 'Supplier__c.Account__c', 'External_Id__c', 'externalId'],
      ['Project__c', 1, 'Project__c.Account__c', 'External_Id__c', 'externalId'],
      ['Project_Assignment__c', 2, 'Project_Assignment__c.Contact__c', 'history', 'autoNumber'],
      ['OpportunityLineItem', 2, 'OpportunityLineItem.OpportunityId', 'history', 'generatedName'],
      ['Shipment__c', 2, 'Shipment__c.Supplier__c', 'External_Id__c', 'externalId'],
      ['Project_Task__c', 2, 'Project_Task__c.Project__c', 'Name', 'name'],
      ['Team_Member__c', 2, 'Team_Member__c.Contact__c', 'External_Id__c', 'externalId'],
      ['Team__c', 3, 'Team__c.Captain__c', 'External_Id__c', 'externalId'],
    ]);
    expect(generated.objects[1].via).to.deep.equal({ from: 'Account', lookup: 'Contact.AccountId', relationship: 'Contacts' });
    expect(generated.objects[3].why).to.contain('CaseNumber is an auto-number').and.contain('history');
    expect(generated.notAdded.map((o) => [o.name, o.level, o.reason])).to.deep.equal([
      ['Lead', 1, 'lookupNotCreateable'],
      ['Task', 1, 'polymorphicLookup'],
    ]);
    expect(generated.notAdded[1].why).to.contain('add it to --objects');
    expect(generated.warnings).to.deep.equal([]);

    // The template: $schema, then only names and match keys; valid against the template's JSON Schema.
    expect(Object.keys(generated.template)).to.deep.equal(['$schema', 'objects']);
    expect(generated.template.objects.every((o) => Object.keys(o).join() === 'name,matchBy')).to.equal(true);
    expect(await templateShapeProblems(generated.template)).to.deep.equal([]);
  });

  it('follows as many levels as asked: 0 is the named objects alone, 1 their direct children', async () => {
    const names = async (children: number): Promise<string[]> => (await generate(emulatorSource(), ['Account'], { children })).objects.map((o) => o.name);
    expect(await names(0)).to.deep.equal(['Account']);
    expect(await names(1)).to.deep.equal(['Account', 'Contact', 'Opportunity', 'Case', 'Supplier__c', 'Project__c']);
    expect(await names(5)).to.deep.equal(await names(3));
  });

  it('describes each level in one prefetch', async () => {
    const source = emulatorSource();
    await generate(source, ['Account'], { children: 2 });
    expect(source.prefetched).to.have.length(3);
    expect(source.prefetched[1]).to.include.members(['Contact', 'Opportunity', 'Case']);
  });

  it('names activities only when asked: Task in --objects is in, with its children', async () => {
    const generated = await generate(emulatorSource(), ['Account', 'Task'], { children: 1 });
    expect(generated.objects.map((o) => o.name)).to.include('Task');
    expect(generated.notAdded.map((o) => o.name)).to.not.include('Task');
    expect(generated.objects.find((o) => o.name === 'Task')?.reason).to.equal('notText');
  });

  it('puts parents first, whatever the order named', async () => {
    const generated = await generate(emulatorSource(), ['Shipment__c', 'Supplier__c', 'Account'], { children: 0 });
    expect(generated.objects.map((o) => o.name)).to.deep.equal(['Account', 'Supplier__c', 'Shipment__c']);
  });

  describe('--parents', () => {
    it('adds the targets of required lookups, recursively, never objects found by a built-in key', async () => {
      const generated = await generate(emulatorSource(), ['OpportunityLineItem', 'PricebookEntry', 'Carrier__c'], { children: 0, parents: true });
      const parents = generated.objects.filter((o) => o.kind === 'parent').map((o) => [o.name, o.level, o.via?.lookup]);
      expect(parents).to.deep.equal([
        ['Opportunity', null, 'OpportunityLineItem.OpportunityId'],
        ['Product2', null, 'PricebookEntry.Product2Id'],
        ['Warehouse__c', null, 'Carrier__c.Home_Warehouse__c'],
      ]);
      // PricebookEntry.Pricebook2Id is required too: price books are found in the target by a built-in key.
      expect(generated.objects.map((o) => o.name)).to.not.include('Pricebook2');
      expect(generated.warnings).to.deep.equal([]);
      const names = generated.objects.map((o) => o.name);
      expect(names.indexOf('Warehouse__c')).to.be.lessThan(names.indexOf('Carrier__c'));
      expect(names.indexOf('Product2')).to.be.lessThan(names.indexOf('PricebookEntry'));
    });

    it('without --parents, warns about each required lookup the template does not bring', async () => {
      const generated = await generate(emulatorSource(), ['Carrier__c'], { children: 0 });
      expect(generated.objects.map((o) => o.name)).to.deep.equal(['Carrier__c']);
      expect(generated.warnings).to.have.length(1);
      expect(generated.warnings[0]).to.contain('Carrier__c.Home_Warehouse__c is required and points to Warehouse__c').and.contain('--parents');
    });

    it('adds parents through a chain, and warns about a required polymorphic lookup', async () => {
      const source = describeSource([
        sobject('Grand__c'),
        sobject('Parent__c', [requiredLookup('Grand__c', 'Grand__c')]),
        sobject('Child__c', [requiredLookup('Parent__c', 'Parent__c'), lookup('Any__c', ['Grand__c', 'Other__c'], { nillable: false })]),
        sobject('Other__c'),
      ]);
      const generated = await generate(source, ['Child__c'], { children: 0, parents: true });
      expect(generated.objects.map((o) => [o.name, o.kind])).to.deep.equal([
        ['Grand__c', 'parent'],
        ['Parent__c', 'parent'],
        ['Child__c', 'object'],
      ]);
      // Child__c.Any__c may point to Grand__c, which the template now brings: nothing missing.
      expect(generated.warnings).to.deep.equal([]);
      const alone = await generate(source, ['Child__c'], { children: 0, parents: false });
      expect(alone.warnings.join('\n')).to.contain('Child__c.Any__c is required and points to Grand__c, Other__c, none of which');
    });
  });

  describe('what a data sync should not copy', () => {
    const account = sobject('Account');
    const child = (name: string, overrides: Partial<Described> = {}, lookupOverrides = {}): Described => ({
      ...sobject(name, [lookup('Account__c', 'Account', lookupOverrides)]),
      ...overrides,
    });
    const objects: Described[] = [
      account,
      child('Invoice__c'),
      child('AccountHistory', { createable: false }),
      child('Secret__c', { queryable: false }),
      child('AccountShare'),
      child('Invoice__Share'),
      child('AccountFeed'),
      child('AccountChangeEvent'),
      child('Order__ChangeEvent'),
      child('AccountTag'),
      child('ProcessInstance'),
      child('EntitySubscription'),
      child('AttachedContentDocument'),
      child('Setting__c', { customSetting: true }),
      child('Old__c', { deprecatedAndHidden: true }),
      child('Alert__e'),
      child('User'),
      child('Locked__c', {}, { createable: false }),
      child('Note', {}, { referenceTo: ['Account', 'Invoice__c'], polymorphicForeignKey: true }),
      child('Broken__c'),
    ];

    it('leaves each out with its reason, and keeps the data objects', async () => {
      const source = describeSource(objects, () => null, ['Broken__c']);
      const generated = await generate(source, ['Account'], { children: 1 });
      expect(generated.objects.map((o) => o.name)).to.deep.equal(['Account', 'Invoice__c']);
      expect(Object.fromEntries(generated.notAdded.map((o) => [o.name, o.reason]))).to.deep.equal({
        AccountHistory: 'notCreateable',
        Secret__c: 'notQueryable',
        AccountShare: 'systemObject',
        Invoice__Share: 'systemObject',
        AccountFeed: 'systemObject',
        AccountChangeEvent: 'systemObject',
        Order__ChangeEvent: 'systemObject',
        AccountTag: 'systemObject',
        ProcessInstance: 'systemObject',
        EntitySubscription: 'systemObject',
        AttachedContentDocument: 'systemObject',
        Setting__c: 'customSetting',
        Old__c: 'deprecated',
        Alert__e: 'systemObject',
        User: 'resolvedByKey',
        Locked__c: 'lookupNotCreateable',
        Note: 'polymorphicLookup',
        Broken__c: 'notDescribable',
      });
      expect(generated.notAdded.every((o) => o.kind === 'child' && o.level === 1 && o.via.from === 'Account' && o.why.length > 0)).to.equal(true);
    });

    it('reports a relationship to an object the user cannot see', async () => {
      const source = describeSource([account, child('Invisible__c')]);
      const global = await source.describeGlobal();
      const hidden: DescribeSource = { ...source, describeGlobal: () => Promise.resolve({ sobjects: global.sobjects.filter((o) => o.name === 'Account') }) };
      const generated = await generate(hidden, ['Account']);
      expect(generated.notAdded.map((o) => [o.name, o.reason])).to.deep.equal([['Invisible__c', 'notVisible']]);
    });
  });

  describe('match keys and why', () => {
    it("follows the product's rule: external id first, else a name people give, else history, saying why", async () => {
      const source = describeSource([
        sobject('Keyed__c', [field('Code__c', { externalId: true })]),
        { ...sobject('Numbered__c'), fields: [field('Name', { nameField: true, autoNumber: true })] },
        { ...sobject('Picked__c'), fields: [field('Subject', { nameField: true, type: 'combobox' })] },
        { ...sobject('Nameless__c'), fields: [field('Id', { type: 'id' })] },
        sobject('Named__c'),
      ]);
      const generated = await generate(source, ['Keyed__c', 'Numbered__c', 'Picked__c', 'Nameless__c', 'Named__c'], { children: 0 });
      expect(generated.objects.map((o) => [o.name, o.matchBy, o.match, o.reason])).to.deep.equal([
        ['Keyed__c', 'Code__c', 'key', 'externalId'],
        ['Numbered__c', 'history', 'history', 'autoNumber'],
        ['Picked__c', 'history', 'history', 'notText'],
        ['Nameless__c', 'history', 'history', 'noName'],
        ['Named__c', 'Name', 'key', 'name'],
      ]);
      expect(generated.objects[2].why).to.contain('Subject is a combobox');
      expect(generated.template.objects.map((o) => o.matchBy)).to.deep.equal(['Code__c', 'history', 'history', 'history', 'Name']);
      expect(generated.template).to.not.have.property('$schema');
    });
  });

  describe('bad input: refused before anything is described', () => {
    it('an unknown object, with a suggestion, every unknown name at once', async () => {
      const error = await refusal(generate(emulatorSource(), ['Acount', 'Contact', 'Nope__c']));
      expect(error.name).to.equal('UnknownObjectError');
      expect(error.exitCode).to.equal(1);
      expect(error.message).to.equal('"Acount" is not an object of the source org. Did you mean "Account"?\n"Nope__c" is not an object of the source org.');
      expect(error.actions?.join('\n')).to.contain('sf sobject list');
    });

    it('an object that cannot be synced at all', async () => {
      const error = await refusal(generate(emulatorSource(), ['EntityDefinition']));
      expect(error.name).to.equal('ObjectNotSyncableError');
      expect(error.message).to.contain('EntityDefinition cannot be synced: it cannot be created');
    });

    it('--children out of range or not a whole number', async () => {
      for (const children of [-1, 6, 1.5, Number.NaN]) {
        const error = await refusal(generate(emulatorSource(), ['Account'], { children }));
        expect(error.name).to.equal('ChildrenOutOfRangeError');
        expect(error.exitCode).to.equal(1);
        expect(error.actions?.join('\n')).to.contain('--children 5');
      }
      expect(() => assertChildLevels(Number.NaN, 2, 'three')).to.throw('--children three is not a number of levels from 0 to 5.');
      expect(() => assertChildLevels(5)).to.not.throw();
    });
  });

  it("points $schema at the plugin's schema file, relative to the template's folder", () => {
    const templatePath = join(tmpdir(), 'nested', 'isync-template.json');
    const reference = templateSchemaRef(templatePath);
    expect(reference).to.match(/schemas\/isync-template\.schema\.json$/);
    const schema = JSON.parse(readFileSync(resolve(join(tmpdir(), 'nested'), reference), 'utf8')) as { title: string };
    expect(schema.title).to.equal('sf isync sync template');
  });
});
