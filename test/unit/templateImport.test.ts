import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SfError } from '@salesforce/core';
import type { RemoteOrg } from '@sf-isync/org-emulator';
import { sfdmuPlan } from '../../scripts/bench/tools/sfdmuPlan.js';
import { readBenchTemplate } from '../../scripts/bench/template.js';
import { importSfdmu } from '../../src/lib/template/import/importSfdmu.js';
import { readSfdmuExport } from '../../src/lib/template/import/readSfdmuExport.js';
import type { SfdmuExport, ImportNote } from '../../src/lib/template/import/sfdmuExport.js';
import { importMockPattern } from '../../src/lib/template/import/sfdmuMocks.js';
import { parseSfdmuQuery } from '../../src/lib/template/import/sfdmuQuery.js';
import { importedTemplateFile } from '../../src/lib/template/import/importedTemplateFile.js';
import { assertNewTemplatePath } from '../../src/lib/graph/writeTemplateFile.js';
import { writeTemplateFile } from '../../src/lib/graph/writeTemplateFile.js';
import { TEMPLATE_SCHEMA_FILE } from '../../src/lib/template/templateSchemaRef.js';
import { templateShapeProblems } from '../../src/lib/template/templateSchema.js';
import type { TemplateFile } from '../../src/lib/template/templateFile.js';

const imported = (exported: SfdmuExport, objectSet?: number): ReturnType<typeof importSfdmu> => importSfdmu(exported, { exportPath: 'export.json', objectSet });
const paths = (notes: ImportNote[]): string[] => notes.map((note) => note.path);

function thrown(action: () => unknown): SfError {
  try {
    action();
  } catch (error) {
    return error as SfError;
  }
  throw new Error('expected an error');
}

async function rejected(action: () => Promise<unknown>): Promise<SfError> {
  try {
    await action();
  } catch (error) {
    return error as SfError;
  }
  throw new Error('expected an error');
}

describe('sf isync template import (SFDMU export.json)', () => {
  describe('the bench: SFDMU plan of the bench template, imported back', () => {
    const bench = readBenchTemplate();
    const org = (name: string): RemoteOrg => ({ instanceUrl: `http://127.0.0.1/${name}`, accessToken: `secret-token-${name}` }) as RemoteOrg;
    const plan = sfdmuPlan(bench, org('source'), org('target'));
    const result = imported(plan);

    it('gives the bench template’s objects, fields and filters', () => {
      const objects = result.template.objects;
      expect(objects.map((object) => object.name)).to.deep.equal(bench.objects.map((object) => object.name));
      for (const [index, object] of bench.objects.entries()) {
        expect(objects[index].fields, object.name).to.deep.equal(object.fields);
        // Pricebook2 is the one object the plan reads otherwise: SFDMU upserts every price book by Name, the
        // standard one included (sfdmuPlan.ts SFDMU_NEEDS), so its export.json has no filter.
        if (object.name === 'Pricebook2') expect(objects[index].where).to.equal(undefined);
        else expect(objects[index].where, object.name).to.equal(object.where);
      }
      expect(result.template.options).to.deep.equal({ bulkThreshold: bench.bulkThreshold });
    });

    it('turns Insert into "update": false, Upsert by Name into matchBy Name, and says that Id is no key', () => {
      const pricebook = result.template.objects.find((object) => object.name === 'Pricebook2')!;
      expect(pricebook).to.include({ matchBy: 'Name' });
      expect(pricebook).to.not.have.property('update');
      const account = result.template.objects[0];
      expect(account).to.include({ update: false });
      expect(account).to.not.have.property('matchBy');
      expect(result.notes.filter((note) => note.path === 'objects[0].externalId')[0].why).to.contain('first external id field');
      expect(result.notes.filter((note) => note.path === 'objects[0].operation')[0].why).to.contain('"matchBy": false');
    });

    it('lists the script settings it does not import, with the access tokens hidden', () => {
      expect(paths(result.notImported)).to.deep.equal(['orgs', 'pollingIntervalMs', 'createTargetCSVFiles']);
      expect(JSON.stringify(result)).to.not.contain('secret-token');
      expect(result.notImported[0].value).to.deep.equal([
        { name: 'source', instanceUrl: 'http://127.0.0.1/source', accessToken: '(hidden)' },
        { name: 'target', instanceUrl: 'http://127.0.0.1/target', accessToken: '(hidden)' },
      ]);
    });

    it('is a valid template once written, with $schema pointing at the shipped schema', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'isync-import-'));
      mkdirSync(join(folder, 'deep'));
      const file = join(folder, 'deep', 'isync-template.json');
      const written = await importedTemplateFile(file, result.template);
      await writeTemplateFile(file, written);
      const onDisk = JSON.parse(readFileSync(file, 'utf8')) as TemplateFile;
      expect(onDisk).to.deep.equal(written);
      expect(Object.keys(onDisk)[0]).to.equal('$schema');
      expect(join(folder, 'deep', onDisk.$schema!)).to.equal(TEMPLATE_SCHEMA_FILE);
      expect(await templateShapeProblems(onDisk)).to.deep.equal([]);
    });
  });

  describe('objects', () => {
    it('reads the query into name, fields, where, orderBy and limit, leaving out Id, parent and audit fields with a note', () => {
      const result = imported({
        objects: [
          {
            query:
              'SELECT Id, Name, Account.Name, AccountId, Owner.Email, CreatedDate FROM Contact WHERE (Email != null AND CreatedDate = LAST_N_DAYS:30) ORDER BY LastName DESC NULLS LAST LIMIT 500',
            operation: 'Upsert',
            externalId: 'Email',
            excludedFields: ['Phone', 'Account.Phone'],
          },
        ],
      });
      expect(result.template.objects).to.deep.equal([
        {
          name: 'Contact',
          fields: ['Name', 'AccountId'],
          where: '(Email != null AND CreatedDate = LAST_N_DAYS:30)',
          orderBy: 'LastName DESC NULLS LAST',
          limit: 500,
          excludeFields: ['Phone'],
          matchBy: 'Email',
        },
      ]);
      const parents = result.notes.find((note) => note.value === 'Account.Name, Owner.Email')!;
      expect(parents.why).to.contain('resolves lookups itself').and.contain('OwnerId');
      expect(result.notes.find((note) => note.value === 'CreatedDate')?.why).to.contain('audit');
      expect(paths(result.notImported)).to.deep.equal(['objects[0].excludedFields']);
    });

    it('leaves fields to isync’s default when the query has SFDMU’s field keywords, and says so', () => {
      const result = imported({
        objects: [
          { query: 'SELECT all FROM Account', operation: 'Upsert', externalId: 'Name' },
          { query: 'SELECT readonly_false, custom_true, Name FROM Lead', operation: 'Upsert', externalId: 'Email' },
        ],
      });
      expect(result.template.objects[0]).to.deep.equal({ name: 'Account', matchBy: 'Name' });
      expect(result.template.objects[1]).to.not.have.property('fields');
      expect(result.notes.find((note) => note.path === 'objects[1].query')?.why)
        .to.contain('default')
        .and.contain('Name');
    });

    it('maps each operation: Insert, Update, Upsert, Readonly with and without a key, and leaves out deletes', () => {
      const result = imported({
        objects: [
          { query: 'SELECT Name FROM Account', operation: 'Insert', externalId: 'Name' },
          { query: 'SELECT LastName FROM Contact', operation: 'Update', externalId: 'Email;LastName' },
          { query: 'SELECT Name FROM Lead', operation: 'upsert', externalId: '$$Account.Name$LastName' },
          { query: 'SELECT Name FROM Product2', operation: 'Readonly', externalId: 'ProductCode' },
          { query: 'SELECT Id FROM User', operation: 'Readonly', externalId: 'Username' },
          { query: 'SELECT Id FROM Case', operation: 'Delete' },
          { query: 'SELECT Id FROM Task', operation: 'HardDelete' },
          { query: 'SELECT Name FROM Campaign', excluded: true, operation: 'Upsert' },
        ],
      });
      expect(result.template.objects).to.deep.equal([
        { name: 'Account', fields: ['Name'], matchBy: 'Name', update: false },
        { name: 'Contact', fields: ['LastName'], matchBy: ['Email', 'LastName'], insert: false },
        { name: 'Lead', fields: ['Name'], matchBy: ['AccountId', 'LastName'] },
        { name: 'Product2', matchBy: 'ProductCode', insert: false, update: false },
      ]);
      expect(paths(result.notImported)).to.deep.equal(['objects[5].operation', 'objects[6].operation']);
      expect(result.notes.find((note) => note.path === 'objects[4].operation')?.why).to.contain('User by Username');
      expect(result.notes.find((note) => note.path === 'objects[7].excluded')?.why).to.contain('left out');
    });

    it('imports fieldMapping as target and fieldMap, mock fields as mask and set, and lists what has no equivalent', () => {
      const result = imported({
        objects: [
          {
            query: 'SELECT Id, FirstName, LastName, Email, Phone, Company, City, Description, Legacy__c, Rating FROM Lead',
            operation: 'Upsert',
            externalId: 'Email',
            useFieldMapping: true,
            fieldMapping: [
              { targetObject: 'Prospect__c' },
              { sourceField: 'Legacy__c', targetField: 'Code__c' },
              { sourceField: 'Account.Name', targetField: 'X__c' },
            ],
            updateWithMockData: true,
            mockFields: [
              { name: 'FirstName', pattern: 'first_name' },
              { name: 'LastName', pattern: 'last_name', excludedRegex: '^Test' },
              { name: 'Phone', pattern: 'phone' },
              { name: 'Company', pattern: 'company_name' },
              { name: 'Description', pattern: 'sentence' },
              { name: 'Legacy__c', pattern: "c_set_value('L-1')" },
              { name: 'City', pattern: 'country' },
              { name: 'Rating', pattern: 'c_seq_number("R", 1, 1)' },
              { name: 'all', pattern: 'ids' },
            ],
            deleteOldData: true,
            targetRecordsFilter: "Status = 'Open'",
            useValuesMapping: true,
            master: false,
            someTypo: 1,
          },
        ],
      });
      expect(result.template.objects[0]).to.deep.equal({
        name: 'Lead',
        target: 'Prospect__c',
        fields: ['FirstName', 'LastName', 'Email', 'Phone', 'Company', 'City', 'Description', 'Rating'],
        matchBy: 'Email',
        fieldMap: { Legacy__c: 'Code__c' },
        mask: { FirstName: 'firstName', LastName: 'lastName', Phone: 'phone', Company: 'company', Description: 'redact' },
        set: { Code__c: 'L-1' },
      });
      expect(paths(result.notImported)).to.deep.equal([
        'objects[0].master',
        'objects[0].fieldMapping[2]',
        'objects[0].mockFields[6]',
        'objects[0].mockFields[7]',
        'objects[0].mockFields[8]',
        'objects[0].deleteOldData',
        'objects[0].targetRecordsFilter',
        'objects[0].useValuesMapping',
        'objects[0].someTypo',
      ]);
      expect(result.notImported.find((note) => note.setting === 'someTypo')?.why).to.contain('not an export.json setting');
      expect(result.notes.find((note) => note.path === 'objects[0].mockFields[1]')?.why).to.contain('excludedRegex');
      expect(result.notes.find((note) => note.path === 'objects[0].mockFields[4]')?.why).to.contain('[redacted]');
    });

    it('maps mock patterns onto mask kinds where one fakes the same kind of value', () => {
      expect(importMockPattern('email')).to.deep.equal({ kind: 'mask', mask: 'email' });
      expect(importMockPattern('full_name')).to.deep.equal({ kind: 'mask', mask: 'name' });
      expect(importMockPattern('zip(5)')).to.deep.equal({ kind: 'mask', mask: 'postalCode' });
      expect(importMockPattern('integer(10, 99)')).to.deep.equal({ kind: 'mask', mask: 'number:10-99' });
      expect(importMockPattern('c_set_value(null)')).to.deep.equal({ kind: 'set', value: null });
      expect(importMockPattern('c_set_value(42)')).to.deep.equal({ kind: 'set', value: 42 });
      expect(importMockPattern('address')).to.include({ kind: 'mask', mask: 'street' });
      for (const pattern of ['ids', 'country', 'c_seq_date("2024-01-01", "d")', "c_set_value('x RAW_VALUE')", 'words(3']) {
        expect(importMockPattern(pattern).kind, pattern).to.equal('none');
      }
    });

    it('reads SFDMU’s complex and polymorphic fields, and lists clauses a template cannot hold', () => {
      const query = parseSfdmuQuery(
        "SELECT Id, WhatId$Account, $$Account.Name$Subject, COUNT(Id) FROM Task WHERE Subject LIKE 'a$%' GROUP BY WhatId, Subject OFFSET 5"
      );
      expect(query.fields).to.deep.equal(['WhatId', 'Subject']);
      expect(query.polymorphic).to.deep.equal(['WhatId$Account']);
      expect(query.relationshipFields).to.deep.equal(['Account.Name']);
      expect(query.where).to.equal("Subject LIKE 'a$%'");
      expect(query.unsupported.map((part) => part.clause)).to.deep.equal(['SELECT function', 'OFFSET', 'GROUP BY']);
    });
  });

  describe('script settings and object sets', () => {
    it('imports bulkThreshold, restApiBatchSize, allOrNone and keepObjectOrderWhileExecute, and lists the rest', () => {
      const result = imported({
        objects: [
          { query: 'SELECT Name FROM Account', operation: 'Upsert' },
          { query: 'SELECT LastName, AccountId FROM Contact', operation: 'Upsert' },
          { query: 'SELECT Name FROM Lead', operation: 'Upsert' },
        ],
        excludedObjects: ['Lead'],
        bulkThreshold: 5000,
        restApiBatchSize: 100,
        allOrNone: true,
        keepObjectOrderWhileExecute: true,
        simulationMode: true,
        parallelRestJobs: 4,
        beforeAddons: [{ module: 'core:RecordsTransform' }],
        apiVersion: '60.0',
      });
      expect(result.template.objects.map((object) => object.name)).to.deep.equal(['Account', 'Contact']);
      expect(result.template.order).to.deep.equal(['Account', 'Contact']);
      expect(result.template.options).to.deep.equal({ bulkThreshold: 5000, batchSize: 100, continueOnError: false });
      expect(paths(result.notImported)).to.deep.equal(['simulationMode', 'parallelRestJobs', 'beforeAddons', 'apiVersion']);
      expect(result.notImported[0].why).to.contain('--dry-run');
      expect(paths(result.notes)).to.include.members(['allOrNone', 'keepObjectOrderWhileExecute', 'objects[2]']);
    });

    it('imports the first object set and lists the others; --object-set picks another', () => {
      const exported: SfdmuExport = {
        objectSets: [
          { objects: [{ query: 'SELECT Name FROM Account', operation: 'Upsert' }] },
          { objects: [{ query: 'SELECT Name FROM Account', operation: 'Update', externalId: 'Name' }] },
        ],
      };
      const first = imported(exported);
      expect(first.template.objects).to.deep.equal([{ name: 'Account', fields: ['Name'] }]);
      expect(first.notImported).to.deep.include({
        path: 'objectSets[1].objects',
        setting: 'objectSets',
        value: ['Account'],
        why: 'object set 2 of 2 is a separate SFDMU run; a template is one run: import it into a template of its own with --object-set 2',
      });
      const second = imported(exported, 2);
      expect(second.template.objects).to.deep.equal([{ name: 'Account', fields: ['Name'], matchBy: 'Name', insert: false }]);
      expect(second.objectSet).to.equal(2);
      expect(thrown(() => imported(exported, 3)).name).to.equal('ObjectSetMissingError');
    });
  });

  describe('bad input: a clear error, nothing written', () => {
    const folder = mkdtempSync(join(tmpdir(), 'isync-import-bad-'));
    const file = (name: string, text: string): string => {
      writeFileSync(join(folder, name), text);
      return join(folder, name);
    };

    it('refuses a missing file, a folder, text that is not JSON (line and column) and JSON that is no export.json', async () => {
      expect((await rejected(() => readSfdmuExport(join(folder, 'none.json')))).name).to.equal('ExportNotFoundError');
      expect((await rejected(() => readSfdmuExport(folder))).name).to.equal('ExportIsFolderError');
      const notJson = await rejected(() => readSfdmuExport(file('bad.json', '{\n  "objects": [\n    { "query": "SELECT Id FROM Account", }\n  ]\n}')));
      expect(notJson.name).to.equal('ExportNotJsonError');
      expect(notJson.message).to.match(/line 3, column 42/);
      expect(notJson.exitCode).to.equal(1);
      const notExport = await rejected(() => readSfdmuExport(file('template.json', '{ "objectz": [] }')));
      expect(notExport.name).to.equal('NotSfdmuExportError');
      expect(notExport.message).to.contain('neither "objects" nor "objectSets"');
      expect(notExport.actions?.join('\n')).to.contain('"query"');
    });

    it('refuses a query that does not parse, an unknown operation, and an export with nothing a template can take', () => {
      const bad = thrown(() => imported({ objects: [{ query: 'SELECT Id, FROM Account', operation: 'Upsert' }] }));
      expect(bad.name).to.equal('QueryInvalidError');
      expect(bad.message).to.contain('objects[0].query');
      expect(bad.actions?.join('\n')).to.contain('sf data query');
      expect(thrown(() => imported({ objects: [{ query: 'SELECT Id FROM Account', operation: 'Merge' }] })).name).to.equal('UnknownOperationError');
      expect(thrown(() => imported({ objects: [{ operation: 'Upsert' }] })).name).to.equal('QueryMissingError');
      expect(thrown(() => imported({ objects: [{ query: 'SELECT Id FROM Account', operation: 'Delete' }] })).name).to.equal('NothingToImportError');
    });

    it('refuses to replace an existing file without --force, and an output path in a missing folder', () => {
      const existing = file('isync-template.json', '{}');
      expect(thrown(() => assertNewTemplatePath(existing, '--file', false)).name).to.equal('TemplateExistsError');
      expect(() => assertNewTemplatePath(existing, '--file', true)).to.not.throw();
      expect(thrown(() => assertNewTemplatePath(join(folder, 'no', 't.json'), '--file', false)).name).to.equal('WriteFolderMissingError');
      expect(thrown(() => assertNewTemplatePath(folder, '--file', true)).name).to.equal('WriteIsFolderError');
    });
  });
});
