import { expect } from 'chai';
import type { OrgState } from '../../src/org/orgState.js';
import { testOrg } from './testOrg.js';

const none = { allOrNone: false };
const all = { allOrNone: true };

describe('emulator DML engine', () => {
  let org: OrgState;
  beforeEach(() => {
    org = testOrg();
  });

  const insertOne = (objectName: string, record: Record<string, unknown>) => org.engine.insert(objectName, [record], none)[0];

  describe('insert', () => {
    it('stores the record with an id of the object, system fields and defaults', () => {
      const result = insertOne('Account', { name: 'Acme', attributes: { type: 'Account' } });
      expect(result.success).to.equal(true);
      expect(result.id).to.match(/^001/);
      const stored = org.get(result.id!)!;
      expect(stored.Name).to.equal('Acme');
      expect(stored.OwnerId).to.equal(org.userId);
      expect(stored.CreatedById).to.equal(org.userId);
      expect(stored.IsDeleted).to.equal(false);
      expect(stored.CreatedDate).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    });

    it('reports all missing required fields', () => {
      expect(insertOne('Opportunity', {})).to.deep.equal({
        id: null,
        success: false,
        errors: [
          {
            statusCode: 'REQUIRED_FIELD_MISSING',
            message: 'Required fields are missing: [Name, StageName, CloseDate]',
            fields: ['Name', 'StageName', 'CloseDate'],
          },
        ],
      });
    });

    it('rejects unknown and read-only fields and an Id', () => {
      expect(insertOne('Account', { Name: 'A', Bogus__c: 1 }).errors[0]).to.deep.equal({
        statusCode: 'INVALID_FIELD',
        message: "No such column 'Bogus__c' on sobject of type Account",
        fields: [],
      });
      expect(insertOne('Account', { Name: 'A', CreatedDate: '2020-01-01T00:00:00Z' }).errors[0].statusCode).to.equal('INVALID_FIELD_FOR_INSERT_UPDATE');
      expect(insertOne('Widget__c', { Name: 'w', Formula__c: 'x' }).errors[0].fields).to.deep.equal(['Formula__c']);
      expect(insertOne('Account', { Name: 'A', Id: '001000000000000AAA' }).errors[0].message).to.equal('cannot specify Id in an insert call');
    });

    it('checks value types per field type', () => {
      const code = (record: Record<string, unknown>) => insertOne('Widget__c', { Name: 'w', ...record }).errors[0]?.statusCode;
      expect(code({ Qty__c: 'abc' })).to.equal('INVALID_TYPE_ON_FIELD_IN_RECORD');
      expect(code({ Qty__c: '12.5' })).to.equal(undefined);
      expect(code({ Qty__c: 123456 })).to.equal('NUMBER_OUTSIDE_VALID_RANGE');
      expect(code({ Due__c: '2024-02-30' })).to.equal('INVALID_TYPE_ON_FIELD_IN_RECORD');
      expect(code({ Due__c: '2024-02-29' })).to.equal(undefined);
      expect(code({ When__c: 'yesterday' })).to.equal('INVALID_TYPE_ON_FIELD_IN_RECORD');
      expect(code({ Active__c: 'yes' })).to.equal('INVALID_TYPE_ON_FIELD_IN_RECORD');
      expect(code({ Email__c: 'not an email' })).to.equal('INVALID_EMAIL_ADDRESS');
      expect(code({ Name: 'x'.repeat(81) })).to.equal('STRING_TOO_LONG');
    });

    it('normalizes datetimes to the wire format', () => {
      const id = insertOne('Widget__c', { Name: 'w', When__c: '2024-05-01T12:30:00+02:00' }).id!;
      expect(org.get(id)!.When__c).to.equal('2024-05-01T10:30:00.000+0000');
    });

    it('gives STRING_TOO_LONG with the label and limit', () => {
      expect(insertOne('Widget__c', { Name: 'w', Code__c: 'ABCDEFGHIJK' }).errors[0]).to.deep.equal({
        statusCode: 'STRING_TOO_LONG',
        message: 'Code: data value too large: ABCDEFGHIJK (max length=10)',
        fields: ['Code__c'],
      });
    });

    it('validates lookups: malformed, wrong object, missing, deleted', () => {
      const account = insertOne('Account', { Name: 'A' }).id!;
      const contact = insertOne('Contact', { LastName: 'C' }).id!;
      const error = (value: string) => insertOne('Contact', { LastName: 'x', AccountId: value }).errors[0];
      expect(error('nope').statusCode).to.equal('MALFORMED_ID');
      expect(error(contact)).to.deep.equal({
        statusCode: 'FIELD_INTEGRITY_EXCEPTION',
        message: `Account ID: id value of incorrect type: ${contact}`,
        fields: ['AccountId'],
      });
      expect(error('001000000000000AAA').statusCode).to.equal('INVALID_CROSS_REFERENCE_KEY');
      org.engine.delete([account], none);
      expect(error(account).statusCode).to.equal('ENTITY_IS_DELETED');
      expect(insertOne('Contact', { LastName: 'x', AccountId: account.slice(0, 15) }).success).to.equal(false);
    });

    it('accepts 15-char lookup ids and stores them as 18', () => {
      const account = insertOne('Account', { Name: 'A' }).id!;
      const id = insertOne('Contact', { LastName: 'x', AccountId: account.slice(0, 15) }).id!;
      expect(org.get(id)!.AccountId).to.equal(account);
    });

    it('derives the person Name of a contact', () => {
      const id = insertOne('Contact', { FirstName: 'Ada', LastName: 'Lovelace' }).id!;
      expect(org.get(id)!.Name).to.equal('Ada Lovelace');
    });

    it('enforces restricted picklists, also per record type', () => {
      const mono = org.seedTarget.recordTypeId('Widget__c', 'Mono');
      expect(insertOne('Widget__c', { Name: 'w', Color__c: 'Pink' }).errors[0]).to.deep.equal({
        statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        message: 'Color: bad value for restricted picklist field: Pink',
        fields: ['Color__c'],
      });
      expect(insertOne('Widget__c', { Name: 'w', Color__c: 'Blue' }).success).to.equal(true);
      expect(insertOne('Widget__c', { Name: 'w', Color__c: 'Blue', RecordTypeId: mono }).errors[0].statusCode).to.equal(
        'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST'
      );
    });

    it('defaults the record type and picklist, rejects a foreign record type', () => {
      const id = insertOne('Widget__c', { Name: 'w' }).id!;
      expect(org.get(id)!.RecordTypeId).to.equal(org.seedTarget.recordTypeId('Widget__c', 'Standard'));
      expect(org.get(id)!.Color__c).to.equal('Red');
      expect(org.get(id)!.Active__c).to.equal(false);
      const accountType = org.recordTypes.forObject('Account')[0].id;
      expect(insertOne('Widget__c', { Name: 'w', RecordTypeId: accountType }).errors[0]).to.deep.equal({
        statusCode: 'INVALID_CROSS_REFERENCE_KEY',
        message: `Record Type ID: this ID value isn't valid for the user: ${accountType}`,
        fields: ['RecordTypeId'],
      });
    });

    it('runs validation rules', () => {
      expect(insertOne('Widget__c', { Name: 'w', Qty__c: -1 }).errors[0]).to.deep.equal({
        statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        message: 'Quantity cannot be negative',
        fields: ['Qty__c'],
      });
    });

    it('rejects duplicate values of unique fields, case-insensitively', () => {
      const first = insertOne('Widget__c', { Name: 'w', Code__c: 'abc' }).id!;
      expect(insertOne('Widget__c', { Name: 'w', Code__c: 'ABC' }).errors[0]).to.deep.equal({
        statusCode: 'DUPLICATE_VALUE',
        message: `duplicate value found: Code__c duplicates value on record with id: ${first}`,
        fields: [],
      });
    });

    it('allOrNone rolls everything back and marks the good records', () => {
      const results = org.engine.insert('Account', [{ Name: 'ok' }, {}], all);
      expect(results[0]).to.deep.equal({
        id: null,
        success: false,
        errors: [
          {
            statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
            message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
            fields: [],
          },
        ],
      });
      expect(results[1].errors[0].statusCode).to.equal('REQUIRED_FIELD_MISSING');
      expect(org.count('Account')).to.equal(0);
    });

    it('without allOrNone keeps the good records', () => {
      const results = org.engine.insert('Account', [{ Name: 'ok' }, {}], none);
      expect(results.map((r) => r.success)).to.deep.equal([true, false]);
      expect(org.count('Account')).to.equal(1);
    });
  });

  describe('update', () => {
    it('applies changes and stamps LastModifiedDate', () => {
      const id = insertOne('Account', { Name: 'A' }).id!;
      const result = org.engine.update('Account', [{ id, Name: 'B', attributes: { type: 'Account' } }], none)[0];
      expect(result).to.deep.equal({ id, success: true, errors: [] });
      expect(org.get(id)!.Name).to.equal('B');
    });

    it('rejects clearing a required field, non-updateable fields, missing and deleted records', () => {
      const id = insertOne('Account', { Name: 'A' }).id!;
      expect(org.engine.update('Account', [{ Id: id, Name: null }], none)[0].errors[0].statusCode).to.equal('REQUIRED_FIELD_MISSING');
      const contact = insertOne('Contact', { LastName: 'C' }).id!;
      const allocation = insertOne('TicketAllocation__c', { Contact__c: contact }).id!;
      expect(org.engine.update('TicketAllocation__c', [{ Id: allocation, Contact__c: contact }], none)[0].errors[0].statusCode).to.equal(
        'INVALID_FIELD_FOR_INSERT_UPDATE'
      );
      expect(org.engine.update('Account', [{ Name: 'x' }], none)[0].errors[0]).to.deep.equal({
        statusCode: 'MISSING_ARGUMENT',
        message: 'Id not specified in an update call',
        fields: [],
      });
      expect(org.engine.update('Account', [{ Id: '001000000000000AAA', Name: 'x' }], none)[0].errors[0].statusCode).to.equal('INVALID_CROSS_REFERENCE_KEY');
      org.engine.delete([id], none);
      expect(org.engine.update('Account', [{ Id: id, Name: 'x' }], none)[0].errors[0].statusCode).to.equal('ENTITY_IS_DELETED');
    });

    it('allOrNone restores the previous values', () => {
      const id = insertOne('Account', { Name: 'A' }).id!;
      org.engine.update(
        'Account',
        [
          { Id: id, Name: 'B' },
          { Id: id, Name: null },
        ],
        all
      );
      expect(org.get(id)!.Name).to.equal('A');
    });
  });

  describe('upsert', () => {
    it('creates, then updates by external id (case-insensitive)', () => {
      const created = org.engine.upsert('Widget__c', 'Ext__c', [{ Name: 'w', Ext__c: 'K-1' }], none)[0];
      expect(created.success && created.created).to.equal(true);
      const updated = org.engine.upsert('Widget__c', 'ext__c', [{ Name: 'v', Ext__c: 'k-1' }], none)[0];
      expect(updated).to.deep.equal({ id: created.id, success: true, errors: [], created: false });
      expect(org.count('Widget__c')).to.equal(1);
    });

    it('upserts on Id: null creates, an id updates', () => {
      const created = org.engine.upsert('Account', 'Id', [{ Name: 'a', Id: null }], none)[0];
      expect(created.created).to.equal(true);
      const updated = org.engine.upsert('Account', 'Id', [{ Name: 'b', Id: created.id }], none)[0];
      expect(updated.created).to.equal(false);
      expect(org.get(created.id!)!.Name).to.equal('b');
    });

    it('reports a key matching several records and a key repeated in the call', () => {
      const a = org.seedTarget.insert('Contact', { LastName: 'a', Email: 'x@example.com' });
      const b = org.seedTarget.insert('Contact', { LastName: 'b', Email: 'X@example.com' });
      expect(org.engine.upsert('Contact', 'Email', [{ LastName: 'c', Email: 'x@example.com' }], none)[0].errors[0]).to.deep.equal({
        statusCode: 'DUPLICATE_EXTERNAL_ID',
        message: `Email: more than one record found for external id field: [${a}, ${b}]`,
        fields: [],
      });
      const twice = org.engine.upsert(
        'Widget__c',
        'Ext__c',
        [
          { Name: 'w', Ext__c: 'D' },
          { Name: 'w', Ext__c: 'd' },
        ],
        none
      );
      expect(twice.map((r) => r.errors[0]?.statusCode)).to.deep.equal(['DUPLICATE_EXTERNAL_ID', 'DUPLICATE_EXTERNAL_ID']);
    });

    it('resolves a parent by external id in a nested relationship', () => {
      const account = org.seedTarget.insert('Account', { Name: 'A' });
      const widget = org.seedTarget.insert('Widget__c', { Name: 'w', Ext__c: 'P-1', Account__c: account });
      const id = insertOne('Widget__c', { Name: 'child', Account__r: { attributes: { type: 'Account' }, Id: account } }).id!;
      expect(org.get(id)!.Account__c).to.equal(account);
      expect(widget).to.match(/^a0W/);
      expect(insertOne('Contact', { LastName: 'x', Account: { Name: 'nope' } }).errors[0].statusCode).to.equal('INVALID_FIELD');
    });
  });

  describe('delete', () => {
    it('moves records to the recycle bin, cascades master-detail and clears lookups', () => {
      const account = insertOne('Account', { Name: 'A' }).id!;
      const contact = insertOne('Contact', { LastName: 'C', AccountId: account }).id!;
      const allocation = insertOne('TicketAllocation__c', { Contact__c: contact }).id!;
      expect(org.engine.delete([account], none)[0]).to.deep.equal({ id: account, success: true, errors: [] });
      expect(org.get(account)!.IsDeleted).to.equal(true);
      expect(org.get(contact)!.AccountId).to.equal(undefined);
      expect(org.engine.delete([contact], none)[0].success).to.equal(true);
      expect(org.get(allocation)!.IsDeleted).to.equal(true);
      expect(org.count('TicketAllocation__c')).to.equal(0);
      expect(org.count('TicketAllocation__c', true)).to.equal(1);
    });

    it('reports deleted, missing and malformed ids; hard delete purges', () => {
      const id = insertOne('Account', { Name: 'A' }).id!;
      org.engine.delete([id], none);
      expect(org.engine.delete([id], none)[0].errors[0]).to.deep.equal({ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] });
      expect(org.engine.delete(['001000000000000AAA'], none)[0].errors[0].statusCode).to.equal('INVALID_CROSS_REFERENCE_KEY');
      expect(org.engine.delete(['xyz'], none)[0].errors[0].statusCode).to.equal('MALFORMED_ID');
      org.engine.delete([id], { allOrNone: false, hard: true });
      expect(org.get(id)).to.equal(undefined);
    });

    it('allOrNone undoes cascades too', () => {
      const contact = insertOne('Contact', { LastName: 'C' }).id!;
      const allocation = insertOne('TicketAllocation__c', { Contact__c: contact }).id!;
      org.engine.delete([contact, 'xyz'], all);
      expect(org.get(contact)!.IsDeleted).to.equal(false);
      expect(org.get(allocation)!.IsDeleted).to.equal(false);
    });
  });

  it('reports UNABLE_TO_LOCK_ROW from the lock fault hook', () => {
    const id = insertOne('Account', { Name: 'A' }).id!;
    org.setLockFault((recordId) => ({
      statusCode: 'UNABLE_TO_LOCK_ROW',
      message: `unable to obtain exclusive access to this record or 1 records: ${recordId}`,
      fields: [],
    }));
    expect(org.engine.update('Account', [{ Id: id, Name: 'B' }], none)[0].errors[0].message).to.equal(
      `unable to obtain exclusive access to this record or 1 records: ${id}`
    );
  });

  it('creates the system rows: running user, organization, record types', () => {
    expect(org.get(org.userId)!.Username).to.match(/@/);
    expect(org.get(org.orgId)!.OrganizationType).to.equal('Developer Edition');
    expect(org.records('RecordType').map((r) => r.DeveloperName)).to.include.members(['Standard', 'Mono']);
  });
});
