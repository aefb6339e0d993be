/**
 * Metadata API deploys of schema fixes, as `sf isync compare --fix` will send them: CustomField, RecordType and
 * PermissionSet components in zips made by source-deploy-retrieve, deployed over the SOAP endpoint. Checks what
 * the org applies (describe, SOQL, REST and Bulk writes), field-level security until a permission set is
 * assigned, picklist deactivation on redeploy, all-or-nothing failures and the reset to the start state.
 */
import { expect } from 'chai';
import JSZip from 'jszip';
import { startOrg, type EmulatedOrg } from '../../src/index.js';
import { buildField } from '../../src/schema/fieldBuilders.js';
import { bulkIngest, call, query, V } from '../automation/automationKit.js';
import { FAST, member, startDeploy, waitForDeploy } from './deployKit.js';
import { fieldSource, permissionSetSource, recordTypeSource, sdrZip, valueSet, type SourceFile } from './sdrZip.js';

type Message = Record<string, string>;

/** The DeployMessages of one kind (componentSuccesses / componentFailures) of a checkDeployStatus result. */
function messages(xml: string, tag: 'componentSuccesses' | 'componentFailures'): Message[] {
  return [...xml.matchAll(new RegExp(`<${tag}>(.*?)</${tag}>`, 'g'))].map(([, inner]) =>
    Object.fromEntries([...inner.matchAll(/<(\w+)>([^<]*)<\/\1>/g)].map(([, name, value]) => [name, value]))
  );
}

const TIER = fieldSource(
  'Account',
  'Tier__c',
  `    <label>Tier</label>\n    <required>false</required>\n    <type>Picklist</type>\n    ${valueSet(['Gold', 'Silver'], true)}`
);
const REGION = fieldSource(
  'Account',
  'Region_Code__c',
  '    <externalId>true</externalId>\n    <label>Region Code</label>\n    <length>10</length>\n    <type>Text</type>\n    <unique>true</unique>'
);
const PARTNER = fieldSource(
  'Account',
  'Partner_Contact__c',
  '    <deleteConstraint>SetNull</deleteConstraint>\n    <label>Partner Contact</label>\n    <referenceTo>Contact</referenceTo>\n' +
    '    <relationshipName>Partner_Accounts</relationshipName>\n    <type>Lookup</type>'
);
const WHOLESALE = recordTypeSource(
  'Account',
  'Wholesale',
  '    <active>true</active>\n    <label>Wholesale</label>\n    <picklistValues><picklist>Tier__c</picklist><values><fullName>Gold</fullName><default>false</default></values></picklistValues>'
);
const grant = (field: string, editable = true): string =>
  `<fieldPermissions><editable>${editable}</editable><field>${field}</field><readable>true</readable></fieldPermissions>`;
const FIX_ACCESS = permissionSetSource(
  'Fix_Access',
  `    <label>Fix Access</label>\n    ${grant('Account.Tier__c')}${grant('Account.Region_Code__c')}${grant('Account.Partner_Contact__c')}` +
    '<recordTypeVisibilities><recordType>Account.Wholesale</recordType><visible>true</visible></recordTypeVisibilities>'
);

describe('emulator Metadata API deploy of CustomField, RecordType and PermissionSet (SDR-made zips)', function () {
  this.timeout(120_000);
  let org: EmulatedOrg;
  before(async () => {
    org = await startOrg({ dataset: 'empty', deployTiming: FAST, username: 'schema-deploy@emulator.isync.test' });
  });
  after(async () => {
    await org.stop();
  });
  beforeEach(async () => {
    await call(org, 'POST', '/__emulator/reset?data=true');
  });

  async function deploy(files: SourceFile[], options: Record<string, string | boolean> = {}): Promise<string> {
    return waitForDeploy(org, await startDeploy(org, await sdrZip(files), options));
  }
  type AccountDescribe = { fields: Array<Record<string, unknown> & { name: string }>; recordTypeInfos: Array<{ developerName: string }> };
  const describeAccount = async (): Promise<AccountDescribe> => (await call(org, 'GET', `${V}/sobjects/Account/describe`)).body as AccountDescribe;
  const accountField = async (name: string): Promise<Record<string, unknown> | undefined> =>
    (await describeAccount()).fields.find((field) => field.name === name);
  async function assign(permissionSetName: string): Promise<{ status: number; body: unknown }> {
    const set = (await call(org, 'GET', query(`SELECT Id FROM PermissionSet WHERE Name = '${permissionSetName}'`))).body.records[0];
    return call(org, 'POST', `${V}/sobjects/PermissionSetAssignment`, { AssigneeId: org.userId, PermissionSetId: set.Id });
  }

  it('SDR puts the components in package.xml and objects/Account.object, as the emulator reads them', async () => {
    const zip = await JSZip.loadAsync(await sdrZip([TIER, WHOLESALE, FIX_ACCESS]));
    expect(Object.keys(zip.files).filter((name) => !name.endsWith('/'))).to.have.members([
      'package.xml',
      'objects/Account.object',
      'permissionsets/Fix_Access.permissionset',
    ]);
    const manifest = await zip.file('package.xml')!.async('string');
    expect(manifest).to.match(/<members>Account\.Tier__c<\/members>\s*<name>CustomField<\/name>/);
    expect(manifest).to.match(/<members>Account\.Wholesale<\/members>\s*<name>RecordType<\/name>/);
    const object = await zip.file('objects/Account.object')!.async('string');
    expect(object).to.match(/<CustomObject[^>]*>\s*<fields>\s*<fullName>Tier__c<\/fullName>/);
    expect(object).to.match(/<recordTypes>\s*<fullName>Wholesale<\/fullName>/);
  });

  it('creates fields, a record type and a permission set; the fields stay hidden until the set is assigned', async () => {
    const done = await deploy([TIER, REGION, PARTNER, WHOLESALE, FIX_ACCESS]);
    expect(member(done, 'status')).to.equal('Succeeded');
    const successes = messages(done, 'componentSuccesses');
    expect(successes.map((m) => [m.componentType, m.fullName, m.fileName, m.created])).to.deep.include.members([
      ['CustomField', 'Account.Tier__c', 'objects/Account.object', 'true'],
      ['CustomField', 'Account.Partner_Contact__c', 'objects/Account.object', 'true'],
      ['RecordType', 'Account.Wholesale', 'objects/Account.object', 'true'],
      ['PermissionSet', 'Fix_Access', 'permissionsets/Fix_Access.permissionset', 'true'],
    ]);

    // Field-level security: no describe, INVALID_FIELD in SOQL, no writes.
    expect(await accountField('Tier__c')).to.equal(undefined);
    const hiddenQuery = await call(org, 'GET', query('SELECT Tier__c FROM Account'));
    expect(hiddenQuery.status).to.equal(400);
    expect(hiddenQuery.body[0].errorCode).to.equal('INVALID_FIELD');
    const hiddenWrite = await call(org, 'POST', `${V}/sobjects/Account`, { Name: 'Acme', Tier__c: 'Gold' });
    expect(hiddenWrite.status).to.equal(400);
    expect(hiddenWrite.body[0].errorCode).to.equal('INVALID_FIELD');

    // The record type is there already: RecordType rows and recordTypeInfos.
    const rows = (await call(org, 'GET', query("SELECT Id, DeveloperName, SobjectType, IsActive FROM RecordType WHERE SobjectType = 'Account'"))).body.records;
    const wholesale = rows.find((row: { DeveloperName: string }) => row.DeveloperName === 'Wholesale');
    expect(wholesale).to.include({ SobjectType: 'Account', IsActive: true });
    expect((await describeAccount()).recordTypeInfos.map((info) => info.developerName)).to.include('Wholesale');

    expect((await assign('Fix_Access')).status).to.equal(201);
    expect(await accountField('Tier__c')).to.deep.equal(
      JSON.parse(JSON.stringify(buildField({ kind: 'picklist', name: 'Tier__c', label: 'Tier', values: ['Gold', 'Silver'], restricted: true })))
    );
    expect(await accountField('Region_Code__c')).to.include({ externalId: true, unique: true, length: 10, idLookup: true, createable: true });
    expect(await accountField('Partner_Contact__c')).to.deep.include({ type: 'reference', referenceTo: ['Contact'], relationshipName: 'Partner_Contact__r' });
    const contactDescribe = (await call(org, 'GET', `${V}/sobjects/Contact/describe`)).body;
    expect(contactDescribe.childRelationships.map((r: { relationshipName: string }) => r.relationshipName)).to.include('Partner_Accounts__r');

    // REST, composite and Bulk writes with the new fields and the new record type; SOQL reads them.
    const contact = await call(org, 'POST', `${V}/sobjects/Contact`, { LastName: 'Partner' });
    const created = await call(org, 'POST', `${V}/sobjects/Account`, {
      Name: 'Acme',
      RecordTypeId: wholesale.Id,
      Tier__c: 'Gold',
      Region_Code__c: 'EU-1',
      Partner_Contact__c: contact.body.id,
    });
    expect(created.status).to.equal(201);
    const notForWholesale = await call(org, 'POST', `${V}/sobjects/Account`, { Name: 'Beta', RecordTypeId: wholesale.Id, Tier__c: 'Silver' });
    expect(notForWholesale.body[0].errorCode).to.equal('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    const composite = await call(org, 'POST', `${V}/composite/sobjects`, {
      allOrNone: true,
      records: [{ attributes: { type: 'Account' }, Name: 'Gamma', Tier__c: 'Silver', Region_Code__c: 'US-2' }],
    });
    expect(composite.body[0].success).to.equal(true);
    const failedRows = await bulkIngest(org, 'Account', 'insert', 'Name,Tier__c,Region_Code__c\nDelta,Gold,AP-3\n');
    expect(failedRows.trim().split('\n')).to.have.length(1);
    const read = (await call(org, 'GET', query('SELECT Name, Tier__c, Partner_Contact__r.LastName FROM Account WHERE Region_Code__c != null ORDER BY Name')))
      .body;
    expect(read.records.map((r: { Name: string; Tier__c: string }) => [r.Name, r.Tier__c])).to.deep.equal([
      ['Acme', 'Gold'],
      ['Delta', 'Gold'],
      ['Gamma', 'Silver'],
    ]);
    expect(read.records[0].Partner_Contact__r.LastName).to.equal('Partner');

    // A user holds a permission set once.
    const again = await assign('Fix_Access');
    expect(again.status).to.equal(400);
    const setId = (await call(org, 'GET', query("SELECT Id FROM PermissionSet WHERE Name = 'Fix_Access'"))).body.records[0].Id as string;
    expect(again.body).to.deep.equal([
      {
        errorCode: 'DUPLICATE_VALUE',
        message: `Duplicate PermissionSetAssignment. Assignee: ${org.userId.slice(0, 15)}; Permission Set: ${setId.slice(0, 15)}`,
        fields: [],
      },
    ]);
  });

  it('a read-only grant shows the field without letting it be written; a later deploy of an assigned set makes it editable', async () => {
    const readOnly = permissionSetSource('Readers', `    <label>Readers</label>\n    ${grant('Account.Tier__c', false)}`);
    await deploy([TIER, readOnly]);
    expect((await assign('Readers')).status).to.equal(201);
    expect(await accountField('Tier__c')).to.include({ createable: false, updateable: false });
    const write = await call(org, 'POST', `${V}/sobjects/Account`, { Name: 'Acme', Tier__c: 'Gold' });
    expect(write.body[0].errorCode).to.equal('INVALID_FIELD_FOR_INSERT_UPDATE');
    const done = await deploy([permissionSetSource('Readers', `    <label>Readers</label>\n    ${grant('Account.Tier__c')}`)]);
    expect(messages(done, 'componentSuccesses').find((m) => m.fullName === 'Readers')).to.include({ created: 'false', changed: 'true' });
    expect(await accountField('Tier__c')).to.include({ createable: true, updateable: true });

    // Deleting the assignment hides the field again.
    const assignment = (await call(org, 'GET', query(`SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '${org.userId}'`))).body.records[0];
    expect((await call(org, 'DELETE', `${V}/sobjects/PermissionSetAssignment/${assignment.Id}`)).status).to.equal(204);
    expect(await accountField('Tier__c')).to.equal(undefined);
  });

  it('a required field has no field-level security: it shows at once, and a permission set may not name it', async () => {
    const code = fieldSource('Account', 'Code__c', '    <label>Code</label>\n    <length>8</length>\n    <required>true</required>\n    <type>Text</type>');
    expect(member(await deploy([code]), 'status')).to.equal('Succeeded');
    expect(await accountField('Code__c')).to.include({ nillable: false, permissionable: false, createable: true });
    const missing = await call(org, 'POST', `${V}/sobjects/Account`, { Name: 'Acme' });
    expect(missing.body[0]).to.include({ errorCode: 'REQUIRED_FIELD_MISSING' });
    const done = await deploy([permissionSetSource('Codes', `    <label>Codes</label>\n    ${grant('Account.Code__c')}`)]);
    expect(messages(done, 'componentFailures')[0].problem).to.equal('You cannot deploy to a required field: Account.Code__c');
  });

  it('a redeploy deactivates the picklist values it leaves out and adds new ones', async () => {
    await deploy([TIER, permissionSetSource('Tiers', `    <label>Tiers</label>\n    ${grant('Account.Tier__c')}`)]);
    await assign('Tiers');
    const tier = fieldSource('Account', 'Tier__c', `    <label>Tier</label>\n    <type>Picklist</type>\n    ${valueSet(['Gold', 'Platinum'], true)}`);
    const done = await deploy([tier]);
    expect(messages(done, 'componentSuccesses').find((m) => m.fullName === 'Account.Tier__c')).to.include({ created: 'false', changed: 'true' });
    const field = (await accountField('Tier__c')) as { picklistValues: Array<{ value: string }> };
    expect(field.picklistValues.map((entry) => entry.value)).to.deep.equal(['Gold', 'Platinum']);
    const silver = await call(org, 'POST', `${V}/sobjects/Account`, { Name: 'Acme', Tier__c: 'Silver' });
    expect(silver.body[0].errorCode).to.equal('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    expect((await call(org, 'POST', `${V}/sobjects/Account`, { Name: 'Acme', Tier__c: 'Platinum' })).status).to.equal(201);
  });

  it('rollbackOnError: one failing component applies nothing; without it the others are applied', async () => {
    const good = fieldSource('Account', 'Good__c', '    <label>Good</label>\n    <length>20</length>\n    <type>Text</type>');
    const bad = fieldSource(
      'Account',
      'Bad__c',
      '    <label>Bad</label>\n    <referenceTo>Nope__c</referenceTo>\n    <relationshipName>Bads</relationshipName>\n    <type>Lookup</type>'
    );
    const failedDeploy = await deploy([good, bad]);
    expect(member(failedDeploy, 'status')).to.equal('Failed');
    expect(messages(failedDeploy, 'componentFailures')).to.deep.include.members([
      {
        changed: 'false',
        componentType: 'CustomField',
        created: 'false',
        createdDate: member(failedDeploy, 'createdDate')!,
        deleted: 'false',
        fileName: 'objects/Account.object',
        fullName: 'Account.Bad__c',
        problem: "referenceTo value of 'Nope__c' does not resolve to a valid sObject type",
        problemType: 'Error',
        success: 'false',
      },
    ]);
    expect(org.org.fieldVisibility.managedField('Account', 'Good__c')).to.equal(undefined);

    const partial = await deploy([good, bad], { rollbackOnError: false });
    expect(member(partial, 'status')).to.equal('SucceededPartial');
    expect(org.org.fieldVisibility.managedField('Account', 'Good__c')).to.include({ length: 20 });
  });

  it('refuses a change of type, a standard field the org lacks, a missing object, an unknown field or record type in a permission set', async () => {
    const done = await deploy([
      fieldSource('Account', 'Rating', '    <label>Rating</label>\n    <type>Text</type>\n    <length>10</length>'),
      fieldSource('Account', 'NoSuchStandard', '    <label>X</label>\n    <type>Text</type>\n    <length>10</length>'),
      fieldSource('Supplier__c', 'Email__c', '    <label>Email</label>\n    <type>Number</type>\n    <precision>10</precision>\n    <scale>0</scale>'),
      fieldSource('Nope__c', 'X__c', '    <label>X</label>\n    <type>Checkbox</type>\n    <defaultValue>false</defaultValue>'),
      permissionSetSource('Broken', `    <label>Broken</label>\n    ${grant('Account.Missing__c')}`),
      permissionSetSource(
        'Broken_Types',
        '    <label>Broken Types</label>\n    <recordTypeVisibilities><recordType>Account.Nope</recordType><visible>true</visible></recordTypeVisibilities>'
      ),
      recordTypeSource(
        'Account',
        'Odd',
        '    <active>true</active>\n    <label>Odd</label>\n    <picklistValues><picklist>Type</picklist><values><fullName>Nope</fullName></values></picklistValues>'
      ),
    ]);
    expect(member(done, 'status')).to.equal('Failed');
    const problems = Object.fromEntries(messages(done, 'componentFailures').map((m) => [m.fullName, m.problem]));
    expect(problems).to.deep.equal({
      'Account.Rating': 'The emulator deploys custom fields only: standard field Account.Rating is not emulated',
      'Account.NoSuchStandard': "Could not resolve standard field's name.",
      'Supplier__c.Email__c': "The emulator does not change a field's type: Email__c is email, the deploy makes it double",
      'Nope__c.X__c': 'Must specify a non-empty label for the CustomObject',
      Broken: 'In field: field - no CustomField named Account.Missing__c found',
      Broken_Types: 'In field: recordType - no RecordType named Account.Nope found',
      'Account.Odd': 'Picklist value: Nope in picklist: Type not found',
    });
  });

  it('a full reset puts the org back to its start: deployed fields, record types and permission sets are gone', async () => {
    const done = await deploy([TIER, WHOLESALE, permissionSetSource('Tiers', `    <label>Tiers</label>\n    ${grant('Account.Tier__c')}`)]);
    expect(member(done, 'status')).to.equal('Succeeded');
    await assign('Tiers');
    expect(await accountField('Tier__c')).to.not.equal(undefined);
    await call(org, 'POST', '/__emulator/reset?data=true');
    expect(await accountField('Tier__c')).to.equal(undefined);
    expect(org.org.fieldVisibility.managedField('Account', 'Tier__c')).to.equal(undefined);
    expect((await describeAccount()).recordTypeInfos.map((info) => info.developerName)).to.deep.equal(['Customer', 'Partner', 'Master']);
    expect((await call(org, 'GET', query("SELECT Id FROM RecordType WHERE DeveloperName = 'Wholesale'"))).body.totalSize).to.equal(0);
    expect((await call(org, 'GET', query('SELECT Id FROM PermissionSet'))).body.totalSize).to.equal(0);
  });
});
