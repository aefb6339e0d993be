import { expect } from 'chai';
import { parseSfError } from '../../../src/lib/bulk/sfErrorText.js';

describe('bulk: sf__Error text', () => {
  it('splits code, message and one field (jsforce test against a real org)', () => {
    expect(parseSfError('REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --')).to.deep.equal({
      statusCode: 'REQUIRED_FIELD_MISSING',
      message: 'Required fields are missing: [Name]',
      fields: ['Name'],
    });
  });

  it('reads an empty field list', () => {
    expect(parseSfError('REQUIRED_FIELD_MISSING:Required fields are missing: [Company]:--')).to.deep.equal({
      statusCode: 'REQUIRED_FIELD_MISSING',
      message: 'Required fields are missing: [Company]',
      fields: [],
    });
  });

  it('keeps the colons of the message (a real restricted-picklist failure)', () => {
    const text =
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:Perfil API: valor incorreto para campo de lista de opções restrita: MODERADOL:braseg_perfil_api__pc --';
    expect(parseSfError(text)).to.deep.equal({
      statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      message: 'Perfil API: valor incorreto para campo de lista de opções restrita: MODERADOL',
      fields: ['braseg_perfil_api__pc'],
    });
  });

  it('reads several fields and keeps a line break inside the message', () => {
    const text = 'DELETE_FAILED:Your attempt to delete Acme could not be completed because it is associated with the following cases.: 00000001\n:--';
    expect(parseSfError(text).message).to.equal(
      'Your attempt to delete Acme could not be completed because it is associated with the following cases.: 00000001\n'
    );
    expect(parseSfError('FIELD_INTEGRITY_EXCEPTION:bad values:Phone Fax --').fields).to.deep.equal(['Phone', 'Fax']);
  });

  it('keeps the whole text of an error without the field part, and of one without a code', () => {
    expect(parseSfError('DUPLICATE_VALUE:duplicate value found: Key__c duplicates value on record with id: 001A')).to.deep.equal({
      statusCode: 'DUPLICATE_VALUE',
      message: 'duplicate value found: Key__c duplicates value on record with id: 001A',
      fields: [],
    });
    expect(parseSfError('Unknown : something broke')).to.deep.equal({ statusCode: 'UNKNOWN_EXCEPTION', message: 'Unknown : something broke', fields: [] });
    expect(parseSfError('').message).to.equal('The record was not saved.');
  });
});
