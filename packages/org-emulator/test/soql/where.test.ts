import { expect } from 'chai';
import { runSoql, SoqlError } from '../../src/soql/index.js';
import { ids, options, sampleOrg } from './sampleOrg.js';

/** Names of the accounts (or last names of contacts) a query returns, in result order. */
function names(soql: string): string[] {
  return runSoql(soql, sampleOrg(), options).records.map((r) => String(r.Name ?? r.LastName ?? r.Subject));
}

function accounts(where: string): string[] {
  return names(`SELECT Name FROM Account WHERE ${where}`);
}

function errorOf(soql: string): SoqlError {
  try {
    runSoql(soql, sampleOrg(), options);
  } catch (error) {
    if (error instanceof SoqlError) return error;
    throw error;
  }
  throw new Error(`expected ${soql} to fail`);
}

describe('soql WHERE', () => {
  it('compares text case-insensitively, with = != <> and ranges', () => {
    expect(accounts("Name = 'ACME'")).to.deep.equal(['Acme']);
    expect(accounts("Name != 'acme'")).to.deep.equal(['Globex', 'initech']);
    expect(accounts("Name <> 'acme'")).to.deep.equal(['Globex', 'initech']);
    expect(accounts("Name > 'globex'")).to.deep.equal(['initech']);
    expect(accounts("Name <= 'Globex'")).to.deep.equal(['Acme', 'Globex']);
  });

  it('matches picklists case-insensitively and treats a blank string as null', () => {
    expect(accounts("Type = 'customer'")).to.deep.equal(['Acme']);
    expect(accounts("Type = ''")).to.deep.equal(['initech']);
  });

  it('applies Salesforce null semantics: != and NOT IN include nulls, ranges never match them', () => {
    expect(accounts('Type = null')).to.deep.equal(['initech']);
    expect(accounts('Type != null')).to.deep.equal(['Acme', 'Globex']);
    expect(accounts("Type != 'Customer'")).to.deep.equal(['Globex', 'initech']);
    expect(accounts("Type NOT IN ('Customer')")).to.deep.equal(['Globex', 'initech']);
    expect(accounts('NumberOfEmployees < 1000')).to.deep.equal(['Acme', 'Globex']);
  });

  it('compares numbers, currency and booleans', () => {
    expect(accounts('NumberOfEmployees >= 20')).to.deep.equal(['Acme', 'Globex']);
    expect(accounts('AnnualRevenue > 10.5')).to.deep.equal(['Acme']);
    expect(accounts('AnnualRevenue = -1')).to.deep.equal([]);
    expect(accounts('Is_Vip__c = TRUE')).to.deep.equal(['Acme']);
    expect(accounts('Is_Vip__c != true')).to.deep.equal(['Globex', 'initech']);
  });

  it('supports LIKE with % and _, case-insensitively, and escaped wildcards', () => {
    expect(accounts("Name LIKE 'g%'")).to.deep.equal(['Globex']);
    expect(accounts("Name LIKE '%E%'")).to.deep.equal(['Acme', 'Globex', 'initech']);
    expect(accounts("Name LIKE 'ac_e'")).to.deep.equal(['Acme']);
    expect(accounts("Name LIKE 'ac\\_e'")).to.deep.equal([]);
    expect(accounts("NOT Name LIKE 'a%'")).to.deep.equal(['Globex', 'initech']);
  });

  it('decodes string escapes', () => {
    expect(names("SELECT LastName FROM Contact WHERE LastName = 'o\\'neil'")).to.deep.equal(["O'Neil"]);
  });

  it('supports IN lists, AND, OR, NOT and parentheses', () => {
    expect(accounts("Name IN ('acme', 'Initech', 'nobody')")).to.deep.equal(['Acme', 'initech']);
    expect(accounts("(Type = 'Customer' OR Type = 'Partner') AND NumberOfEmployees < 50")).to.deep.equal(['Globex']);
    expect(accounts("NOT (Type = 'Customer' OR Type = null)")).to.deep.equal(['Globex']);
    expect(accounts("Type IN ('Customer', null)")).to.deep.equal(['Acme', 'initech']);
  });

  it('follows parent paths, polymorphic ones included', () => {
    expect(names("SELECT LastName FROM Contact WHERE Account.Owner.Username = 'BOB@example.com'")).to.deep.equal(["O'Neil"]);
    expect(accounts("Parent.Parent.Name = 'Acme'")).to.deep.equal(['initech']);
    expect(accounts('Parent.Name = null')).to.deep.equal(['Acme']);
    expect(names("SELECT Subject FROM Task WHERE What.Name = 'Acme'")).to.deep.equal(['Call']);
  });

  it('accepts 15- and 18-character ids as the same record, and reference fields likewise', () => {
    const id15 = ids.globex.slice(0, 15);
    expect(accounts(`Id = '${id15}'`)).to.deep.equal(['Globex']);
    expect(accounts(`Id IN ('${ids.acme}', '${id15}')`)).to.deep.equal(['Acme', 'Globex']);
    expect(accounts(`ParentId = '${ids.acme.slice(0, 15)}'`)).to.deep.equal(['Globex']);
    expect(accounts("ParentId = ''")).to.deep.equal(['Acme']);
  });

  it('filters dates and dateTimes with literals, offsets and milliseconds', () => {
    expect(accounts('LastActivityDate = 2024-02-01')).to.deep.equal(['Acme']);
    expect(accounts('LastActivityDate < 2024-01-01')).to.deep.equal(['initech']);
    expect(accounts('CreatedDate > 2024-01-31T10:00:00Z')).to.deep.equal(['Globex']);
    expect(accounts('CreatedDate >= 2024-01-31T10:00:00.000Z')).to.deep.equal(['Acme', 'Globex']);
    expect(accounts('CreatedDate = 2024-01-31T11:00:00+01:00')).to.deep.equal(['Acme']);
    expect(accounts('CreatedDate < 2024-01-01T00:59:59.500+01:00')).to.deep.equal(['initech']);
  });

  it('evaluates relative date literals against the clock in options.now (2024-02-15)', () => {
    expect(accounts('CreatedDate = THIS_MONTH')).to.deep.equal([]);
    expect(accounts('CreatedDate = LAST_MONTH')).to.deep.equal(['Acme']);
    expect(accounts('CreatedDate = THIS_YEAR')).to.deep.equal(['Acme', 'Globex']);
    expect(accounts('CreatedDate < THIS_YEAR')).to.deep.equal(['initech']);
    expect(accounts('CreatedDate > TODAY')).to.deep.equal(['Globex']);
    expect(accounts('LastActivityDate = LAST_N_DAYS:14')).to.deep.equal(['Acme']);
    expect(accounts('LastActivityDate = LAST_N_DAYS:13')).to.deep.equal([]);
    expect(accounts('LastActivityDate > YESTERDAY')).to.deep.equal([]);
    expect(accounts('CreatedDate = NEXT_N_DAYS:30')).to.deep.equal(['Globex']);
  });

  it('runs semi-joins: Id IN (SELECT ... FROM ...)', () => {
    expect(accounts("Id IN (SELECT AccountId FROM Contact WHERE FirstName = 'Ann')")).to.deep.equal(['Acme']);
    expect(accounts('Id NOT IN (SELECT AccountId FROM Contact)')).to.deep.equal(['initech']);
  });

  describe('type checks, as Salesforce rejects them', () => {
    const cases: Array<[string, string, string]> = [
      [
        "NumberOfEmployees = 'abc'",
        'INVALID_FIELD',
        "value of filter criterion for field 'NumberOfEmployees' must be of type integer and should not be enclosed in quotes",
      ],
      [
        "AnnualRevenue > '5'",
        'INVALID_FIELD',
        "value of filter criterion for field 'AnnualRevenue' must be of type double and should not be enclosed in quotes",
      ],
      ["Is_Vip__c = 'x'", 'INVALID_FIELD', "value of filter criterion for field 'Is_Vip__c' must be of type boolean and should not be enclosed in quotes"],
      ['Name = 5', 'INVALID_FIELD', "value of filter criterion for field 'Name' must be of type string and should be enclosed in quotes"],
      [
        "LastActivityDate = '2024-01-01'",
        'INVALID_FIELD',
        "value of filter criterion for field 'LastActivityDate' must be of type date and should not be enclosed in quotes",
      ],
      [
        'LastActivityDate = 2024-01-01T00:00:00Z',
        'INVALID_FIELD',
        "value of filter criterion for field 'LastActivityDate' must be of type date and should not be enclosed in quotes",
      ],
      [
        'CreatedDate > 2024-01-01',
        'INVALID_FIELD',
        "value of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes",
      ],
      ["Id = 'abc'", 'INVALID_QUERY_FILTER_OPERATOR', 'invalid ID field: abc'],
      ["Id LIKE '001%'", 'INVALID_QUERY_FILTER_OPERATOR', 'invalid operator on id field'],
      ["Industries__c LIKE 'Tech%'", 'INVALID_QUERY_FILTER_OPERATOR', 'invalid operator on multipicklist field'],
      ['Name = Acme', 'MALFORMED_QUERY', "unexpected token: 'Acme'"],
    ];
    for (const [where, code, text] of cases) {
      it(`${where} -> ${code}`, () => {
        const error = errorOf(`SELECT Id FROM Account WHERE ${where}`);
        expect(error.errorCode).to.equal(code);
        expect(error.message.endsWith(`\n${text}`), error.message).to.equal(true);
      });
    }

    it('locates the error at the offending literal', () => {
      expect(errorOf("SELECT Id FROM Account WHERE Id = 'abc'").message).to.equal(
        "\nSELECT Id FROM Account WHERE Id = 'abc'\n                                  ^\nERROR at Row:1:Column:35\ninvalid ID field: abc"
      );
    });
  });
});
