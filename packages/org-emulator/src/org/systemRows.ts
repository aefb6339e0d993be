/**
 * Rows every org has before any data: the running User and its Profile (with the "Standard User" profile),
 * the Organization, the Standard Price Book, one
 * RecordType row per record type of the schema and, when the schema models it, one EntityDefinition row per
 * object (SFDMU lists objects through it). Only objects and fields the schema defines are written.
 */
import type { StoredRecord } from '../soql/types.js';
import { formatDatetime } from './fieldValues.js';
import type { OrgIdentity } from './identity.js';
import type { OrgContext } from './orgContext.js';
import { STANDARD_PRICE_BOOK_NAME } from './priceBooks.js';

const ORGANIZATION_TYPES = { developer: 'Developer Edition', production: 'Enterprise Edition', sandbox: 'Enterprise Edition' };

function insertRow(ctx: OrgContext, objectName: string, id: string, values: Record<string, unknown>): void {
  const info = ctx.schema.object(objectName);
  if (!info) return;
  const stamp = formatDatetime(ctx.now());
  const all: Record<string, unknown> = {
    ...values,
    CreatedDate: stamp,
    CreatedById: ctx.userId,
    LastModifiedDate: stamp,
    LastModifiedById: ctx.userId,
    SystemModstamp: stamp,
  };
  const record: Record<string, unknown> = { Id: id };
  for (const field of info.def.fields) {
    const value = all[field.name];
    if (field.name !== 'Id' && value !== null && value !== undefined) record[field.name] = value;
  }
  record.IsDeleted = false;
  ctx.store.insert(info.name, record as StoredRecord);
}

/** Profiles every org has; the running user is a System Administrator. */
export const ADMIN_PROFILE = 'System Administrator';
const PROFILES = [ADMIN_PROFILE, 'Standard User'];

export function insertSystemRows(ctx: OrgContext, identity: OrgIdentity, orgName: string): void {
  const profileIds = new Map<string, string>();
  const profile = ctx.schema.object('Profile');
  for (const name of profile ? PROFILES : []) {
    profileIds.set(name, ctx.ids.next(profile!.keyPrefix));
    insertRow(ctx, 'Profile', profileIds.get(name)!, { Name: name, UserType: 'Standard' });
  }
  insertRow(ctx, 'User', identity.userId, {
    ProfileId: profileIds.get(ADMIN_PROFILE),
    Username: identity.username,
    FirstName: 'Emulated',
    LastName: 'Admin',
    Name: 'Emulated Admin',
    Alias: 'eadmin',
    Email: identity.username,
    IsActive: true,
    UserType: 'Standard',
    TimeZoneSidKey: 'America/Los_Angeles',
    LocaleSidKey: 'en_US',
    LanguageLocaleKey: 'en_US',
    EmailEncodingKey: 'UTF-8',
    CommunityNickname: identity.username.split('@')[0],
  });
  insertRow(ctx, 'Organization', identity.orgId, {
    Name: orgName,
    InstanceName: 'EMU1',
    IsSandbox: identity.edition === 'sandbox',
    OrganizationType: ORGANIZATION_TYPES[identity.edition],
    DefaultLocaleSidKey: 'en_US',
    LanguageLocaleKey: 'en_US',
    TimeZoneSidKey: 'America/Los_Angeles',
    IsReadOnly: false,
  });
  const pricebook = ctx.schema.object('Pricebook2');
  if (pricebook) insertRow(ctx, 'Pricebook2', ctx.ids.next(pricebook.keyPrefix), { Name: STANDARD_PRICE_BOOK_NAME, IsActive: true, IsStandard: true });
  for (const rt of ctx.recordTypes.all()) {
    insertRow(ctx, 'RecordType', rt.id, {
      Name: rt.def.name,
      DeveloperName: rt.def.developerName,
      SobjectType: rt.objectName,
      IsActive: rt.def.active,
    });
  }
  const entityDefinition = ctx.schema.object('EntityDefinition');
  if (!entityDefinition) return;
  for (const info of ctx.schema.allObjects()) {
    insertRow(ctx, 'EntityDefinition', ctx.ids.next(entityDefinition.keyPrefix), {
      QualifiedApiName: info.name,
      DeveloperName: info.name.replace(/__c$/, ''),
      DurableId: ctx.entityDurableId(info.name),
      Label: info.def.header.label,
      PluralLabel: info.def.header.labelPlural,
      KeyPrefix: info.def.header.keyPrefix,
      IsCustomizable: true,
      IsDeprecatedAndHidden: false,
      IsQueryable: info.def.header.queryable,
      IsCustomSetting: info.def.header.customSetting,
    });
  }
}
