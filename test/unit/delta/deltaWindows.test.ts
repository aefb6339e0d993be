import { expect } from 'chai';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseWindows } from '../../../src/lib/delta/chooseWindows.js';
import { DELTA_SAFETY_MARGIN_MS, definitionOf, deltaLowerBound, modifiedSinceFilter } from '../../../src/lib/delta/deltaWindow.js';
import { lastSyncDates, listSyncDates, templateKeyOf } from '../../../src/lib/delta/lastSyncDates.js';
import { emptyCounts, type ObjectSummary, type RunMeta } from '../../../src/lib/journal/runMeta.js';
import type { RunState } from '../../../src/lib/journal/runState.js';
import { RunStore } from '../../../src/lib/journal/runStore.js';
import { buildCountQuery, buildSourceQuery } from '../../../src/lib/load/sourceQuery.js';
import { nameKeyedSpec } from '../engine/engineRunKit.js';
import { objectDefinition } from '../../../src/lib/run/deltaSetup.js';

const SRC = '00D000000000001AAA';
const TGT = '00D000000000002AAA';
const KEY = templateKeyOf('/work/template.json', []);
let sequence = 0;

/** A run of the template between SRC and TGT, its objects as given (done, clean, synced as of `asOf`). */
function meta(state: RunState, asOf: string, objects: Array<Partial<ObjectSummary> & { object: string }>, extra: Partial<RunMeta> = {}): RunMeta {
  sequence++;
  return {
    runId: `20261207T0${String(sequence).padStart(5, '0')}Z-aaaaaa`,
    command: 'execute',
    state,
    startedAt: asOf,
    updatedAt: asOf,
    source: { orgId: SRC, username: 'src@x', instanceUrl: 'https://src' },
    target: { orgId: TGT, username: 'tgt@x', instanceUrl: 'https://tgt' },
    template: { objects: [], options: {} },
    plan: { steps: [] },
    dryRun: false,
    attempts: 1,
    sync: { type: 'delta', includeDeleted: false, templateKey: KEY, readStartedAt: asOf },
    objects: objects.map((entry) => ({ status: 'done', elapsedMs: 1, ...emptyCounts(), delta: { since: null, definition: 'd1', syncedAsOf: asOf }, ...entry })),
    ...extra,
  };
}

function storeWith(...metas: RunMeta[]): RunStore {
  const store = new RunStore(join(mkdtempSync(join(tmpdir(), 'isync-dates-')), 'runs'));
  for (const entry of metas) store.create(entry).saveMeta();
  return store;
}

describe('delta windows', () => {
  it('reads from the last sync date less the safety margin, by SystemModstamp, seconds truncated', () => {
    expect(DELTA_SAFETY_MARGIN_MS).to.equal(600_000);
    expect(deltaLowerBound('2026-12-07T10:00:00.000Z')).to.equal('2026-12-07T09:50:00.000Z');
    expect(modifiedSinceFilter('2026-12-07T09:50:00.750Z')).to.equal('SystemModstamp > 2026-12-07T09:50:00Z');
  });

  it('puts the bound in the source and count queries, but not in a read of records by id (a retry)', () => {
    const spec = { ...nameKeyedSpec('Account'), modifiedSince: '2026-12-07T09:50:00.000Z' };
    expect(buildSourceQuery(spec)).to.contain('WHERE SystemModstamp > 2026-12-07T09:50:00Z');
    expect(buildCountQuery(spec)).to.equal('SELECT COUNT() FROM Account WHERE SystemModstamp > 2026-12-07T09:50:00Z');
    expect(buildSourceQuery(spec, { ids: ['001000000000001AAA'] })).to.not.contain('SystemModstamp');
  });

  it('chooses per object: full, delta, no earlier sync, a changed definition, or --since', () => {
    const definitions = new Map([
      ['Account', 'd1'],
      ['Contact', 'd2'],
      ['Case', 'd3'],
    ]);
    const last = new Map([
      ['Account', { at: '2026-12-07T10:00:00.000Z', runId: 'r1', definition: 'd1' }],
      ['Contact', { at: '2026-12-07T10:00:00.000Z', runId: 'r1', definition: 'old' }],
    ]);
    const delta = chooseWindows({ syncType: 'delta' }, definitions, last);
    expect([...delta].map(([object, window]) => [object, window.reason, window.since])).to.deep.equal([
      ['Account', 'delta', '2026-12-07T09:50:00.000Z'],
      ['Contact', 'definitionChanged', null],
      ['Case', 'noEarlierSync', null],
    ]);
    expect([...chooseWindows({ syncType: 'full' }, definitions, last).values()].map((window) => window.since)).to.deep.equal([null, null, null]);
    const since = chooseWindows({ syncType: 'delta', since: '2026-12-01T00:00:00.000Z' }, definitions, last);
    expect([...since.values()].map((window) => [window.reason, window.since])).to.deep.equal(
      [...definitions.keys()].map(() => ['since', '2026-12-01T00:00:00.000Z'])
    );
  });

  it('the definition is the source query without its bound: fields, filter and key', () => {
    const spec = nameKeyedSpec('Account');
    expect(definitionOf(buildSourceQuery(spec))).to.equal(definitionOf(buildSourceQuery({ ...spec })));
    expect(definitionOf(buildSourceQuery({ ...spec, object: { ...spec.object, where: "Industry = 'Energy'" } }))).to.not.equal(
      definitionOf(buildSourceQuery(spec))
    );
  });

  it('the definition includes the target object and the transformations: a changed mapping reads in full once', () => {
    const spec = nameKeyedSpec('Account');
    const transform = { rules: [{ target: 'Name', from: { field: 'Name' }, valueMap: { values: { A: 'B' } } }], sourceFields: ['Name'] };
    const mapped = { ...spec, object: { ...spec.object, transform } };
    const remapped = { ...spec, object: { ...spec.object, transform: { ...transform, rules: [{ ...transform.rules[0], valueMap: { values: { A: 'C' } } }] } } };
    expect(objectDefinition(spec)).to.equal(buildSourceQuery({ ...spec, modifiedSince: undefined }));
    expect(new Set([objectDefinition(spec), objectDefinition(mapped), objectDefinition(remapped)]).size).to.equal(3);
    expect(objectDefinition({ ...spec, object: { ...spec.object, targetName: 'Client__c' } })).to.not.equal(objectDefinition(spec));
  });
});

describe('last sync dates, folded from run.json', () => {
  it('takes the newest clean, finished, non-dry execute of the template between the two orgs, per object', () => {
    const store = storeWith(
      meta('synced', '2026-12-01T00:00:00.000Z', [{ object: 'Account' }, { object: 'Contact' }]),
      meta('synced_with_errors', '2026-12-02T00:00:00.000Z', [
        { object: 'Account' },
        { object: 'Contact', failed: 1, delta: { since: null, definition: 'd1' } },
      ]),
      meta('rolled_back', '2026-12-03T00:00:00.000Z', [{ object: 'Account' }, { object: 'Contact' }]),
      meta('synced', '2026-12-04T00:00:00.000Z', [{ object: 'Account' }], { dryRun: true }),
      meta('paused', '2026-12-05T00:00:00.000Z', [{ object: 'Account' }]),
      meta('synced', '2026-12-06T00:00:00.000Z', [{ object: 'Account' }], {
        sync: { type: 'delta', includeDeleted: false, templateKey: 'objects:Account', readStartedAt: '2026-12-06T00:00:00.000Z' },
      }),
      meta('synced', '2026-12-06T00:00:00.000Z', [{ object: 'Account' }], { target: { orgId: '00D000000000009AAA', username: 'other', instanceUrl: 'x' } })
    );
    const dates = lastSyncDates(store, { templateKey: KEY, sourceOrgId: SRC, targetOrgId: TGT.slice(0, 15) });
    expect(Object.fromEntries([...dates].map(([object, last]) => [object, last.at]))).to.deep.equal({
      Account: '2026-12-02T00:00:00.000Z',
      Contact: '2026-12-01T00:00:00.000Z',
    });
    expect(listSyncDates(store).map((entry) => `${entry.template} ${entry.target} ${entry.object} ${entry.lastSyncAt}`)).to.have.members([
      '/work/template.json tgt@x Account 2026-12-02T00:00:00.000Z',
      '/work/template.json tgt@x Contact 2026-12-01T00:00:00.000Z',
      'Account tgt@x Account 2026-12-06T00:00:00.000Z',
      '/work/template.json other Account 2026-12-06T00:00:00.000Z',
    ]);
  });

  it('has none for a first run; --objects lists are one template whatever their order', () => {
    expect(lastSyncDates(storeWith(), { templateKey: KEY, sourceOrgId: SRC, targetOrgId: TGT }).size).to.equal(0);
    expect(templateKeyOf(undefined, ['Contact', 'Account'])).to.equal(templateKeyOf(undefined, ['Account', 'Contact']));
  });
});
