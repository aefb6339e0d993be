import { expect } from 'chai';
import { startOrg, type EmulatedOrg } from '@sf-isync/org-emulator';
import type { BenchObject } from './template.js';
import { verifyTarget } from './verify.js';

const OBJECTS: BenchObject[] = [
  { name: 'Account', fields: ['Name', 'ParentId', 'Industry'] },
  { name: 'Pricebook2', fields: ['Name'], where: 'IsStandard = false' },
];

describe('bench: verifying the target against the source', function () {
  this.timeout(20_000);
  let source: EmulatedOrg;
  let same: EmulatedOrg;
  let empty: EmulatedOrg;

  before(async () => {
    [source, same, empty] = await Promise.all([
      startOrg({ dataset: 'bench', records: 1000, seed: 5 }),
      startOrg({ dataset: 'bench', records: 1000, seed: 5 }),
      startOrg({ dataset: 'empty' }),
    ]);
  });

  after(() => Promise.all([source, same, empty].map((org) => org.stop())));

  it('expects the source’s records per object, its `where` applied, and finds nothing amiss in identical data', async () => {
    const verification = await verifyTarget(source, same, OBJECTS);
    expect(verification.expected).to.deep.equal({ Account: source.org.count('Account'), Pricebook2: 1 });
    expect(verification.mismatches).to.deep.equal([]);
  });

  it('reports missing records and missing lookups (reference fields only), object by object', async () => {
    const verification = await verifyTarget(source, empty, OBJECTS);
    const accounts = source.org.count('Account');
    const withParent = source.org.records('Account').filter((account) => account.ParentId).length;
    expect(verification.mismatches).to.deep.equal([
      { object: 'Account', what: 'records', source: accounts, target: 0 },
      { object: 'Account', what: 'ParentId set', source: withParent, target: 0 },
      // The target's own Standard Price Book is left out by the where clause, as in the source.
      { object: 'Pricebook2', what: 'records', source: 1, target: 0 },
    ]);
  });
});
