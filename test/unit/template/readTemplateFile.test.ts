import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { SfError } from '@salesforce/core';
import { locateJsonError, readTemplateFile } from '../../../src/lib/template/readTemplateFile.js';

async function expectSfError(promise: Promise<unknown>): Promise<SfError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(SfError);
    expect((error as SfError).exitCode).to.equal(1);
    return error as SfError;
  }
  return expect.fail('expected an SfError');
}

describe('readTemplateFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'isync-template-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a valid template', async () => {
    const file = join(dir, 'ok.json');
    await writeFile(file, JSON.stringify({ objects: [{ name: 'Account', matchBy: ['Name', 'Legacy__c=Ext__c'] }], options: { batchSize: 50 } }));
    expect(await readTemplateFile(file)).to.deep.equal({
      objects: [{ name: 'Account', matchBy: ['Name', 'Legacy__c=Ext__c'] }],
      options: { batchSize: 50 },
    });
  });

  it('reports a missing file with the path and how to start a template', async () => {
    const file = join(dir, 'missing.json');
    const error = await expectSfError(readTemplateFile(file));
    expect(error.name).to.equal('TemplateNotFoundError');
    expect(error.message).to.equal(`Template file not found: ${file}.`);
    expect(error.actions?.join('\n')).to.contain(`--objects Account --objects Contact --write ${file}`);
  });

  it("reports a folder as a folder, not with Node's EISDIR", async () => {
    const error = await expectSfError(readTemplateFile(dir));
    expect(error.name).to.equal('TemplateIsFolderError');
    expect(error.message).to.equal(`The template ${dir} is a folder, not a file.`);
    expect(error.actions).to.deep.equal([
      `Pass --template the path of a template file (JSON), for example ${join(dir, 'isync.json')}.`,
      `To start a template, run \`sf isync order --source-org ALIAS --objects Account --objects Contact --write ${join(dir, 'isync.json')}\`.`,
    ]);
  });

  it('reports invalid JSON with its line and column', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(file, '{\n  "objects": [\n    { "name": "Account" }\n    { "name": "Contact" }\n  ]\n}\n');
    const error = await expectSfError(readTemplateFile(file));
    expect(error.message).to.equal(`${file} is not valid JSON: Expected ',' or ']' after array element (line 4, column 5).`);
  });

  it('lists every shape problem at once, with a did-you-mean for misspelt properties', async () => {
    const file = join(dir, 'shape.json');
    await writeFile(file, JSON.stringify({ objects: [{ name: 'Account', wher: "Name = 'x'", limit: 0, matchBy: 'Name Ext' }], options: { batchSize: 500 } }));
    const error = await expectSfError(readTemplateFile(file));
    expect(error.name).to.equal('TemplateSchemaInvalidError');
    expect(error.message).to.equal(
      [
        `${file} does not have the shape of a sync template (4 problem(s)):`,
        '- objects[0] (Account): unknown property "wher". Did you mean "where"?',
        '- objects[0] (Account).limit: must be >= 1',
        '- objects[0] (Account).matchBy: must be a field API name, or SourceField=TargetField when the names differ between the orgs',
        '- options.batchSize: must be <= 200',
      ].join('\n')
    );
    expect(error.actions?.join('\n')).to.contain('schemas/isync-template.schema.json');
  });

  it('requires objects', async () => {
    const file = join(dir, 'empty.json');
    await writeFile(file, '{}');
    const error = await expectSfError(readTemplateFile(file));
    expect(error.message).to.contain("(top level): must have required property 'objects'");
  });
});

describe('locateJsonError', () => {
  it('computes line and column from the offset V8 reports', () => {
    const text = '{\n  "a": 1,\n  "b" 2\n}';
    expect(locateJsonError(text, "Expected ':' after property name in JSON at position 18 (line 3 column 7)")).to.deep.equal({
      reason: "Expected ':' after property name",
      line: 3,
      column: 7,
    });
  });

  it('points past the end for truncated input', () => {
    expect(locateJsonError('{\n', 'Unexpected end of JSON input')).to.deep.equal({ reason: 'Unexpected end of JSON input', line: 2, column: 1 });
  });
});
