/**
 * The Metadata API calls the emulator answers on `/services/Soap/m/<version>`: the CRUD calls `readMetadata`
 * and `updateMetadata`, for the automation types the Metadata API switches (DuplicateRule, WorkflowRule; see
 * metadataComponents.ts), and the file-based `deploy`, `checkDeployStatus` and `cancelDeploy` (ApexTrigger
 * status; see deployCalls.ts). Other Metadata WSDL operations, and CRUD calls on other types, answer a server fault
 * naming them as not emulated; names the Metadata WSDL does not have answer the SOAP client fault.
 *
 * readMetadata answers one `<records>` per full name asked, in order; a name the org does not have is
 * `<records xsi:nil="true"/>` (what clients report of real orgs: jsforce then reads an empty object).
 * updateMetadata answers one SaveResult per component: `errors` (per the WSDL: `fields`, `message`,
 * `statusCode`), `fullName`, `success`.
 */
import type { EmulatorResponse } from '../http/types.js';
import type { OrgState } from '../org/orgState.js';
import type { DeployQueue } from '../deploy/deployQueue.js';
import { handleDeployCall, isDeployOperation } from './deployCalls.js';
import {
  findComponent,
  componentMembers,
  isServedMetadataType,
  METADATA_TYPES,
  MetadataFault,
  updateComponent,
  type Member,
  type MetadataError,
} from './metadataComponents.js';
import { apiFault, clientFault, METADATA_NS, metadataResponse, type SoapRequest } from './soapEnvelope.js';
import { encodeXmlText, type XmlElement } from './xmlTree.js';
import { customFieldMembers } from './customFieldMetadata.js';

/** Metadata API Developer Guide: the CRUD calls take at most 10 components a call. */
export const MAX_METADATA_COMPONENTS = 10;

/** Metadata WSDL operations the emulator does not serve (answered with a server fault, not "no such operation"). */
const OTHER_METADATA_OPERATIONS = new Set(
  'checkRetrieveStatus createMetadata deleteMetadata deployRecentValidation describeMetadata describeValueType listMetadata renameMetadata retrieve upsertMetadata'.split(
    ' '
  )
);

export type MetadataDeps = { org: OrgState; deploys: DeployQueue };

export function handleMetadataCall(request: SoapRequest, deps: MetadataDeps): EmulatorResponse {
  const { operation } = request;
  const served = operation.ns === METADATA_NS;
  try {
    if (served && operation.name === 'readMetadata') return readMetadata(operation, deps);
    if (served && operation.name === 'updateMetadata') return updateMetadata(operation, deps);
    if (served && isDeployOperation(operation.name)) return handleDeployCall(operation, deps);
  } catch (e) {
    if (e instanceof MetadataFault) return clientFault(e.message);
    throw e;
  }
  if (served && OTHER_METADATA_OPERATIONS.has(operation.name)) {
    return apiFault(
      'UNKNOWN_EXCEPTION',
      `${operation.name}() is not emulated: only readMetadata(), updateMetadata(), deploy(), checkDeployStatus() and cancelDeploy() are served on the Metadata endpoint`
    );
  }
  return clientFault(`No operation available for request {${operation.ns}}${operation.name}, please check the WSDL for the service.`);
}

const notEmulatedType = (call: string, type: string): EmulatorResponse =>
  apiFault(
    'UNKNOWN_EXCEPTION',
    `${call}() of type ${type} is not emulated: only ${METADATA_TYPES.join(' and ')} are served${call === 'readMetadata' ? ', and CustomField is read' : ''}`
  );

const tooMany = (): EmulatorResponse =>
  apiFault('EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_METADATA_COMPONENTS} records into this call`);

function readMetadata(operation: XmlElement, deps: MetadataDeps): EmulatorResponse {
  const type = operation.children.find((child) => child.name === 'type')?.text.trim() ?? '';
  if (type === '') throw new MetadataFault('readMetadata() needs a type');
  const fullNames = operation.children.filter((child) => child.name === 'fullNames').map((child) => child.text.trim());
  if (fullNames.length > MAX_METADATA_COMPONENTS) return tooMany();
  if (type === 'CustomField') return readCustomFields(fullNames, deps);
  if (!isServedMetadataType(type)) return notEmulatedType('readMetadata', type);
  const records = fullNames
    .map((fullName) => {
      const found = findComponent(deps.org.automation, type, fullName);
      return found ? `<records xsi:type="${type}">${membersXml(componentMembers(deps.org.automation, found))}</records>` : '<records xsi:nil="true"/>';
    })
    .join('');
  return metadataResponse('readMetadata', `<result>${records}</result>`);
}

/** readMetadata of custom fields (read, never updated here: a deploy changes them). */
function readCustomFields(fullNames: string[], deps: MetadataDeps): EmulatorResponse {
  const records = fullNames
    .map((fullName) => {
      const members = customFieldMembers(deps.org.schema, fullName);
      return members ? `<records xsi:type="CustomField">${membersXml(members)}</records>` : '<records xsi:nil="true"/>';
    })
    .join('');
  return metadataResponse('readMetadata', `<result>${records}</result>`);
}

function updateMetadata(operation: XmlElement, deps: MetadataDeps): EmulatorResponse {
  const components = operation.children.filter((child) => child.name === 'metadata');
  if (components.length > MAX_METADATA_COMPONENTS) return tooMany();
  // The type is the element's xsi:type (any prefix): Metadata is abstract, so a component without one is unreadable.
  const types = components.map((component) => (component.attributes['xsi:type'] ?? '').replace(/^.*:/, ''));
  const untyped = types.findIndex((type) => type === '');
  if (untyped >= 0) throw new MetadataFault('Unable to create an instance of the abstract type Metadata: the metadata element needs an xsi:type');
  const other = types.find((type) => !isServedMetadataType(type));
  if (other !== undefined) return notEmulatedType('updateMetadata', other);
  const results = components.map((component, i) => {
    const saved = updateComponent(deps.org.automation, types[i] as (typeof METADATA_TYPES)[number], component);
    return saveResultXml(saved.fullName, saved.errors);
  });
  return metadataResponse('updateMetadata', results.join(''));
}

function membersXml(members: Member[]): string {
  return members.map(({ name, value }) => `<${name}>${typeof value === 'string' ? encodeXmlText(value) : membersXml(value)}</${name}>`).join('');
}

/** `<result>` in the WSDL's SaveResult order (errors, fullName, success); an Error is fields*, message, statusCode. */
function saveResultXml(fullName: string, errors: MetadataError[]): string {
  const errorsXml = errors
    .map(
      (error) =>
        `<errors>${error.fields.map((field) => `<fields>${encodeXmlText(field)}</fields>`).join('')}` +
        `<message>${encodeXmlText(error.message)}</message><statusCode>${error.statusCode}</statusCode></errors>`
    )
    .join('');
  return `<result>${errorsXml}<fullName>${encodeXmlText(fullName)}</fullName><success>${errors.length === 0}</success></result>`;
}
