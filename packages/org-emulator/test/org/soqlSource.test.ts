import { expect } from 'chai';
import { runSoql } from '../../src/soql/index.js';
import { defaultSchemaOrg } from './testOrg.js';

describe("emulator SOQL source: the org's indexes behind WHERE", () => {
  const org = defaultSchemaOrg();
  const insert = (objectName: string, fields: Record<string, unknown>): string => org.engine.insert(objectName, [fields], { allOrNone: false })[0].id!;
  const acme = insert('Account', { Name: 'Acme' });
  const globex = insert('Account', { Name: 'Globex' });
  const ada = insert('Contact', { LastName: 'Lovelace', AccountId: acme });
  insert('Contact', { LastName: 'Hopper', AccountId: globex });
  insert('Contact', { LastName: 'Nobody' });

  it('answers a parent-id filter from the parent index, with 15- or 18-char ids', () => {
    expect(org.source.findByField!('Contact', 'AccountId', [acme])).to.deep.equal([org.get(ada)]);
    const soql = `SELECT LastName FROM Contact WHERE AccountId IN ('${acme.slice(0, 15)}', '${globex}') ORDER BY LastName`;
    const rows = runSoql(soql, org.source, { includeDeleted: false, apiVersion: '62.0' }).records;
    expect(rows.map((row) => row.LastName)).to.deep.equal(['Hopper', 'Lovelace']);
  });

  it('leaves references to objects that cannot be deleted (users) to a scan', () => {
    expect(org.source.findByField!('Contact', 'OwnerId', [org.userId])).to.equal(undefined);
    expect(org.source.findByField!('Contact', 'LastName', ['Hopper'])).to.equal(undefined);
  });
});
