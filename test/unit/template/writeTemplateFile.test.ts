import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { prepareSync } from '../../../src/lib/template/prepareSync.js';
import { matchBySpec, templateForWriting, writeTemplateFile } from '../../../src/lib/template/writeTemplateFile.js';
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

  const prepareFrom = (templateFile: string) =>
    prepareSync({ templateFile, source: stubDescribeSource(sampleSchema()), checkSoql: stubSoqlChecker() });

  it('writes the order and toggles, and reading it back gives the same plan', async () => {
    const input = join(dir, 'in.json');
    await writeFile(
      input,
      JSON.stringify({
        $schema: '../schemas/isync-template.schema.json',
        objects: [{ name: 'invoice__c', matchBy: 'Id', insert: false }, { name: 'Contact', fields: ['LastName', 'AccountId'] }, { name: 'Account', excludeFields: ['Description'] }],
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
      options: { continueOnError: true, batchSize: 200, bulkThreshold: 10_000, concurrency: 4, objectByObject: false },
    });
    const second = await prepareFrom(output);
    expect(second.plan.ordering).to.equal('manual');
    const withoutReasons = (steps: typeof first.plan.steps) => steps.map(({ reason: _r, ...rest }) => rest);
    expect(withoutReasons(second.plan.steps)).to.deep.equal(withoutReasons(first.plan.steps));
    expect(await readdir(dir)).to.have.members(['in.json', 'out.json']);
  });

  it('writes composite and cross-named keys in template notation', () => {
    expect(matchBySpec({ source: ['A', 'B'], target: ['A', 'C'] })).to.deep.equal(['A', 'B=C']);
    expect(matchBySpec({ source: ['Legacy__c'], target: ['Ext__c'] })).to.equal('Legacy__c=Ext__c');
  });

  it('leaves no temporary file behind when the write fails', async () => {
    const missingFolder = join(dir, 'no', 'such', 'out.json');
    try {
      await writeTemplateFile(missingFolder, { objects: [{ name: 'Account' }] });
      expect.fail('expected an error');
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).to.equal('ENOENT');
    }
    expect(await readdir(dir)).to.deep.equal([]);
  });
});
