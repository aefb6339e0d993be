import type { DescribeMap } from '../schema/describeSource.js';
import { naturalKeyField } from '../schema/fieldRules.js';
import type { ReferenceResolution } from './planTypes.js';

/**
 * Objects that are referenced everywhere but never synced, with the keys that identify their records across
 * orgs: record ids differ between orgs, but these names do not.
 */
const WELL_KNOWN_KEYS: Readonly<Record<string, string[][]>> = {
  // A record type's developer name is unique per object only.
  RecordType: [['DeveloperName', 'SobjectType']],
  // Usernames are unique across all orgs, so a sandbox user has a suffixed one: fall back to the email.
  User: [['Username'], ['Email']],
  // Queues and public groups are Group records.
  Group: [['DeveloperName']],
};

/** Whether resolving references to `objectName` needs its describe (the well-known objects do not). */
export function needsDescribeToResolve(objectName: string): boolean {
  return !(objectName in WELL_KNOWN_KEYS);
}

/**
 * How lookups to `objectName` (not in the template) are resolved in the target: the well-known keys above, else
 * the object's default match key (first external id field, else its name field unless auto-numbered, since auto
 * numbers differ between orgs). An empty list means the values cannot be resolved.
 */
export function referenceResolution(objectName: string, describes: DescribeMap): ReferenceResolution {
  const known = WELL_KNOWN_KEYS[objectName];
  if (known) return { object: objectName, matchKeys: known };
  const describe = describes.get(objectName);
  if (!describe) return { object: objectName, matchKeys: [] };
  const key = naturalKeyField(describe);
  return { object: objectName, matchKeys: key ? [[key.name]] : [] };
}
