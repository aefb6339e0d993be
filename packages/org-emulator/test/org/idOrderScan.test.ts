/**
 * `ORDER BY Id` over a scan that runs in Id order: no sort, and the scan stops at the LIMIT (sync tools read
 * in keyset pages, `Id > last ORDER BY Id LIMIT n`). The answers must equal the sorted ones, and a table whose
 * inserts did not come in Id order must be sorted as before.
 */
import { expect } from 'chai';
import type { SoqlDataSource, StoredRecord } from '../../src/soql/types.js';
import { runSoql } from '../../src/soql/index.js';
import { defaultSchemaOrg } from './testOrg.js';

const OPTIONS = { includeDeleted: false, apiVersion: '62.0' };

/** The same source with its Id-order shortcut off: what the engine answers with a full sort. */
function sorting(source: SoqlDataSource): SoqlDataSource {
  return { ...source, scansInIdOrder: () => false };
}

describe('emulator SOQL: ORDER BY Id over a scan in Id order', () => {
  const org = defaultSchemaOrg();
  const ids = org.engine
    .insert(
      'Account',
      Array.from({ length: 30 }, (_, index) => ({ Name: `Account ${index}` })),
      { allOrNone: false }
    )
    .map((result) => result.id!);

  it('knows that the emulator inserts in Id order', () => {
    expect(org.source.scansInIdOrder!('Account')).to.equal(true);
    expect(org.source.scansInIdOrder!('account')).to.equal(true);
    expect(org.source.scansInIdOrder!('Nope__c')).to.equal(false);
  });

  it('answers keyset pages, offsets and filters as the sorted query does', () => {
    const queries = [
      'SELECT Id, Name FROM Account ORDER BY Id LIMIT 7',
      `SELECT Id FROM Account WHERE Id > '${ids[9]}' ORDER BY Id LIMIT 5`,
      `SELECT Id FROM Account WHERE Id > '${ids[9].slice(0, 15)}' ORDER BY Id ASC NULLS LAST LIMIT 5`,
      "SELECT Id FROM Account WHERE Name LIKE '%1%' ORDER BY Id LIMIT 3 OFFSET 2",
      'SELECT Id FROM Account ORDER BY Id',
      'SELECT Id FROM Account ORDER BY Id DESC LIMIT 4',
      // Index hits come in the order of the IN list, not the scan's: these are sorted.
      `SELECT Id FROM Account WHERE Id IN ('${ids[12]}', '${ids[3]}', '${ids[7]}') ORDER BY Id LIMIT 2`,
      `SELECT Id FROM Account WHERE Name IN ('Account 20', 'Account 2') ORDER BY Id`,
    ];
    for (const soql of queries) {
      const shortcut = runSoql(soql, org.source, OPTIONS);
      expect(shortcut, soql).to.deep.equal(runSoql(soql, sorting(org.source), OPTIONS));
    }
    expect(runSoql(`SELECT Id FROM Account WHERE Id > '${ids[9]}' ORDER BY Id LIMIT 5`, org.source, OPTIONS).records.map((row) => row.Id)).to.deep.equal(
      ids.slice(10, 15)
    );
    const idIn = `SELECT Id FROM Account WHERE Id IN ('${ids[12]}', '${ids[3]}', '${ids[7]}') ORDER BY Id LIMIT 2`;
    expect(runSoql(idIn, org.source, OPTIONS).records.map((row) => row.Id)).to.deep.equal([ids[3], ids[7]]);
  });

  it('stops scanning at the LIMIT', () => {
    let scanned = 0;
    const counting: SoqlDataSource = {
      ...org.source,
      *scan(objectName, options): Iterable<StoredRecord> {
        for (const record of org.source.scan(objectName, options)) {
          scanned++;
          yield record;
        }
      },
    };
    expect(runSoql('SELECT Id FROM Account ORDER BY Id LIMIT 5', counting, OPTIONS).records).to.have.length(5);
    expect(scanned).to.be.at.most(6);
  });

  it('sorts a table whose inserts did not come in Id order', () => {
    const other = defaultSchemaOrg();
    const [first, second] = org.engine.insert('Contact', [{ LastName: 'A' }, { LastName: 'B' }], { allOrNone: false }).map((result) => org.get(result.id!)!);
    // Stored in the other org in reverse Id order, as no emulator insert would store them.
    for (const record of [second, first]) other.store.insert('Contact', { ...record });
    expect(other.source.scansInIdOrder!('Contact')).to.equal(false);
    const rows = runSoql('SELECT Id FROM Contact ORDER BY Id LIMIT 1', other.source, OPTIONS).records;
    expect(rows.map((row) => row.Id)).to.deep.equal([first.Id]);
  });
});
