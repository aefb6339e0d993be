import { expect } from 'chai';
import { ownMatches } from '../../../src/lib/load/ownMatches.js';
import { IdMap } from '../../../src/lib/util/idMap.js';

const A = '001000000000001AAA';
const B = '001000000000002AAA';
const a = '001t00000000001AAA';
const b = '001t00000000002AAA';
const rows = [{ Id: a }, { Id: b }];

function run(known: Array<[string, string]>, insertInDoubt = false): Parameters<typeof ownMatches>[2] {
  const idMap = new IdMap();
  const claimed = new IdMap();
  for (const [source, target] of known) {
    idMap.set(source, target);
    claimed.set(target, source);
  }
  return { idMap, claimed, insertInDoubt };
}

describe('ownMatches: several target records for one key, told apart by the run that wrote them', () => {
  it('leaves a single match, or none, alone', () => {
    expect(ownMatches(A, undefined, run([]))).to.equal(undefined);
    expect(ownMatches(A, [{ Id: a }], run([[B, a]]))).to.deep.equal([{ Id: a }]);
  });

  it('takes the record the run already holds for this source record', () => {
    expect(ownMatches(A, rows, run([[A, b]]))).to.deep.equal([{ Id: b }]);
  });

  it('leaves out the records the run holds for other source records (an empty answer: insert)', () => {
    expect(ownMatches(B, rows, run([[A, a]]))).to.deep.equal([{ Id: b }]);
    expect(
      ownMatches(
        '001000000000003AAA',
        rows,
        run([
          [A, a],
          [B, b],
        ])
      )
    ).to.deep.equal([]);
  });

  it('stays ambiguous for a record with no write in doubt, and outside a resume', () => {
    expect(ownMatches(A, rows, run([]))).to.have.length(2);
    expect(ownMatches(A, rows, { idMap: new IdMap(), claimed: undefined, insertInDoubt: true })).to.have.length(2);
  });

  it('gives an insert in doubt the first unclaimed match: records of one key inserted together are all the run’s', () => {
    expect(ownMatches(A, rows, run([], true))).to.deep.equal([{ Id: a }]);
  });
});
