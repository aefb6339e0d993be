/**
 * How a record of an object is recognised in another org when it is not part of the sync: its match key.
 * Alternatives are tried in order (a User by Username, else by Email). Source and target fields have the same
 * length; they differ for cross-named template keys (`Legacy_Id__c=External_Id__c`).
 */
export type KeyAlternative = { source: string[]; target: string[] };

const same = (...fields: string[]): KeyAlternative => ({ source: fields, target: fields });

/** Standard objects whose records exist in every org and are matched by a natural key, never created. */
export const BUILT_IN_REFERENCE_KEYS: Readonly<Record<string, KeyAlternative[]>> = {
  RecordType: [same('SobjectType', 'DeveloperName')],
  User: [same('Username'), same('Email')],
  Group: [same('Type', 'DeveloperName')],
  Profile: [same('Name')],
  UserRole: [same('DeveloperName')],
  BusinessHours: [same('Name')],
  Pricebook2: [same('IsStandard', 'Name')],
};
