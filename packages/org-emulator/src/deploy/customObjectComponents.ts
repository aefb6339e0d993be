/**
 * What the CustomObject child types of a deploy share: finding a component's element in its file
 * (`objects/Account.object` holds `<fields><fullName>Foo__c</fullName>…</fields>` and `<recordTypes>…`, as
 * SDR's MetadataConverter writes them from source format), reading an element's values, and the deploy's view
 * of the schema: the org's fields and record types plus those the components planned before create, so a
 * record type may use a picklist and a permission set a field of the same deploy (Salesforce deploys objects'
 * children before permission sets).
 */
import type { OrgState } from '../org/orgState.js';
import type { FieldDescribe, RecordTypeDef } from '../schema/model.js';
import { childNamed, parseXml, XmlError, type XmlElement } from '../soap/xmlTree.js';
import { packageProblem, type PackageMember } from './deployPackage.js';
import { fieldKey } from './fieldVisibility.js';
import type { PlannedComponent } from './triggerDeploy.js';

export type MetadataDeployContext = {
  org: OrgState;
  createdDate: string;
  /** Fields this deploy creates or redefines (planned without a problem), by `fieldKey`. */
  fields: Map<string, FieldDescribe>;
  /** Record types this deploy creates, by `Object.DeveloperName` lower-cased. */
  recordTypes: Map<string, RecordTypeDef>;
};

/** A member's file name as reported (root included). */
export const memberFileName = (member: PackageMember): string => `${member.root}${member.fileName}`;

/** A component failure of this member, in its file (or package.xml). */
export function failed(member: PackageMember, ctx: MetadataDeployContext, problem: string, fileName = memberFileName(member)): PlannedComponent {
  return { message: packageProblem(fileName, member.fullName, member.type, problem, ctx.createdDate) };
}

/** The text of a child element (the parser decodes entities); undefined when absent. */
export function textOf(element: XmlElement | undefined, name: string): string | undefined {
  return childNamed(element, name)?.text.trim();
}

/** `true`/`false` as the Metadata API writes booleans; undefined when absent. */
export function booleanOf(element: XmlElement | undefined, name: string): boolean | undefined {
  const text = textOf(element, name);
  return text === undefined || text === '' ? undefined : text === 'true' || text === '1';
}

export const childrenNamed = (element: XmlElement | undefined, name: string): XmlElement[] => (element?.children ?? []).filter((child) => child.name === name);

/** Parses a component file; a string is the problem (Salesforce's `Error parsing file:` prefix). */
export function parseComponentFile(text: string, rootName: string): XmlElement | string {
  let root;
  try {
    root = parseXml(text);
  } catch (e) {
    if (e instanceof XmlError) return `Error parsing file: ${e.message}`;
    throw e;
  }
  return root.name === rootName ? root : `Error parsing file: the root element is ${root.name}, not ${rootName}`;
}

/**
 * The `<fields>` or `<recordTypes>` element of a CustomField / RecordType member, or the failure: the file or
 * the element missing (Salesforce's "named in package.xml, but was not found in zipped directory"), an
 * unreadable file.
 */
export function objectChildElement(member: PackageMember, ctx: MetadataDeployContext, tag: 'fields' | 'recordTypes'): XmlElement | PlannedComponent {
  const notFound = (): PlannedComponent =>
    failed(
      member,
      ctx,
      `An object '${member.fullName}' of type ${member.type} was named in package.xml, but was not found in zipped directory`,
      `${member.root}package.xml`
    );
  if (member.body === undefined) return notFound();
  const root = parseComponentFile(member.body, 'CustomObject');
  if (typeof root === 'string') return failed(member, ctx, root);
  const childName = member.fullName.slice(member.fullName.indexOf('.') + 1).toLowerCase();
  const element = childrenNamed(root, tag).find((child) => textOf(child, 'fullName')?.toLowerCase() === childName);
  return element ?? notFound();
}

/** `Account.Foo__c` -> ['Account', 'Foo__c']; the object's name as the org spells it when it has it. */
export function splitFullName(fullName: string, org: OrgState): { objectName: string; childName: string; known: boolean } {
  const dot = fullName.indexOf('.');
  const objectName = dot < 0 ? fullName : fullName.slice(0, dot);
  const info = org.schema.object(objectName);
  return { objectName: info?.name ?? objectName, childName: dot < 0 ? '' : fullName.slice(dot + 1), known: info !== undefined };
}

/**
 * A child of an object the org does not have: the org reads the object's file as creating the object, which
 * it cannot without a label. Salesforce's text for such a deploy (community: xjsender/haoide #135, a WebLink
 * of an object; forcedotcom/cli #1220); that it is the answer for a CustomField or RecordType is UNCONFIRMED.
 */
export const NO_OBJECT_LABEL = 'Must specify a non-empty label for the CustomObject';

/** A field as this deploy sees it: planned by an earlier component, deployed but hidden, or the org's. */
export function fieldInView(ctx: MetadataDeployContext, objectName: string, fieldName: string): FieldDescribe | undefined {
  return (
    ctx.fields.get(fieldKey(objectName, fieldName)) ??
    ctx.org.fieldVisibility.managedField(objectName, fieldName) ??
    ctx.org.schema.field(objectName, fieldName)
  );
}

/** A record type as this deploy sees it (planned earlier in the deploy, or the org's). */
export function recordTypeInView(ctx: MetadataDeployContext, objectName: string, developerName: string): RecordTypeDef | undefined {
  return ctx.recordTypes.get(`${objectName}.${developerName}`.toLowerCase()) ?? ctx.org.recordTypes.byDeveloperName(objectName, developerName)?.def;
}
