/**
 * Checks each component of a deploy against the org and says what applying it changes. The emulator deploys
 * `ApexTrigger` only, and of a trigger only its `status` (Active | Inactive) and `apiVersion`: it compiles no
 * Apex, so a body that differs from the org's, or a trigger the org does not have, is refused with a component
 * failure rather than pretending to compile it. Other refusals: a managed (namespaced) trigger, a missing file,
 * an unreadable or invalid meta file, another metadata type. Texts marked in the README as the emulator's own
 * are not Salesforce's.
 */
import type { AutomationRegistry } from '../automation/registry.js';
import type { ApexTriggerItem } from '../automation/types.js';
import { childNamed, parseXml, XmlError } from '../soap/xmlTree.js';
import { packageProblem, type PackageMember } from './deployPackage.js';
import type { DeployMessage } from './deployTypes.js';

export type PlannedComponent = { message: DeployMessage; apply?: () => void; trigger?: ApexTriggerItem };

const STATUSES = ['Active', 'Inactive', 'Deleted'] as const;

/** A trigger's full name: `Name`, or `ns__Name` for a managed one. */
export const triggerFullName = (trigger: ApexTriggerItem): string => `${trigger.namespacePrefix ? `${trigger.namespacePrefix}__` : ''}${trigger.name}`;

/** Apex as stored: line ends and trailing blanks do not make a body differ. */
const normalizeBody = (body: string): string =>
  body
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();

export function planComponent(member: PackageMember, registry: AutomationRegistry, createdDate: string): PlannedComponent {
  const fileName = `${member.root}${member.fileName}`;
  const fail = (problem: string, file = fileName, id?: string): PlannedComponent => {
    const message = packageProblem(file, member.fullName, member.type, problem, createdDate);
    return { message: id ? { ...message, id } : message };
  };
  if (member.type !== 'ApexTrigger') {
    return fail(
      `The emulator deploys ApexTrigger, CustomField, RecordType and PermissionSet only: ${member.type || 'a type without a name'} is not emulated`,
      `${member.root}package.xml`
    );
  }
  if (member.body === undefined && member.meta === undefined) {
    return fail(
      `An object '${member.fullName}' of type ApexTrigger was named in package.xml, but was not found in zipped directory`,
      `${member.root}package.xml`
    );
  }
  if (member.meta === undefined) return fail(`The metadata file ${fileName}-meta.xml is missing`);
  if (member.body === undefined) return fail(`The file ${fileName} is missing`, `${fileName}-meta.xml`);
  const trigger = registry.triggers.find((item) => triggerFullName(item).toLowerCase() === member.fullName.toLowerCase());
  if (!trigger)
    return fail(
      `The emulator compiles no Apex: the org has no trigger ${member.fullName}, so none can be created; only an existing trigger's status can be deployed`
    );
  if (trigger.namespacePrefix) {
    return fail(
      `Cannot modify managed object: entity=ApexTrigger, component=${trigger.id}, field=Status, state=${trigger.manageableState}`,
      fileName,
      trigger.id
    );
  }
  const meta = readTriggerMeta(member.meta);
  if (typeof meta === 'string') return fail(meta, `${fileName}-meta.xml`, trigger.id);
  if (meta.status === 'Deleted') return fail('The emulator does not delete triggers: status Deleted is not emulated', fileName, trigger.id);
  if (normalizeBody(member.body) !== normalizeBody(trigger.body)) {
    return fail(
      `The emulator compiles no Apex: the body of ${member.fullName} differs from the org's; deploy the org's body with another status`,
      fileName,
      trigger.id
    );
  }
  const changed = meta.status !== trigger.status || meta.apiVersion !== trigger.apiVersion;
  const message: DeployMessage = {
    changed,
    componentType: 'ApexTrigger',
    created: false,
    createdDate,
    deleted: false,
    fileName,
    fullName: member.fullName,
    id: trigger.id,
    success: true,
  };
  const status = meta.status;
  const apply = (): void => {
    trigger.status = status;
    trigger.apiVersion = meta.apiVersion;
    registry.changed();
  };
  return { message, apply, trigger };
}

/** `<ApexTrigger><apiVersion>62.0</apiVersion><status>Inactive</status></ApexTrigger>`; a string is the problem. */
function readTriggerMeta(xml: string): { status: (typeof STATUSES)[number]; apiVersion: number } | string {
  let root;
  try {
    root = parseXml(xml);
  } catch (e) {
    if (e instanceof XmlError) return `Error parsing file: ${e.message}`;
    throw e;
  }
  if (root.name !== 'ApexTrigger') return `Error parsing file: the root element is ${root.name}, not ApexTrigger`;
  const statusText = childNamed(root, 'status')?.text.trim() ?? '';
  const versionText = childNamed(root, 'apiVersion')?.text.trim() ?? '';
  if (statusText === '') return 'Required field is missing: status';
  if (versionText === '') return 'Required field is missing: apiVersion';
  const status = STATUSES.find((value) => value === statusText);
  if (status === undefined) return `'${statusText}' is not a valid value for the enum 'ApexCodeUnitStatus'`;
  const apiVersion = Number(versionText);
  if (!Number.isFinite(apiVersion) || apiVersion <= 0) return `'${versionText}' is not a valid value for the type xsd:double`;
  return { status, apiVersion };
}
