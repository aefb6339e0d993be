import type { OrgApi } from '../../api/orgApi.js';
import { readMetadata, updateMetadata, withMember } from '../../api/soapMetadata.js';

/** The Metadata API type of each kind switched through `updateMetadata`, and its on/off member. */
const COMPONENTS = {
  'duplicate-rules': { type: 'DuplicateRule', member: 'isActive' },
  'workflow-rules': { type: 'WorkflowRule', member: 'active' },
} as const;

export type MetadataSwitchedKind = keyof typeof COMPONENTS;

/**
 * Switches a duplicate or workflow rule (full name `Object.Rule`): the component is read and sent back whole
 * with its on/off member changed. Answers false when it already was as asked.
 */
export async function switchMetadataComponent(api: OrgApi, kind: MetadataSwitchedKind, fullName: string, active: boolean): Promise<boolean> {
  const { type, member } = COMPONENTS[kind];
  const component = await readMetadata(api, type, fullName);
  if (!component) throw new Error(`The org has no ${type} ${fullName} any more.`);
  const changed = withMember(component, member, active);
  if (!changed) return false;
  await updateMetadata(api, changed);
  return true;
}
