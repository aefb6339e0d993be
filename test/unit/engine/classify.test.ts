import { expect } from 'chai';
import { classify } from '../../../src/lib/load/classify.js';
import { sameValue } from '../../../src/lib/scan/valueCompare.js';
import { matchKeyOf } from '../../../src/lib/scan/matchKey.js';
import { IdMap } from '../../../src/lib/util/idMap.js';
import { prepareRecord, type LookupContext, type ObjectSyncSpec } from '../../../src/lib/transform/recordTransformer.js';
import { SelfReferenceQueue } from '../../../src/lib/load/selfReferenceQueue.js';
import { describe as describeObject, field, lookup } from './describeKit.js';
import { PARENT_NOT_SYNCED } from '../../../src/lib/util/outcomeCodes.js';

const ACCOUNT = describeObject('Account', [
  field('Name', { nameField: true, nillable: false }),
  field('AnnualRevenue', { type: 'currency' }),
  lookup('ParentId', ['Account']),
  lookup('OwnerId', ['User', 'Group'], { nillable: false }),
  lookup('Partner__c', ['Partner__c']),
  lookup('Region__c', ['Region__c']),
]);

function spec(overrides: Partial<ObjectSyncSpec> = {}): ObjectSyncSpec {
  const fields = ACCOUNT.fields.filter((f) => f.name !== 'Id');
  return {
    object: {
      name: 'Account',
      fields: fields.map((f) => f.name),
      requestedFields: null,
      excludeFields: [],
      matchBy: { source: ['Name'], target: ['Name'] },
      history: false,
      insert: true,
      update: true,
    },
    source: ACCOUNT,
    target: ACCOUNT,
    fields,
    deferredLookups: new Set(['Partner__c']),
    selfReferences: new Set(['ParentId']),
    ...overrides,
  };
}

function context(idMap = new IdMap(), resolved: Record<string, string | null> = {}): LookupContext {
  return {
    idMap,
    templateObjects: new Set(['Account', 'Partner__c']),
    objectOfId: (id) => ({ '001': 'Account', '005': 'User', a01: 'Partner__c', a02: 'Region__c' })[id.slice(0, 3)],
    resolved: (id) => resolved[id],
    targetUserId: '005TARGETUSER0001',
  };
}

describe('sync engine: prepare and classify records', () => {
  it('compares values the way Salesforce returns them', () => {
    expect(sameValue('datetime', '2024-01-31T10:00:00.000+0000', '2024-01-31T10:00:00Z')).to.equal(true);
    expect(sameValue('currency', 1000, '1000.00')).to.equal(true);
    expect(sameValue('string', '', null)).to.equal(true);
    expect(sameValue('string', 'Acme', 'acme')).to.equal(false);
    expect(sameValue('reference', '001000000000001AAA', '001000000000001')).to.equal(true);
    expect(sameValue('multipicklist', 'b;a', 'a;b')).to.equal(true);
    expect(sameValue('boolean', false, null)).to.equal(false);
  });

  it('builds case-insensitive match keys, composite ones included', () => {
    expect(matchKeyOf({ Name: 'Acme' }, ['Name'])).to.equal(matchKeyOf({ Name: 'ACME' }, ['Name']));
    expect(matchKeyOf({ A: null, B: 'x' }, ['A', 'B'])).to.equal(null);
    expect(matchKeyOf({ A: 'x', B: null }, ['A', 'B']))
      .to.equal(matchKeyOf({ A: 'X', B: '' }, ['A', 'B']))
      .and.not.equal(null);
    expect(matchKeyOf({ Account: { Name: 'Acme' } }, ['Account.Name'])).to.equal('acme');
    // The exact key: parts in field order, empty later parts marked, ids by their 15-character form.
    expect(matchKeyOf({ Subject: 'Call', Account: { Id: '001000000000001AAA' }, Note: '' }, ['Subject', 'Account.Id', 'Note'])).to.equal(
      'call\u0001001000000000001\u0001\u0002'
    );
    expect(matchKeyOf({ Account: null }, ['Name', 'Account.Name'])).to.equal(null);
  });

  it('remaps lookups, defers cycle lookups, holds self-references and falls back to the running user as owner', () => {
    const idMap = new IdMap();
    idMap.set('a01000000000001AAA', 'a01TARGET00000001');
    const prepared = prepareRecord(
      {
        Id: '001000000000002AAA',
        Name: 'Child',
        ParentId: '001000000000001AAA',
        OwnerId: '005000000000009AAA',
        Partner__c: 'a01000000000001AAA',
        Region__c: 'a02000000000001AAA',
      },
      spec(),
      context(idMap, { '005000000000009AAA': null, a02000000000001AAA: null })
    );
    expect(prepared.failure).to.equal(undefined);
    expect(prepared.deferred).to.deep.equal([{ field: 'Partner__c', sourceParentId: 'a01000000000001AAA' }]);
    expect(prepared.waitingFor).to.deep.equal([{ field: 'ParentId', sourceParentId: '001000000000001AAA' }]);
    expect(prepared.values.OwnerId).to.equal('005TARGETUSER0001');
    expect(prepared.values.Region__c).to.equal(null);
    expect(prepared.notes).to.have.length(2);
    expect(prepared.values).to.not.have.property('Partner__c');
  });

  it('fails a record whose template parent was not synced, naming the field and the fix', () => {
    const prepared = prepareRecord(
      { Id: '001000000000002AAA', Name: 'X', OwnerId: null, Partner__c: null, Region__c: null, ParentId: null },
      spec({ deferredLookups: new Set(), object: { ...spec().object } }),
      context()
    );
    expect(prepared.failure).to.equal(undefined);
    const orphan = prepareRecord(
      { Id: '001000000000003AAA', Name: 'Y', Partner__c: 'a01000000000404AAA' },
      spec({ deferredLookups: new Set() }),
      context(new IdMap(), { a01000000000404AAA: null })
    );
    expect(orphan.failure?.statusCode).to.equal(PARENT_NOT_SYNCED);
    expect(orphan.failure?.fields).to.deep.equal(['Partner__c']);
    expect(orphan.failure?.message).to.contain('sf isync retry');
  });

  it('classifies insert, update (changed fields only, with before values), unchanged, skipped and ambiguous', () => {
    const s = spec({ deferredLookups: new Set(), selfReferences: new Set() });
    const prepared = prepareRecord({ Id: '001000000000002AAA', Name: 'Acme', AnnualRevenue: 10, OwnerId: null }, s, context());
    expect(classify(prepared, undefined, s.object, s.fields)).to.deep.equal({ kind: 'insert', values: { Name: 'Acme', AnnualRevenue: 10 } });
    expect(classify(prepared, undefined, { insert: false, update: true }, s.fields).kind).to.equal('skipped');
    const same = { Id: '001T00000000001AAA', Name: 'Acme', AnnualRevenue: 10.0, OwnerId: null, ParentId: null, Partner__c: null, Region__c: null };
    expect(classify(prepared, [same], s.object, s.fields)).to.deep.equal({ kind: 'unchanged', targetId: '001T00000000001AAA' });
    const changed = classify(prepared, [{ ...same, AnnualRevenue: 5 }], s.object, s.fields);
    expect(changed).to.deep.equal({ kind: 'update', targetId: '001T00000000001AAA', changes: { AnnualRevenue: 10 }, before: { AnnualRevenue: 5 } });
    expect(classify(prepared, [{ ...same, AnnualRevenue: 5 }], { insert: true, update: false }, s.fields).kind).to.equal('skipped');
    const ambiguous = classify(prepared, [same, { ...same, Id: '001T00000000002AAA' }], s.object, s.fields);
    expect(ambiguous.kind).to.equal('failed');
  });

  it('releases self-referencing children level by level, and fails them when the parent failed', () => {
    const queue = new SelfReferenceQueue();
    const child = prepareRecord({ Id: '001000000000002AAA', Name: 'Child', ParentId: '001000000000001AAA' }, spec(), context());
    const grandchild = prepareRecord({ Id: '001000000000003AAA', Name: 'Grandchild', ParentId: '001000000000002AAA' }, spec(), context());
    queue.hold({ prepared: grandchild, matches: undefined, via: undefined, keyFields: { Id: grandchild.sourceId, Name: 'Grandchild' } });
    queue.hold({ prepared: child, matches: undefined, via: undefined, keyFields: { Id: child.sourceId, Name: 'Child' } });
    expect(queue.release('001000000000001AAA', '001T00000000001AAA').map((r) => r.prepared.sourceId)).to.deep.equal(['001000000000002AAA']);
    expect(child.values.ParentId).to.equal('001T00000000001AAA');
    const failed = queue.release('001000000000002AAA', null);
    expect(failed[0].prepared.failure?.statusCode).to.equal(PARENT_NOT_SYNCED);
    expect(queue.size).to.equal(0);
  });
});
