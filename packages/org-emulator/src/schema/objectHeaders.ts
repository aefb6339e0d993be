/**
 * Describe headers (the object-level keys of `GET sobjects/{T}/describe`) for objects the emulator builds
 * rather than takes from a recorded describe.
 */
import { readFileSync } from 'node:fs';
import type { ObjectDescribeHeader } from './model.js';

type GlobalEntry = Pick<
  ObjectDescribeHeader,
  | 'activateable'
  | 'createable'
  | 'custom'
  | 'customSetting'
  | 'deepCloneable'
  | 'deletable'
  | 'deprecatedAndHidden'
  | 'feedEnabled'
  | 'hasSubtypes'
  | 'isInterface'
  | 'isSubtype'
  | 'keyPrefix'
  | 'label'
  | 'labelPlural'
  | 'layoutable'
  | 'mergeable'
  | 'mruEnabled'
  | 'name'
  | 'queryable'
  | 'replicateable'
  | 'retrieveable'
  | 'searchable'
  | 'triggerable'
  | 'undeletable'
  | 'updateable'
>;

let recordedGlobal: Map<string, GlobalEntry> | undefined;

/**
 * The describe-global entries (API v48, recorded by CumulusCI) of the standard objects without a recorded
 * describe: User, Profile, Group, RecordType, Product2, Pricebook2, PricebookEntry, OpportunityLineItem,
 * Organization, EntityDefinition. They carry the real object-level flags (createable, deletable...).
 */
export function recordedGlobalEntry(objectName: string): GlobalEntry {
  if (!recordedGlobal) {
    const url = new URL('./recorded/describe-global.json', import.meta.url);
    const file = JSON.parse(readFileSync(url, 'utf8')) as { sobjects: GlobalEntry[] };
    recordedGlobal = new Map(file.sobjects.map((entry) => [entry.name, entry]));
  }
  const entry = recordedGlobal.get(objectName);
  if (!entry) throw new Error(`No recorded describe-global entry for ${objectName}`);
  return entry;
}

/**
 * A standard object's header: the recorded global flags plus the describe-only keys, valued as on standard
 * objects without layouts overrides or interfaces (search layouts and compact layouts follow `layoutable`).
 */
export function standardObjectHeader(objectName: string): ObjectDescribeHeader {
  const entry = recordedGlobalEntry(objectName);
  return {
    actionOverrides: [],
    compactLayoutable: entry.layoutable,
    defaultImplementation: null,
    extendedBy: null,
    extendsInterfaces: null,
    implementedBy: null,
    implementsInterfaces: null,
    listviewable: null,
    lookupLayoutable: null,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    searchLayoutable: entry.layoutable,
    supportedScopes: [{ label: `All ${entry.labelPlural.toLowerCase()}`, name: 'everything' }],
    ...entry,
  };
}

/** The header every describe of a custom object has (recorded Broker__c / With_External_Id__c). */
export function customObjectHeader(name: string, keyPrefix: string, label: string, labelPlural: string, hasOwner: boolean): ObjectDescribeHeader {
  const plural = labelPlural.toLowerCase();
  // Owned objects offer the ownership list-view scopes; detail objects only "All".
  const supportedScopes = hasOwner
    ? [
        { label: `All ${plural}`, name: 'everything' },
        { label: `My ${plural}`, name: 'mine' },
        { label: `Queue owned ${plural}`, name: 'queue_owned' },
        { label: `My team's ${plural}`, name: 'team' },
        { label: `User owned ${plural}`, name: 'user_owned' },
      ]
    : [{ label: `All ${plural}`, name: 'everything' }];
  return {
    actionOverrides: [],
    activateable: false,
    compactLayoutable: true,
    createable: true,
    custom: true,
    customSetting: false,
    deepCloneable: false,
    defaultImplementation: null,
    deletable: true,
    deprecatedAndHidden: false,
    extendedBy: null,
    extendsInterfaces: null,
    feedEnabled: false,
    hasSubtypes: false,
    implementedBy: null,
    implementsInterfaces: null,
    isInterface: false,
    isSubtype: false,
    keyPrefix,
    label,
    labelPlural,
    layoutable: true,
    listviewable: null,
    lookupLayoutable: null,
    mergeable: false,
    mruEnabled: true,
    name,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    queryable: true,
    replicateable: true,
    retrieveable: true,
    searchLayoutable: true,
    searchable: true,
    supportedScopes,
    triggerable: true,
    undeletable: true,
    updateable: true,
  };
}
