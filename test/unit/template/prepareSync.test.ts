import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { SfError } from '@salesforce/core';
import { prepareSync, type PreparedSync } from '../../../src/lib/run/prepareSync.js';
import type { TemplateFile } from '../../../src/lib/template/templateFile.js';
import type { DescribeSObject } from '../../../src/lib/schema/describeTypes.js';
import { field } from '../graph/describeBuilders.js';
import { sampleSchema } from './sampleSchema.js';
import { stubDescribeSource, stubSoqlChecker } from './stubOrg.js';

type Setup = { target?: DescribeSObject[]; soqlErrors?: Record<string, { errorCode: string; message: string }> };

describe('prepareSync', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'isync-prepare-'));
    file = join(dir, 'sync.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function prepare(template: TemplateFile, setup: Setup = {}): Promise<PreparedSync> {
    await writeFile(file, JSON.stringify(template));
    return prepareSync({
      templateFile: file,
      source: stubDescribeSource(sampleSchema()),
      target: setup.target ? stubDescribeSource(setup.target) : undefined,
      checkSoql: stubSoqlChecker(setup.soqlErrors),
    });
  }

  /** The problem lines of the TemplateInvalid error, after checking its name, exit code and actions. */
  async function problemLines(template: TemplateFile, setup: Setup = {}): Promise<string[]> {
    try {
      await prepare(template, setup);
    } catch (error) {
      expect(error).to.be.instanceOf(SfError);
      const sfError = error as SfError;
      expect(sfError.name).to.equal('TemplateInvalidError');
      expect(sfError.exitCode).to.equal(1);
      expect(sfError.actions?.join('\n')).to.contain('Fix every problem listed');
      const [header, ...lines] = sfError.message.split('\n');
      expect(header).to.equal(`The sync template ${file} has ${lines.length} problem(s):`);
      return lines;
    }
    return expect.fail('expected a TemplateInvalid error');
  }

  describe('defaults', () => {
    it('fills match keys, writable fields, toggles and options', async () => {
      const prepared = await prepare({ objects: [{ name: 'contact' }, { name: 'Account', update: false }] });
      const [contact, account] = prepared.template.objects;
      expect(contact).to.deep.equal({
        name: 'Contact',
        fields: ['LastName', 'Email', 'AccountId'],
        requestedFields: null,
        excludeFields: [],
        matchBy: { source: ['Name'], target: ['Name'] },
        history: false,
        insert: true,
        update: true,
      });
      expect(account.matchBy).to.deep.equal({ source: ['Ext_Id__c'], target: ['Ext_Id__c'] });
      expect(account.fields).to.deep.equal(['Name', 'AccountNumber', 'Ext_Id__c', 'Description', 'ParentId', 'OwnerId', 'Primary_Contact__c']);
      expect(account).to.include({ insert: true, update: false });
      expect(prepared.template.options).to.deep.equal({
        continueOnError: true,
        batchSize: 200,
        bulkThreshold: 10_000,
        concurrency: 4,
        objectByObject: false,
        syncType: 'full',
        includeDeleted: false,
        disableAutomation: [],
      });
      // Account and Contact point to each other through nillable lookups: the custom back-reference is deferred
      // rather than the standard Contact.AccountId, whatever the template order.
      expect(prepared.plan.steps.map((s) => [s.object, s.deferredLookups])).to.deep.equal([
        ['Account', ['Primary_Contact__c']],
        ['Contact', []],
      ]);
    });

    it('accepts Id, cross-named, composite and name-field keys, and listed fields minus excluded ones', async () => {
      const prepared = await prepare({
        objects: [
          { name: 'Account', matchBy: 'AccountNumber=Ext_Id__c', fields: ['Name', 'AccountNumber', 'ParentId'], excludeFields: ['parentid'] },
          { name: 'Contact', matchBy: ['LastName', 'Email'] },
          { name: 'Invoice__c', matchBy: 'Id' },
        ],
      });
      const [account, contact, invoice] = prepared.template.objects;
      expect(account).to.deep.include({
        matchBy: { source: ['AccountNumber'], target: ['Ext_Id__c'] },
        fields: ['Name', 'AccountNumber'],
        requestedFields: ['Name', 'AccountNumber', 'ParentId'],
        excludeFields: ['ParentId'],
      });
      expect(contact.matchBy).to.deep.equal({ source: ['LastName', 'Email'], target: ['LastName', 'Email'] });
      expect(invoice.matchBy).to.deep.equal({ source: ['Id'], target: ['Id'] });
    });

    it('builds the template of --objects with the defaults', async () => {
      const prepared = await prepareSync({
        objects: ['Contact', 'Account'],
        source: stubDescribeSource(sampleSchema()),
        checkSoql: stubSoqlChecker(),
      });
      expect(prepared.file).to.deep.equal({ objects: [{ name: 'Contact' }, { name: 'Account' }] });
      expect(prepared.template.objects.map((o) => o.name)).to.deep.equal(['Contact', 'Account']);
    });

    it('skips default fields missing in the target, with a warning', async () => {
      const target = sampleSchema();
      target[1].fields = target[1].fields.filter((f) => f.name !== 'Email');
      const prepared = await prepare({ objects: [{ name: 'Contact' }] }, { target });
      expect(prepared.template.objects[0].fields).to.deep.equal(['LastName', 'AccountId']);
      expect(prepared.warnings).to.deep.equal([
        'Contact: 1 field(s) of the source do not exist in the target org and are not synced: Email. `sf isync compare` lists them, and `--fix` creates the custom ones.',
      ]);
    });

    it('checks where and orderBy in the source org', async () => {
      const checker = stubSoqlChecker();
      await writeFile(file, JSON.stringify({ objects: [{ name: 'Account', where: "Name LIKE 'A%'", orderBy: 'Name', limit: 10 }] }));
      const prepared = await prepareSync({ templateFile: file, source: stubDescribeSource(sampleSchema()), checkSoql: checker });
      expect(checker.queries).to.deep.equal(["SELECT COUNT() FROM Account WHERE (Name LIKE 'A%')", 'SELECT Id FROM Account ORDER BY Name LIMIT 1']);
      expect(prepared.template.objects[0]).to.include({ where: "Name LIKE 'A%'", orderBy: 'Name', limit: 10 });
    });
  });

  describe('template errors', () => {
    it('names an unknown object with a did-you-mean', async () => {
      expect(await problemLines({ objects: [{ name: 'Acount' }] })).to.deep.equal([
        '- Acount: "Acount" is not an object of the source org. Did you mean "Account"? Fix: use the object\'s API name (custom objects end in __c); `sf sobject list --sobject all --target-org ALIAS` lists them.',
      ]);
    });

    it('names an object missing in the target org', async () => {
      const target = sampleSchema().slice(0, 2);
      const lines = await problemLines({ objects: [{ name: 'Invoice__c', matchBy: 'Id' }] }, { target });
      expect(lines).to.deep.equal([
        '- Invoice__c: "Invoice__c" is not an object of the target org. Fix: use the object\'s API name (custom objects end in __c); `sf sobject list --sobject all --target-org ALIAS` lists them.',
      ]);
    });

    it('names unknown fields in fields, excludeFields and matchBy, with did-you-means', async () => {
      const lines = await problemLines({ objects: [{ name: 'Contact', fields: ['LastName', 'Emial'], excludeFields: ['Foo__c'], matchBy: 'Emal' }] });
      expect(lines).to.deep.equal([
        '- Contact › fields: "Emial" is not a field of Contact in the source org. Did you mean "Email"? Fix: use the field\'s API name (custom fields end in __c); `sf sobject describe --sobject Contact --target-org ALIAS` lists them.',
        '- Contact › excludeFields: "Foo__c" is not a field of Contact in the source org. Fix: use the field\'s API name (custom fields end in __c); `sf sobject describe --sobject Contact --target-org ALIAS` lists them.',
        '- Contact › matchBy: "Emal" is not a field of Contact in the source org. Did you mean "Email"? Fix: use the field\'s API name (custom fields end in __c); `sf sobject describe --sobject Contact --target-org ALIAS` lists them.',
      ]);
    });

    it('names a listed field that cannot be written', async () => {
      expect(await problemLines({ objects: [{ name: 'Account', fields: ['Name', 'Total__c'] }] })).to.deep.equal([
        '- Account › fields: Account.Total__c cannot be written: it is a formula field. Fix: remove it from "fields"; Salesforce computes its value.',
      ]);
    });

    it('rejects a match key that is not unique', async () => {
      expect(await problemLines({ objects: [{ name: 'Account', matchBy: 'AccountNumber' }] })).to.deep.equal([
        '- Account › matchBy: Account.AccountNumber is not unique in the source org (not unique, not an external id, not an id lookup, not the name field), so several target records could match one source record. Fix: use an external id or unique field, a composite key such as ["FirstName", "LastName", "Email"], or mark the field Unique or External ID in the target org.',
      ]);
    });

    it('rejects a match key that is not filterable in the target', async () => {
      expect(await problemLines({ objects: [{ name: 'Account', matchBy: 'Ext_Id__c=Description' }] })).to.deep.equal([
        '- Account › matchBy: Account.Description cannot find records in the source org: the field is not filterable (long text, encrypted and some system fields are not). Fix: choose a filterable field, such as an external id or a unique text field.',
      ]);
    });

    it('matches an object without an external id and with an auto-number name by history', async () => {
      const prepared = await prepare({ objects: [{ name: 'Account' }, { name: 'Invoice__c' }] });
      expect(prepared.template.objects[1]).to.include({ name: 'Invoice__c', matchBy: null, history: true, insert: true, update: true });
    });

    it('takes "history", and "history" first in a list, then the key', async () => {
      const prepared = await prepare({
        objects: [
          { name: 'Account', matchBy: ['history', 'Ext_Id__c'] },
          { name: 'Invoice__c', matchBy: 'history' },
        ],
      });
      const [account, invoice] = prepared.template.objects;
      expect(account).to.include({ history: true });
      expect(account.matchBy).to.deep.equal({ source: ['Ext_Id__c'], target: ['Ext_Id__c'] });
      expect(invoice).to.include({ matchBy: null, history: true });
    });

    it('refuses "history" after a key field in a matchBy list', async () => {
      expect(await problemLines({ objects: [{ name: 'Account', matchBy: ['Ext_Id__c', 'history'] }] })).to.deep.equal([
        '- Account › matchBy: Account names "history" in its matchBy list after a field: history is tried first, then the key, so it must come first. Fix: write it as ["history", "Field", ...] in Account (history, then the key), or "history" alone.',
      ]);
    });

    it('reports where and orderBy clauses the source org rejects, pointing into the clause', async () => {
      const lines = await problemLines(
        { objects: [{ name: 'Account', where: "Nme = 'x'", orderBy: 'Name DESCC' }] },
        {
          soqlErrors: {
            "Nme = 'x'": {
              errorCode: 'INVALID_FIELD',
              message:
                "\nSELECT COUNT() FROM Account WHERE (Nme = 'x')\n                                   ^\nERROR at Row:1:Column:36\nNo such column 'Nme' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
            },
            DESCC: { errorCode: 'MALFORMED_QUERY', message: "unexpected token: 'DESCC'" },
          },
        }
      );
      expect(lines).to.deep.equal([
        `- objects[0] (Account).where: "Nme = 'x'" is not valid SOQL for Account in the source org: No such column 'Nme' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names. (at character 1 of the clause) (INVALID_FIELD). Fix: fix the clause; try it with \`sf data query --query "SELECT COUNT() FROM Account WHERE (Nme = 'x')" --target-org SOURCE\`.`,
        `- objects[0] (Account).orderBy: "Name DESCC" is not valid SOQL for Account in the source org: unexpected token: 'DESCC' (MALFORMED_QUERY). Fix: fix the clause; try it with \`sf data query --query "SELECT Id FROM Account ORDER BY Name DESCC LIMIT 1" --target-org SOURCE\`.`,
      ]);
    });

    it('rejects an order that puts a required lookup forward', async () => {
      const lines = await problemLines({ objects: [{ name: 'Account' }, { name: 'Invoice__c', matchBy: 'Id' }], order: ['Invoice__c', 'Account'] });
      expect(lines).to.deep.equal([
        '- order: "order" loads Invoice__c before Account, but Invoice__c.Account__c is a master-detail field, so every Invoice__c record needs its Account parent to exist first. Fix: move Account before Invoice__c in "order", or remove "order" to let sf isync compute it.',
      ]);
    });

    it('rejects an order that does not list every object exactly once', async () => {
      const lines = await problemLines({ objects: [{ name: 'Account' }, { name: 'Contact' }], order: ['Account', 'Acount', 'Account'] });
      expect(lines).to.deep.equal([
        '- order: "order" lists "Acount", which is not in "objects". Did you mean "Account"? Fix: remove it from "order" or add it to "objects".',
        '- order: "order" lists Account more than once. Fix: keep Account once in "order".',
        '- order: "order" does not list Contact. Fix: add Contact to "order" (every object of the template, each once), or remove "order" to let sf isync compute it.',
      ]);
    });

    it('names the lookups of a cycle that no update pass can break', async () => {
      const target = sampleSchema();
      target[0].fields.push(field('Invoice__c', { type: 'reference', referenceTo: ['Invoice__c'], nillable: false }));
      const source = sampleSchema();
      source[0].fields.push(field('Invoice__c', { type: 'reference', referenceTo: ['Invoice__c'], nillable: true }));
      await writeFile(file, JSON.stringify({ objects: [{ name: 'Account' }, { name: 'Invoice__c', matchBy: 'Id' }] }));
      try {
        await prepareSync({ templateFile: file, source: stubDescribeSource(source), target: stubDescribeSource(target), checkSoql: stubSoqlChecker() });
        expect.fail('expected an error');
      } catch (error) {
        expect((error as SfError).message.split('\n').slice(1)).to.deep.equal([
          '- objects: Account, Invoice__c form a cycle of lookups that cannot be filled by a later update: Account.Invoice__c → Invoice__c (a required lookup); Invoice__c.Account__c → Account (a master-detail field). Fix: remove one of these objects from the template, or make one of these lookups optional (not required, not master-detail, updateable) in the target org.',
        ]);
      }
    });

    it('lists every problem of the template in one error', async () => {
      const lines = await problemLines(
        {
          objects: [
            { name: 'Acount' },
            { name: 'Contact', fields: ['Emial'], where: 'bad' },
            { name: 'Account', matchBy: 'AccountNumber' },
            { name: 'Account' },
          ],
        },
        { soqlErrors: { bad: { errorCode: 'MALFORMED_QUERY', message: "unexpected token: '<EOF>'" } } }
      );
      expect(lines.map((line) => line.split(':')[0])).to.deep.equal([
        '- Acount',
        '- Account',
        '- Contact › fields',
        '- objects[1] (Contact).where',
        '- Account › matchBy',
      ]);
    });
  });

  describe('requests that need only what is known early', () => {
    /** A describe source whose global describe is held until `answerGlobal`: the describes are on their way. */
    function heldGlobalDescribe(): { source: ReturnType<typeof stubDescribeSource>; answerGlobal: () => void } {
      const source = stubDescribeSource(sampleSchema());
      let answer: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (answer = resolve));
      const describeGlobal = source.describeGlobal;
      source.describeGlobal = () => held.then(describeGlobal);
      return { source, answerGlobal: () => answer() };
    }

    it('sends the describes as soon as the file names its objects, before its shape is checked', async () => {
      await writeFile(file, JSON.stringify({ objects: [{ name: 'Account', fieldz: ['Name'] }] }));
      const source = stubDescribeSource(sampleSchema());
      const target = stubDescribeSource(sampleSchema());
      const error = await prepareSync({ templateFile: file, source, target, checkSoql: stubSoqlChecker() }).then(
        () => expect.fail('expected a TemplateSchemaInvalid error'),
        (caught: unknown) => caught as SfError
      );
      expect(error.name).to.equal('TemplateSchemaInvalidError');
      // The shape check failed, yet both orgs had been asked for the describes already.
      expect(source.prefetchCalls).to.deep.equal([['Account']]);
      expect(target.prefetchCalls).to.deep.equal([['Account']]);
    });

    it('checks where and orderBy clauses while the describes are on their way, and keeps only the known objects', async () => {
      await writeFile(
        file,
        JSON.stringify({
          objects: [
            { name: 'Account', where: "Name LIKE 'A%'" },
            { name: 'Acount', where: 'Name = null' },
          ],
        })
      );
      const { source, answerGlobal } = heldGlobalDescribe();
      const checked: string[] = [];
      // The check of the misspelt object fails as a network failure would: dropped, since the object is unknown.
      const checkSoql = (soql: string): Promise<{ ok: true }> => {
        checked.push(soql);
        return soql.includes('Acount') ? Promise.reject(new Error('socket hang up')) : Promise.resolve({ ok: true });
      };
      const preparing = prepareSync({ templateFile: file, source, checkSoql });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(checked).to.deep.equal(["SELECT COUNT() FROM Account WHERE (Name LIKE 'A%')", 'SELECT COUNT() FROM Acount WHERE (Name = null)']);
      answerGlobal();
      const error = await preparing.then(
        () => expect.fail('expected a TemplateInvalid error'),
        (caught: unknown) => caught as SfError
      );
      expect(
        error.message
          .split('\n')
          .slice(1)
          .map((line) => line.split(':')[0])
      ).to.deep.equal(['- Acount']);
    });

    it('hands the template to onTemplate once its shape is checked, while the describes are on their way', async () => {
      const template = { objects: [{ name: 'Account', where: "Name LIKE 'A%'" }] };
      await writeFile(file, JSON.stringify(template));
      const { source, answerGlobal } = heldGlobalDescribe();
      const handed: TemplateFile[] = [];
      const preparing = prepareSync({ templateFile: file, source, checkSoql: stubSoqlChecker(), onTemplate: (read) => handed.push(read) });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(handed).to.deep.equal([template]);
      answerGlobal();
      await preparing;
      expect(handed).to.have.length(1);
    });

    it('does not hand over a template of the wrong shape', async () => {
      await writeFile(file, JSON.stringify({ objects: [{ name: 'Account', fieldz: ['Name'] }] }));
      const handed: TemplateFile[] = [];
      await prepareSync({
        templateFile: file,
        source: stubDescribeSource(sampleSchema()),
        checkSoql: stubSoqlChecker(),
        onTemplate: (read) => handed.push(read),
      }).catch(() => undefined);
      expect(handed).to.deep.equal([]);
    });

    it("sends no clause check for a name that cannot be an object's", async () => {
      await writeFile(
        file,
        JSON.stringify({
          objects: [
            { name: 'Account', where: "Name = 'a'" },
            { name: 'Account WHERE Id != null', where: "Name = 'b'" },
          ],
        })
      );
      const checkSoql = stubSoqlChecker();
      await prepareSync({ templateFile: file, source: stubDescribeSource(sampleSchema()), checkSoql }).catch(() => undefined);
      expect(checkSoql.queries).to.deep.equal(["SELECT COUNT() FROM Account WHERE (Name = 'a')"]);
    });

    it('names the object in its describe spelling, and shows the query as it was run', async () => {
      const lines = await problemLines(
        { objects: [{ name: 'account', where: 'bad' }] },
        { soqlErrors: { bad: { errorCode: 'MALFORMED_QUERY', message: "unexpected token: '<EOF>'" } } }
      );
      expect(lines).to.deep.equal([
        `- objects[0] (account).where: "bad" is not valid SOQL for Account in the source org: unexpected token: '<EOF>' (MALFORMED_QUERY). Fix: fix the clause; try it with \`sf data query --query "SELECT COUNT() FROM account WHERE (bad)" --target-org SOURCE\`.`,
      ]);
    });

    it("throws the failure of a known object's clause check, as when it was checked after the describes", async () => {
      await writeFile(file, JSON.stringify({ objects: [{ name: 'Account', where: "Name LIKE 'A%'" }] }));
      const failing = (): Promise<never> => Promise.reject(new Error('socket hang up'));
      const error = await prepareSync({ templateFile: file, source: stubDescribeSource(sampleSchema()), checkSoql: failing }).then(
        () => expect.fail('expected the check to fail'),
        (caught: unknown) => caught as Error
      );
      expect(error.message).to.equal('socket hang up');
    });
  });
});
