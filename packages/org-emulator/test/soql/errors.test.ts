import { expect } from 'chai';
import { errorLocationPrefix } from '../../src/soql/errors.js';
import { runSoql, SoqlError } from '../../src/soql/index.js';
import { readFixture } from './recordedFixtures.js';
import { options, sampleOrg } from './sampleOrg.js';

function errorOf(soql: string, source = sampleOrg()): SoqlError {
  try {
    runSoql(soql, source, options);
  } catch (error) {
    if (error instanceof SoqlError) return error;
    throw error;
  }
  throw new Error(`expected ${soql} to fail`);
}

type Exchange = { request: { url: string }; response: { body: Array<{ message: string; errorCode: string }> } };

function recordedError(file: string): { soql: string; expected: { message: string; errorCode: string } } {
  const exchange = readFixture<Exchange>(`errors/${file}`);
  const soql = new URL(exchange.request.url).searchParams.get('q') as string;
  return { soql, expected: exchange.response.body[0] };
}

describe('soql errors', () => {
  for (const file of [
    'snowfakery__TestSOQLDatasets.test_dataset_bad_query__01_GET_query-_Xyzzy.json',
    'snowfakery__TestSOQLDatasets.test_soql_dataset_error__03_GET_query-_XYZZY.json',
  ]) {
    it(`matches the recorded INVALID_TYPE response byte for byte (${file.slice(0, 40)}...)`, () => {
      const { soql, expected } = recordedError(file);
      const error = errorOf(soql);
      expect({ message: error.message, errorCode: error.errorCode }).to.deep.equal(expected);
    });
  }

  it('reports an unknown field with Salesforce text, located at the field', () => {
    const error = errorOf('SELECT Id, Nme FROM Account');
    expect(error.errorCode).to.equal('INVALID_FIELD');
    expect(error.message).to.equal(
      "\nSELECT Id, Nme FROM Account\n           ^\nERROR at Row:1:Column:12\nNo such column 'Nme' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names."
    );
  });

  it('names the parent entity for an unknown field on a parent path', () => {
    expect(errorOf('SELECT Account.Nme FROM Contact').message).to.contain("No such column 'Nme' on entity 'Account'.");
  });

  it('reports an unknown relationship', () => {
    const error = errorOf('SELECT Id, Foo.Name FROM Contact');
    expect(error.errorCode).to.equal('INVALID_FIELD');
    expect(error.message).to.equal(
      "\nSELECT Id, Foo.Name FROM Contact\n           ^\nERROR at Row:1:Column:12\nDidn't understand relationship 'Foo' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names."
    );
  });

  it('reports syntax errors as MALFORMED_QUERY unexpected token, including the end of the query', () => {
    expect(errorOf('SELECT Id, FROM Account').message).to.equal("\nSELECT Id, FROM Account\n           ^\nERROR at Row:1:Column:12\nunexpected token: 'FROM'");
    const atEnd = errorOf('SELECT Id FROM Account WHERE');
    expect(atEnd.errorCode).to.equal('MALFORMED_QUERY');
    expect(atEnd.message).to.equal("\nSELECT Id FROM Account WHERE\n                            ^\nERROR at Row:1:Column:29\nunexpected token: '<EOF>'");
  });

  it('counts rows and columns on multi-line queries', () => {
    expect(errorOf('SELECT Id\nFROM Account\nWHERE Nope__c = 1').message).to.match(
      /^\nWHERE Nope__c = 1\n {6}\^\nERROR at Row:3:Column:7\nNo such column 'Nope__c'/
    );
  });

  it('shows a window of a long line: tokens up to 42 characters before and four after the error', () => {
    const soql = 'SELECT Id, Dispenser__c, Answer__c, Audit_Question__c FROM Audit_Answer__c WHERE Id != null';
    expect(errorLocationPrefix(soql, soql.indexOf('Dispenser__c'))).to.equal(
      '\nSELECT Id, Dispenser__c, Answer__c, Audit_Question__c\n           ^\nERROR at Row:1:Column:12\n'
    );
    const long = 'SELECT Id, Name, Description, Phone, AccountNumber, Website, Industry FROM Account';
    expect(errorLocationPrefix(long, long.indexOf('Website'))).to.equal(
      `\nName, Description, Phone, AccountNumber, Website, Industry FROM Account\n${' '.repeat(41)}^\nERROR at Row:1:Column:53\n`
    );
  });

  it('reports an unreadable character the way the Salesforce lexer does', () => {
    const error = errorOf('select Id from Account where id = $sfid');
    expect(error.errorCode).to.equal('MALFORMED_QUERY');
    expect(error.message).to.equal(
      "\nselect Id from Account where id = $sfid\n                                 ^\nERROR at Row:1:Column:34\nline 1:34 no viable alternative at character '$'"
    );
  });

  it('rejects bind variables, which only Apex has', () => {
    expect(errorOf('SELECT Id FROM Account WHERE Id = :ids').message).to.match(/Bind variables only allowed in Apex code$/);
  });

  it('rejects AND and OR mixed without parentheses', () => {
    expect(errorOf("SELECT Id FROM Account WHERE Name = 'a' AND Type = 'b' OR Id = null").message).to.match(/unexpected token: 'OR'$/);
  });

  it('rejects an illegal escape in a string literal', () => {
    expect(errorOf("SELECT Id FROM Account WHERE Name = 'a\\qb'").message).to.match(
      /Invalid string literal 'a\\qb'. Illegal character sequence '\\q' in string literal.$/
    );
  });

  it('says plainly which valid SOQL the emulator does not implement', () => {
    const error = errorOf('SELECT Type FROM Account GROUP BY Type');
    expect(error.errorCode).to.equal('MALFORMED_QUERY');
    expect(error.message).to.match(/GROUP BY is not supported by the Salesforce emulator$/);
    expect(errorOf('SELECT TYPEOF What WHEN Account THEN Name END FROM Task').message).to.match(/TYPEOF is not supported by the Salesforce emulator$/);
  });

  it('rejects OFFSET above 2000 with NUMBER_OUTSIDE_VALID_RANGE', () => {
    const error = errorOf('SELECT Id FROM Account LIMIT 10 OFFSET 2001');
    expect(error.errorCode).to.equal('NUMBER_OUTSIDE_VALID_RANGE');
    expect(error.message).to.equal('Maximum SOQL offset allowed for apiName Account is 2000');
  });

  it('refuses to filter or sort on fields whose describe forbids it', () => {
    const filter = errorOf("SELECT Id FROM Account WHERE Description = 'x'");
    expect(filter.errorCode).to.equal('INVALID_FIELD');
    expect(filter.message).to.match(/field 'Description' can not be filtered in query call$/);
    expect(errorOf('SELECT Id FROM Account ORDER BY Description').message).to.match(/field 'Description' can not be sorted in a query call$/);
  });
});
