import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { SfError } from '@salesforce/core';
import type { OrgApi } from '../../../src/lib/api/orgApi.js';
import { matchKeysByObject } from '../../../src/lib/run/objectSpecs.js';
import { prepareSync, type PreparedSync } from '../../../src/lib/run/prepareSync.js';
import type { TemplateFile } from '../../../src/lib/template/templateFile.js';
import { templateForWriting } from '../../../src/lib/graph/writeTemplateFile.js';
import { IdMap } from '../../../src/lib/util/idMap.js';
import { prepareRecord, type ObjectSyncSpec } from '../../../src/lib/transform/recordTransformer.js';
import { ReferenceResolver } from '../../../src/lib/transform/referenceResolver.js';
import { sampleSchema } from './sampleSchema.js';
import { stubDescribeSource, stubSoqlChecker } from './stubOrg.js';
import { PARENT_NOT_SYNCED } from '../../../src/lib/util/outcomeCodes.js';

describe('insert-only objects ("matchBy": false)', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'isync-insert-only-'));
    file = join(dir, 'sync.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function prepare(template: TemplateFile): Promise<PreparedSync> {
    await writeFile(file, JSON.stringify(template));
    return prepareSync({ templateFile: file, source: stubDescribeSource(sampleSchema()), checkSoql: stubSoqlChecker() });
  }

  async function errorOf(template: TemplateFile): Promise<SfError> {
    try {
      await prepare(template);
    } catch (error) {
      expect(error).to.be.instanceOf(SfError);
      return error as SfError;
    }
    return expect.fail('expected an error');
  }

  it('has no key, inserts and does not update by default, and warns that re-runs insert again', async () => {
    // Invoice__c has no external id and an auto-number name: without matchBy false it is matched by history.
    const byHistory = await prepare({ objects: [{ name: 'Account' }, { name: 'Invoice__c' }] });
    expect(byHistory.template.objects[1]).to.include({ matchBy: null, history: true, insert: true, update: true });

    const prepared = await prepare({ objects: [{ name: 'Account' }, { name: 'Invoice__c', matchBy: false }] });
    const invoice = prepared.template.objects.find((object) => object.name === 'Invoice__c')!;
    expect(invoice).to.include({ matchBy: null, history: false, insert: true, update: false });
    expect(prepared.warnings.join('\n')).to.contain('Invoice__c is insert-only ("matchBy": false): every run inserts its selected source records again');
    expect(prepared.plan.steps.map((step) => step.object)).to.deep.equal(['Account', 'Invoice__c']);
  });

  it('reports update: true and insert: false as template problems, with their fixes', async () => {
    const error = await errorOf({ objects: [{ name: 'Account' }, { name: 'Invoice__c', matchBy: false, update: true, insert: false }] });
    expect(error.name).to.equal('TemplateInvalidError');
    const lines = error.message.split('\n').slice(1);
    expect(lines).to.have.length(2);
    expect(lines[0]).to.equal(
      '- Invoice__c › update: Invoice__c has "matchBy": false (insert-only) and "update": true, but an object without a match key cannot find the target records to update. ' +
        'Fix: remove "update" from Invoice__c (insert-only objects never update), or give it "matchBy": "history" or a key to update matched records.'
    );
    expect(lines[1]).to.contain('Invoice__c › insert: Invoice__c has "matchBy": false (insert-only) and "insert": false');
  });

  it('refuses "matchBy": true in the shape check, saying what matchBy takes', async () => {
    const error = await errorOf({ objects: [{ name: 'Invoice__c', matchBy: true as unknown as false }] });
    expect(error.name).to.equal('TemplateSchemaInvalidError');
    expect(error.message).to.contain(
      'objects[0] (Invoice__c).matchBy: must be a field, a list of fields, or false (insert-only: nothing is matched); true is not a match key'
    );
  });

  it('writes back as "matchBy": false, and gives lookups no key to resolve it by', async () => {
    const prepared = await prepare({ objects: [{ name: 'Account' }, { name: 'Invoice__c', matchBy: false }] });
    const written = templateForWriting(prepared.template, prepared.plan);
    expect(written.objects.find((object) => object.name === 'Invoice__c')).to.include({ matchBy: false, insert: true, update: false });
    const keysOf = matchKeysByObject(prepared.template, prepared.plan);
    expect(keysOf('Invoice__c')).to.deep.equal([]);
    expect(keysOf('Account')).to.deep.equal([{ source: ['Ext_Id__c'], target: ['Ext_Id__c'] }]);
  });

  it('resolves nothing by key for an object without one, without querying', async () => {
    const queries: string[] = [];
    const api: OrgApi = {
      apiVersion: '62.0',
      request<T>(_method: string, path: string): Promise<T> {
        queries.push(path);
        return Promise.resolve({ totalSize: 0, done: true, records: [] } as T);
      },
    };
    const resolver = new ReferenceResolver(api, api, () => []);
    await resolver.resolve('Invoice__c', ['a00000000000001AAA']);
    expect(resolver.cached('a00000000000001AAA')).to.equal(null);
    expect(queries).to.deep.equal([]);
  });

  it('fails a child whose insert-only parent this run did not insert, with a per-record error that says why', async () => {
    const prepared = await prepare({ objects: [{ name: 'Account', matchBy: false }, { name: 'Contact' }] });
    const schema = new Map(sampleSchema().map((describe) => [describe.name, describe]));
    const contact = prepared.template.objects.find((object) => object.name === 'Contact')!;
    const describe = schema.get('Contact')!;
    const spec: ObjectSyncSpec = {
      object: contact,
      source: describe,
      target: describe,
      fields: describe.fields.filter((field) => contact.fields.includes(field.name)),
      deferredLookups: new Set(),
      selfReferences: new Set(),
    };
    const parentId = '001000000000009AAA';
    const record = prepareRecord({ Id: '003000000000001AAA', LastName: 'Lovelace', AccountId: parentId }, spec, {
      idMap: new IdMap(),
      templateObjects: new Set(['Account', 'Contact']),
      objectOfId: (id) => (id.startsWith('001') ? 'Account' : undefined),
      resolved: () => null,
      targetUserId: '005000000000001AAA',
      isInsertOnly: (object) => object === 'Account',
    });
    expect(record.failure?.statusCode).to.equal(PARENT_NOT_SYNCED);
    expect(record.failure?.fields).to.deep.equal(['AccountId']);
    expect(record.failure?.message).to.equal(
      `AccountId points to Account ${parentId}, which this run did not insert. Account is insert-only ("matchBy": false), so its records are found only among those the run inserted, never by key in the target. Select that record in Account's "where" (or fix why it failed), then run "sf isync retry".`
    );
  });
});
