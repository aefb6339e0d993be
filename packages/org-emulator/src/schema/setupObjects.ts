/**
 * The setup objects a sync tool and the sf CLI read: User, Profile, Group, RecordType, Organization and
 * EntityDefinition. Declared from Salesforce's object reference (no licensed full describe of them was
 * found); Organization's fields are those of the recorded `GET sobjects/Organization/{id}` row.
 *
 * ScratchOrgInfo is deliberately absent: it exists only in Dev Hub orgs, and `sf org login access-token`
 * decides "not a Dev Hub" from the INVALID_TYPE its query gets.
 */
import type { ObjectDef } from './model.js';
import { buildStandardObject, DEFAULTED, READ_ONLY, standardField } from './standardObjectBuilder.js';
import { ownerIdField, recentlyViewedFields } from './systemFields.js';

const TIME_ZONES = ['America/Los_Angeles', 'America/New_York', 'America/Chicago', 'Europe/London', 'Europe/Paris', 'Asia/Tokyo', 'GMT'];
const LOCALES = ['en_US', 'en_GB', 'fr_FR', 'de_DE', 'ja_JP'];
const LANGUAGES = ['en_US', 'fr', 'de', 'ja'];
const EMAIL_ENCODINGS = ['UTF-8', 'ISO-8859-1', 'Shift_JIS'];
/** The user types of User.UserType and Profile.UserType. */
const USER_TYPES = ['Standard', 'PowerPartner', 'CsnOnly', 'Guest'];

function requiredRestrictedPicklist(name: string, label: string, values: string[]): ReturnType<typeof standardField> {
  return standardField({ kind: 'picklist', name, label, values, restricted: true, required: true });
}

/**
 * User, with the fields the sf CLI reads (`SELECT Id, Username, LastName, Alias, TimeZoneSidKey,
 * LocaleSidKey, EmailEncodingKey, ProfileId, LanguageLocaleKey, Email FROM User`). UserRoleId is left out:
 * the emulator has no UserRole object.
 */
export function user(): ObjectDef {
  return buildStandardObject('User', {
    fields: [
      // Usernames are unique across all of Salesforce, compared case-insensitively.
      standardField({ kind: 'text', name: 'Username', label: 'Username', length: 80, required: true, unique: true }, { idLookup: true }),
      // Parts of the compound Name, as in the real User describe: the org fills Name from them.
      standardField({ kind: 'text', name: 'LastName', label: 'Last Name', length: 80, required: true }, { compoundFieldName: 'Name' }),
      standardField({ kind: 'text', name: 'FirstName', label: 'First Name', length: 40 }, { compoundFieldName: 'Name' }),
      standardField({ kind: 'text', name: 'Name', label: 'Full Name', length: 121 }, READ_ONLY, { nameField: true, nillable: false }),
      standardField({ kind: 'text', name: 'CompanyName', label: 'Company Name', length: 80 }),
      standardField({ kind: 'text', name: 'Division', label: 'Division', length: 80 }),
      standardField({ kind: 'text', name: 'Department', label: 'Department', length: 80 }),
      standardField({ kind: 'text', name: 'Title', label: 'Title', length: 80 }),
      standardField({ kind: 'email', name: 'Email', label: 'Email', required: true }, { length: 128, byteLength: 384 }),
      standardField({ kind: 'phone', name: 'Phone', label: 'Phone' }),
      standardField({ kind: 'phone', name: 'MobilePhone', label: 'Mobile' }),
      standardField({ kind: 'text', name: 'Alias', label: 'Alias', length: 8, required: true }),
      // Required, but Salesforce derives one from the username when it is omitted.
      standardField({ kind: 'text', name: 'CommunityNickname', label: 'Nickname', length: 40, required: true }, DEFAULTED),
      standardField({ kind: 'boolean', name: 'IsActive', label: 'Active', defaultValue: true }),
      requiredRestrictedPicklist('TimeZoneSidKey', 'Time Zone', TIME_ZONES),
      requiredRestrictedPicklist('LocaleSidKey', 'Locale', LOCALES),
      requiredRestrictedPicklist('EmailEncodingKey', 'Email Encoding', EMAIL_ENCODINGS),
      standardField({ kind: 'lookup', name: 'ProfileId', label: 'Profile ID', referenceTo: 'Profile', relationshipName: 'Profile', required: true }),
      requiredRestrictedPicklist('LanguageLocaleKey', 'Language', LANGUAGES),
      standardField({ kind: 'picklist', name: 'UserType', label: 'User Type', values: USER_TYPES, restricted: true, defaultValue: 'Standard' }, READ_ONLY),
      standardField({ kind: 'text', name: 'EmployeeNumber', label: 'Employee Number', length: 20 }),
      standardField({ kind: 'lookup', name: 'ManagerId', label: 'Manager ID', referenceTo: 'User', relationshipName: 'Manager' }),
      standardField({ kind: 'text', name: 'FederationIdentifier', label: 'SAML Federation ID', length: 512 }, { idLookup: true }),
      standardField({ kind: 'datetime', name: 'LastLoginDate', label: 'Last Login' }, READ_ONLY),
    ],
    trailingFields: recentlyViewedFields(),
    parentRelationships: {
      ManagerId: { relationshipName: 'ManagedUsers', cascadeDelete: false, restrictedDelete: false },
      // Salesforce refuses to delete a profile that is assigned to users.
      ProfileId: { relationshipName: 'Users', cascadeDelete: false, restrictedDelete: true },
    },
  });
}

/**
 * Profile: every user has one. The data API cannot create profiles (Setup does), so the org creates the
 * two every org has, "System Administrator" (the running user's) and "Standard User" (which `sf org create
 * user` looks up by name).
 */
export function profile(): ObjectDef {
  return buildStandardObject('Profile', {
    fields: [
      standardField({ kind: 'text', name: 'Name', label: 'Name', length: 255, required: true }, { nameField: true }),
      standardField({ kind: 'picklist', name: 'UserType', label: 'User Type', values: USER_TYPES, restricted: true }, READ_ONLY),
      standardField({ kind: 'text', name: 'Description', label: 'Description', length: 255 }),
    ],
    trailingFields: recentlyViewedFields(),
  });
}

/** Group: public groups and queues (Case and Lead records can be owned by a queue). */
export function group(): ObjectDef {
  return buildStandardObject('Group', {
    fields: [
      standardField({ kind: 'text', name: 'Name', label: 'Name', length: 40, required: true }, { nameField: true }),
      standardField({ kind: 'text', name: 'DeveloperName', label: 'Developer Name', length: 80 }, DEFAULTED, { nillable: false }),
      standardField(
        {
          kind: 'picklist',
          name: 'Type',
          label: 'Type',
          values: ['Regular', 'Queue', 'Role', 'RoleAndSubordinates', 'Organization'],
          restricted: true,
          required: true,
        },
        { updateable: false }
      ),
      standardField({ kind: 'email', name: 'Email', label: 'Email' }, { length: 255, byteLength: 765 }),
      ownerIdField(['Organization', 'User']),
      standardField({ kind: 'boolean', name: 'DoesSendEmailToMembers', label: 'Send Email to Members' }),
      standardField({ kind: 'boolean', name: 'DoesIncludeBosses', label: 'Include Bosses', defaultValue: true }),
    ],
  });
}

/**
 * RecordType. The org creates one row per `RecordTypeDef` of the schema; `SobjectType`'s values are the
 * schema's object names (filled by `finalizeSchema`, so they follow schema-file changes).
 */
export function recordType(): ObjectDef {
  return buildStandardObject('RecordType', {
    fields: [
      standardField({ kind: 'text', name: 'Name', label: 'Record Type Name', length: 80, required: true }, { nameField: true }),
      standardField({ kind: 'text', name: 'DeveloperName', label: 'Record Type Name', length: 80, required: true }),
      standardField({ kind: 'text', name: 'NamespacePrefix', label: 'Namespace Prefix', length: 15 }, READ_ONLY),
      standardField({ kind: 'text', name: 'Description', label: 'Description', length: 255 }),
      standardField({ kind: 'picklist', name: 'SobjectType', label: 'SObject Type Name', values: [], restricted: true, required: true }, { updateable: false }),
      standardField({ kind: 'boolean', name: 'IsActive', label: 'Active' }),
      standardField({ kind: 'boolean', name: 'IsPersonType', label: 'Is Person Type' }, READ_ONLY),
    ],
  });
}

const ORGANIZATION_TYPES = [
  'Team Edition',
  'Professional Edition',
  'Enterprise Edition',
  'Developer Edition',
  'Personal Edition',
  'Unlimited Edition',
  'Contact Manager Edition',
  'Base Edition',
];

/** Organization: the one row describing the org (read by `sf org login access-token` and Org.create). */
export function organization(): ObjectDef {
  const def = buildStandardObject('Organization', {
    fields: [
      standardField({ kind: 'text', name: 'Name', label: 'Name', length: 80, required: true }, { nameField: true }),
      standardField({ kind: 'text', name: 'Division', label: 'Division', length: 80 }),
      standardField({ kind: 'textarea', name: 'Street', label: 'Street', length: 255 }),
      standardField({ kind: 'text', name: 'City', label: 'City', length: 40 }),
      standardField({ kind: 'text', name: 'State', label: 'State/Province', length: 80 }),
      standardField({ kind: 'text', name: 'PostalCode', label: 'Zip/Postal Code', length: 20 }),
      standardField({ kind: 'text', name: 'Country', label: 'Country', length: 80 }),
      standardField({ kind: 'phone', name: 'Phone', label: 'Phone' }),
      standardField({ kind: 'phone', name: 'Fax', label: 'Fax' }),
      standardField({ kind: 'text', name: 'PrimaryContact', label: 'Primary Contact', length: 80 }),
      standardField({ kind: 'picklist', name: 'DefaultLocaleSidKey', label: 'Locale', values: LOCALES, restricted: true, required: true }),
      standardField({ kind: 'picklist', name: 'TimeZoneSidKey', label: 'Time Zone', values: TIME_ZONES, restricted: true, required: true }),
      standardField({ kind: 'picklist', name: 'LanguageLocaleKey', label: 'Language', values: LANGUAGES, restricted: true, required: true }),
      standardField({ kind: 'int', name: 'FiscalYearStartMonth', label: 'Fiscal Year Starts In', digits: 2 }),
      standardField({ kind: 'text', name: 'SignupCountryIsoCode', label: 'Signup Country', length: 2 }),
      standardField({ kind: 'datetime', name: 'TrialExpirationDate', label: 'Trial Expiration Date' }),
      standardField({ kind: 'picklist', name: 'OrganizationType', label: 'Edition', values: ORGANIZATION_TYPES, restricted: true }),
      standardField({ kind: 'text', name: 'NamespacePrefix', label: 'Namespace Prefix', length: 15 }),
      standardField({ kind: 'text', name: 'InstanceName', label: 'Instance Name', length: 5 }),
      standardField({ kind: 'boolean', name: 'IsSandbox', label: 'Is Sandbox' }),
      standardField({ kind: 'boolean', name: 'IsReadOnly', label: 'Is Read Only' }),
    ],
  });
  // Only Salesforce writes the organization's row through the data API's eyes.
  def.fields = def.fields.map((field) => ({ ...field, ...READ_ONLY }));
  return def;
}

/**
 * EntityDefinition: one row per object, answering SFDMU's `SELECT QualifiedApiName, Label FROM
 * EntityDefinition WHERE IsDeprecatedAndHidden = false ORDER BY QualifiedApiName`. It is an ordinary
 * read-only object of the schema; the org fills its rows from the schema with `entityDefinitionRows`.
 */
export function entityDefinition(): ObjectDef {
  const text = (name: string, label: string, length: number): ReturnType<typeof standardField> => standardField({ kind: 'text', name, label, length });
  const flag = (name: string, label: string): ReturnType<typeof standardField> => standardField({ kind: 'boolean', name, label });
  const def = buildStandardObject('EntityDefinition', {
    withAuditFields: false,
    fields: [
      text('DurableId', 'Durable Id', 255),
      text('QualifiedApiName', 'Qualified Api Name', 250),
      text('NamespacePrefix', 'Namespace Prefix', 15),
      text('DeveloperName', 'Developer Name', 40),
      text('MasterLabel', 'Master Label', 255),
      text('Label', 'Label', 40),
      text('PluralLabel', 'Plural Label', 40),
      text('KeyPrefix', 'Key Prefix', 3),
      flag('IsCustomizable', 'Is Customizable'),
      flag('IsCustomSetting', 'Is Custom Setting'),
      flag('IsDeprecatedAndHidden', 'Is Deprecated And Hidden'),
      flag('IsQueryable', 'Is Queryable'),
      flag('IsSearchable', 'Is Searchable'),
      flag('IsTriggerable', 'Is Triggerable'),
      flag('IsRetrieveable', 'Is Retrieveable'),
      flag('IsReplicateable', 'Is Replicateable'),
      flag('IsLayoutable', 'Is Layoutable'),
      flag('IsEverCreatable', 'Is Ever Creatable'),
      flag('IsEverUpdatable', 'Is Ever Updatable'),
      flag('IsEverDeletable', 'Is Ever Deletable'),
      flag('IsFeedEnabled', 'Is Feed Enabled'),
      flag('IsMruEnabled', 'Is Mru Enabled'),
      flag('IsIdEnabled', 'Is Id Enabled'),
    ],
  });
  def.fields = def.fields.map((field) => ({ ...field, ...READ_ONLY }));
  return def;
}
