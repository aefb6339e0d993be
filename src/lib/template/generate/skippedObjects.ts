import type { DescribeChildRelationship, DescribeField, DescribeGlobalSObject } from '../../schema/describeTypes.js';

/**
 * Why `sf isync template generate` leaves a related object out of the template. Object reasons come from the
 * global describe alone (no describe of the object is needed); the lookup reasons from the describe of the
 * field that relates it.
 */
export type SkipReason =
  /** The describes list a relationship to an object the user cannot see (not in the global describe). */
  | 'notVisible'
  | 'notQueryable'
  /** Read-only to the API: history, feeds, system objects, views such as OpenActivity. */
  | 'notCreateable'
  | 'deprecated'
  /** Configuration, not record data. */
  | 'customSetting'
  /** Written by the org itself or collaboration/setup objects (SYSTEM_NAMES, SYSTEM_SUFFIXES). */
  | 'systemObject'
  /** Users, groups, record types...: found in the target by a built-in key, never created by a sync. */
  | 'resolvedByKey'
  /** Its describe failed (insufficient access, a transient error that survived the retries). */
  | 'notDescribable'
  /** The lookup that relates it cannot be set on insert. */
  | 'lookupNotCreateable'
  /** The lookup points to several objects: activities, notes, files. Added only when named in --objects. */
  | 'polymorphicLookup';

/**
 * The global describe entry with the flags of a real `GET sobjects` that sf isync's own type leaves out:
 * optional, since describes built by tests may not have them.
 */
export type GlobalEntry = DescribeGlobalSObject & { deprecatedAndHidden?: boolean; customSetting?: boolean };

/**
 * Suffixes of objects the org writes itself, or that are not record data: field history, sharing, feeds,
 * change events, tags (`AccountHistory`, `Invoice__History`, `Invoice__Share`...), custom metadata, platform
 * events, big objects, external objects, historical data.
 */
const SYSTEM_SUFFIXES: readonly RegExp[] = [/(History|Share|Feed|ChangeEvent|Tag)$/, /__(mdt|e|b|x|hd|xo|dlm|chn)$/i];

/**
 * Createable objects that hang off every record but are collaboration, approval or setup state rather than the
 * data a sync copies: file links and views of them, approvals, follows, topics, duplicate-rule output.
 */
const SYSTEM_NAMES: ReadonlySet<string> = new Set(
  [
    'AttachedContentDocument',
    'CombinedAttachment',
    'ContentDocumentLink',
    'NoteAndAttachment',
    'ProcessInstance',
    'ProcessInstanceHistory',
    'ProcessInstanceNode',
    'ProcessInstanceStep',
    'ProcessInstanceWorkitem',
    'EntitySubscription',
    'TopicAssignment',
    'RecordAction',
    'DuplicateRecordItem',
    'DuplicateRecordSet',
    'FeedItem',
    'FeedComment',
    'CollaborationGroupRecord',
    'FlowRecordRelation',
    'PendingServiceRouting',
    'AgentWork',
    'EmailStatus',
    'OpenActivity',
    'ActivityHistory',
    'LookedUpFromActivity',
    'UserRecordAccess',
    'Vote',
    'EntityDefinition',
    'Organization',
    'PermissionSet',
    'PermissionSetAssignment',
  ].map((name) => name.toLowerCase())
);

/**
 * Why an object is not added to a template as a related object, from its global describe entry; undefined when
 * it can be. `resolvedByKey` names the objects a sync finds in the target by a built-in key (the caller passes
 * `BUILT_IN_REFERENCE_KEYS`' objects).
 */
export function objectSkipReason(entry: GlobalEntry | undefined, resolvedByKey: ReadonlySet<string>): SkipReason | undefined {
  if (!entry) return 'notVisible';
  if (!entry.queryable) return 'notQueryable';
  if (!entry.createable) return 'notCreateable';
  if (entry.deprecatedAndHidden === true) return 'deprecated';
  if (entry.customSetting === true) return 'customSetting';
  if (resolvedByKey.has(entry.name.toLowerCase())) return 'resolvedByKey';
  if (SYSTEM_NAMES.has(entry.name.toLowerCase()) || SYSTEM_SUFFIXES.some((suffix) => suffix.test(entry.name))) return 'systemObject';
  return undefined;
}

/** The reasons that make an object impossible to sync at all, even when the user names it in --objects. */
export function refusesSync(reason: SkipReason | undefined): boolean {
  return reason === 'notQueryable' || reason === 'notCreateable';
}

/** A child relationship the describe marks as hidden: the lookup behind it is not offered any more. */
export function hiddenRelationship(relationship: DescribeChildRelationship): boolean {
  return (relationship as DescribeChildRelationship & { deprecatedAndHidden?: boolean }).deprecatedAndHidden === true;
}

/** A lookup to several kinds of objects (Task.WhatId, Note.ParentId, ContentVersion.FirstPublishLocationId). */
export function isPolymorphic(field: DescribeField): boolean {
  return field.polymorphicForeignKey || field.referenceTo.length > 1;
}

/**
 * Why a child is not added through this lookup of its own; undefined when it can be. A lookup that cannot be
 * set on insert does not relate the child records in the target.
 */
export function lookupSkipReason(field: DescribeField | undefined): SkipReason | undefined {
  if (!field?.createable) return 'lookupNotCreateable';
  if (isPolymorphic(field)) return 'polymorphicLookup';
  return undefined;
}

/**
 * A lookup the target insists on at insert: not nillable and not filled in by the org (OwnerId is defaulted
 * to the running user), so the record it points to must be in the target first.
 */
export function isRequiredLookup(field: DescribeField): boolean {
  return field.type === 'reference' && field.referenceTo.length > 0 && field.createable && !field.nillable && !field.defaultedOnCreate;
}
