import { expect } from 'chai';
import { runSoql } from '../../src/soql/index.js';
import { defaultSchemaOrg } from './testOrg.js';

const none = { allOrNone: false };

describe("emulator org rows: the running user, profiles and the org's own objects", () => {
  const org = defaultSchemaOrg('ada@acme.example.com');
  const query = (soql: string): Array<Record<string, unknown>> => runSoql(soql, org.source, { includeDeleted: false, apiVersion: '62.0' }).records;

  it("answers the sf CLI's user query with every field a real user row has", () => {
    const [user] = query(
      "SELECT Id, Username, LastName, Alias, TimeZoneSidKey, LocaleSidKey, EmailEncodingKey, ProfileId, LanguageLocaleKey, Email FROM User WHERE Username='ada@acme.example.com'"
    );
    expect(user).to.include({
      Id: org.userId,
      Username: 'ada@acme.example.com',
      LastName: 'Admin',
      Alias: 'eadmin',
      TimeZoneSidKey: 'America/Los_Angeles',
      LocaleSidKey: 'en_US',
      EmailEncodingKey: 'UTF-8',
      LanguageLocaleKey: 'en_US',
      Email: 'ada@acme.example.com',
    });
    const [row] = query(`SELECT Name, FirstName, IsActive, UserType, Profile.Name FROM User WHERE Id = '${org.userId}'`);
    expect(row).to.deep.include({ Name: 'Emulated Admin', FirstName: 'Emulated', IsActive: true, UserType: 'Standard' });
    expect((row.Profile as Record<string, unknown>).Name).to.equal('System Administrator');
  });

  it('has the System Administrator and Standard User profiles, which clients cannot create', () => {
    expect(query('SELECT Name FROM Profile ORDER BY Name').map((row) => row.Name)).to.deep.equal(['Standard User', 'System Administrator']);
    expect(query("SELECT Id FROM Profile WHERE Name = 'Standard User'")[0].Id).to.equal(org.seedTarget.profileId('Standard User'));
    expect(org.engine.insert('Profile', [{ Name: 'Sales' }], none)[0].errors).to.deep.equal([
      { statusCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', message: 'entity type cannot be inserted: Profile', fields: [] },
    ]);
  });

  it('refuses updates to objects the API cannot update', () => {
    const [entity] = query("SELECT Id FROM EntityDefinition WHERE QualifiedApiName = 'Account'");
    expect(org.engine.update('EntityDefinition', [{ Id: entity.Id, Label: 'Client' }], none)[0].errors).to.deep.equal([
      { statusCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', message: 'entity type cannot be updated: Entity Definition', fields: [] },
    ]);
  });

  it('requires a profile on new users', () => {
    const user = {
      Username: 'grace@acme.example.com',
      LastName: 'Hopper',
      Email: 'grace@acme.example.com',
      Alias: 'ghopper',
      TimeZoneSidKey: 'Europe/Paris',
      LocaleSidKey: 'en_US',
      EmailEncodingKey: 'UTF-8',
      LanguageLocaleKey: 'en_US',
    };
    expect(org.engine.insert('User', [user], none)[0].errors[0]).to.deep.include({ statusCode: 'REQUIRED_FIELD_MISSING', fields: ['ProfileId'] });
    expect(org.engine.insert('User', [{ ...user, ProfileId: org.seedTarget.profileId('Standard User') }], none)[0].success).to.equal(true);
  });
});
