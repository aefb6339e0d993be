import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { prepareSync } from '../../../src/lib/run/prepareSync.js';
import { SfError } from '@salesforce/core';
import { assertWritableTemplatePath, matchBySpec, templateForWriting, writeTemplateFile } from '../../../src/lib/graph/writeTemplateFile.js';
import { sampleSchema } from './sampleSchema.js';
import { stubDescribeSource, stubSoqlChecker } from './stubOrg.js';

describe('writeTemplateFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'isync-write-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const prepareFrom = (templateFile: string) => prepareSync({ templateFile, source: stubDescribeSource(sampleSchema()), checkSoql: stubSoqlChecker() });

  it('writes the transformations back so that reading the file gives the same rules (a retry applies them again)', async () => {
    const input = join(dir, 'in.json');
    const account = {
      name: 'Account',
      matchBy: 'Ext_Id__c',
      fieldMap: { AccountNumber: ['Description', 'AccountNumber'] },
      compute: { Ext_Id__c: "'X-' & AccountNumber" },
      valueMap: { Description: { A: 'B', '*': null } },
      mask: { AccountNumber: { kind: 'redact' } },
    };
    await writeFile(input, JSON.stringify({ objects: [account] }));
    const first = await prepareFrom(input);
    const output = join(dir, 'out.json');
    await writeTemplateFile(output, templateForWriting(first.template, first.plan));
    const again = await prepareFrom(output);
    expect(again.template.objects[0].transform).to.deep.equal(first.template.objects[0].transform);
    expect(again.template.objects[0].fields).to.deep.equal(first.template.objects[0].fields);
  });

  it('writes the order and toggles, and reading it back gives the same plan', async () => {
    const input = join(dir, 'in.json');
    await writeFile(
      input,
      JSON.stringify({
        $schema: '../schemas/isync-template.schema.json',
        objects: [
          { name: 'invoice__c', matchBy: 'Id', insert: false },
          { name: 'Contact', fields: ['LastName', 'AccountId'] },
          { name: 'Account', excludeFields: ['Description'] },
        ],
      })
    );
    const first = await prepareFrom(input);
    const output = join(dir, 'out.json');
    await writeTemplateFile(output, templateForWriting(first.template, first.plan, first.file.$schema));

    expect(JSON.parse(await readFile(output, 'utf8'))).to.deep.equal({
      $schema: '../schemas/isync-template.schema.json',
      objects: [
        { name: 'Invoice__c', matchBy: 'Id', insert: false, update: true },
        { name: 'Contact', fields: ['LastName', 'AccountId'], matchBy: 'Name', insert: true, update: true },
        { name: 'Account', excludeFields: ['Description'], matchBy: 'Ext_Id__c', insert: true, update: true },
      ],
      order: ['Account', 'Contact', 'Invoice__c'],
      options: {
        continueOnError: true,
        batchSize: 200,
        bulkThreshold: 10_000,
        concurrency: 4,
        objectByObject: false,
        syncType: 'full',
        includeDeleted: false,
        disableAutomation: [],
      },
    });
    const second = await prepareFrom(output);
    expect(second.plan.ordering).to.equal('manual');
    const withoutReasons = (steps: typeof first.plan.steps) => steps.map(({ reason: _r, ...rest }) => rest);
    expect(withoutReasons(second.plan.steps)).to.deep.equal(withoutReasons(first.plan.steps));
    expect(await readdir(dir)).to.have.members(['in.json', 'out.json']);
  });

  it('writes composite and cross-named keys in template notation', () => {
    expect(matchBySpec({ source: ['A', 'B'], target: ['A', 'C'] }, false)).to.deep.equal(['A', 'B=C']);
    expect(matchBySpec({ source: ['Legacy__c'], target: ['Ext__c'] }, false)).to.equal('Legacy__c=Ext__c');
    expect(matchBySpec({ source: ['Name'], target: ['Name'] }, true)).to.deep.equal(['history', 'Name']);
    expect(matchBySpec(null, true)).to.equal('history');
    expect(matchBySpec(null, false)).to.equal(false);
  });

  it('names a folder that does not exist, and leaves no temporary file behind', async () => {
    const missingFolder = join(dir, 'no', 'such', 'out.json');
    const error = await writeTemplateFile(missingFolder, { objects: [{ name: 'Account' }] }).then(
      () => expect.fail('expected an error'),
      (caught: unknown) => caught as SfError
    );
    expect(error).to.be.instanceOf(SfError);
    expect([error.name, error.exitCode]).to.deep.equal(['WriteFolderMissingError', 1]);
    expect(error.message).to.equal(`The folder ${join(dir, 'no', 'such')}, where --write ${missingFolder} would be written, does not exist.`);
    expect(error.actions).to.deep.equal([`Create the folder first (\`mkdir -p ${join(dir, 'no', 'such')}\`), or pass --write a path in a folder that exists.`]);
    expect(await readdir(dir)).to.deep.equal([]);
  });

  it('refuses a folder, and a path under a file, before writing anything', async () => {
    const file = join(dir, 'in.json');
    await writeFile(file, '{}');
    const refusal = (path: string): string | undefined => {
      try {
        assertWritableTemplatePath(path);
        return undefined;
      } catch (error) {
        return `${(error as SfError).name}: ${(error as SfError).message}`;
      }
    };
    expect(refusal(dir)).to.equal(`WriteIsFolderError: --write ${dir} is a folder: the template is written to a file.`);
    expect(refusal(join(file, 'out.json'))).to.equal(
      `WriteFolderIsFileError: ${file}, the folder of --write ${join(file, 'out.json')}, is a file, not a folder.`
    );
    expect(refusal(join(dir, 'new.json'))).to.equal(undefined);
    expect(refusal(file)).to.equal(undefined);
  });
});
