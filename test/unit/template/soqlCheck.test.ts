import { expect } from 'chai';
import type { Connection } from '@salesforce/core';
import { connectionSoqlChecker, summariseQueryError } from '../../../src/lib/template/soqlCheck.js';

/** A connection whose query fails like jsforce does: an Error named after Salesforce's errorCode. */
function failingConnection(errorCode: string, message: string): Connection {
  return {
    query: () => Promise.reject(Object.assign(new Error(message), { name: errorCode, errorCode })),
  } as unknown as Connection;
}

describe('connectionSoqlChecker', () => {
  it('accepts a query the org runs', async () => {
    const connection = { query: () => Promise.resolve({ totalSize: 3, done: true, records: [] }) } as unknown as Connection;
    expect(await connectionSoqlChecker(connection)('SELECT COUNT() FROM Account')).to.deep.equal({ ok: true });
  });

  it('turns query errors into results', async () => {
    const check = connectionSoqlChecker(failingConnection('MALFORMED_QUERY', "unexpected token: 'WHER'"));
    expect(await check('SELECT COUNT() FROM Account WHER')).to.deep.equal({
      ok: false,
      errorCode: 'MALFORMED_QUERY',
      message: "unexpected token: 'WHER'",
    });
  });

  it('lets session and network errors through', async () => {
    const check = connectionSoqlChecker(failingConnection('INVALID_SESSION_ID', 'Session expired or invalid'));
    try {
      await check('SELECT COUNT() FROM Account');
      expect.fail('expected the error to propagate');
    } catch (error) {
      expect((error as { errorCode: string }).errorCode).to.equal('INVALID_SESSION_ID');
    }
  });
});

describe('summariseQueryError', () => {
  it("keeps Salesforce's last line and translates the column into the clause", () => {
    const message =
      "\nSELECT COUNT() FROM Account WHERE Nme = 'x'\n                                  ^\nERROR at Row:1:Column:35\nNo such column 'Nme' on entity 'Account'.";
    expect(summariseQueryError(message, 'SELECT COUNT() FROM Account WHERE '.length)).to.equal(
      "No such column 'Nme' on entity 'Account'. (at character 1 of the clause)"
    );
    expect(summariseQueryError("unexpected token: 'DESCC'", 10)).to.equal("unexpected token: 'DESCC'");
  });
});
