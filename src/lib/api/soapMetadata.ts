/**
 * Metadata API CRUD calls (`readMetadata`, `updateMetadata`) over SOAP, for the automation switched by editing
 * one member of a component (a duplicate rule's `isActive`, a workflow rule's `active`). The component travels
 * as the XML the org answered, changed in that one member and sent back whole: every other member (match rules,
 * filters, actions) goes back exactly as the org gave it, which parsing it into objects and writing it out again
 * would not promise. Sent through the run's `OrgApi` like the Partner API's `undelete()` (soapUndelete.ts). The
 * file-based `deploy`/`checkDeployStatus` calls (triggers) are in metadataDeploy.ts and use `metadataCall` too.
 */
import type { OrgApi } from './orgApi.js';
import { elements, escapeXml, faultOf, parseFault, textOf } from './soapXml.js';

const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** A component as the org answered it: its type and the XML inside its `records` element. */
export type MetadataComponent = { type: string; fullName: string; xml: string };

/** `readMetadata` of one component; undefined when the org has none of that name. */
export async function readMetadata(api: OrgApi, type: string, fullName: string): Promise<MetadataComponent | undefined> {
  const answer = await metadataCall(api, `<readMetadata><type>${escapeXml(type)}</type><fullNames>${escapeXml(fullName)}</fullNames></readMetadata>`);
  const record = elements(answer, 'records')[0];
  // Salesforce answers a name it does not know with an empty (nil) records element.
  if (record === undefined || textOf(record, 'fullName') === undefined) return undefined;
  return { type, fullName, xml: withoutPrefixes(record) };
}

/** `updateMetadata` of one component; throws the org's refusal (`statusCode: message`). */
export async function updateMetadata(api: OrgApi, component: MetadataComponent): Promise<void> {
  const answer = await metadataCall(api, `<updateMetadata><metadata xsi:type="${escapeXml(component.type)}">${component.xml}</metadata></updateMetadata>`);
  const result = elements(answer, 'result')[0] ?? '';
  if (textOf(result, 'success') === 'true') return;
  const errors = elements(result, 'errors').map((error) => `${textOf(error, 'statusCode') ?? 'UNKNOWN_EXCEPTION'}: ${textOf(error, 'message') ?? ''}`);
  throw Object.assign(new Error(errors.join('; ') || `updateMetadata of ${component.fullName} did not succeed.`), {
    errorCode: /^(\w+):/.exec(errors[0] ?? '')?.[1] ?? 'UNKNOWN_EXCEPTION',
  });
}

/** The component with one boolean member set; answers undefined when it already had that value. */
export function withMember(component: MetadataComponent, member: string, value: boolean): MetadataComponent | undefined {
  const pattern = new RegExp(`<${member}>\\s*(true|false)\\s*</${member}>`);
  const current = pattern.exec(component.xml)?.[1];
  if (current === undefined) throw new Error(`${component.type} ${component.fullName} has no ${member} member.`);
  if (current === String(value)) return undefined;
  return { ...component, xml: component.xml.replace(pattern, `<${member}>${String(value)}</${member}>`) };
}

/**
 * One Metadata API SOAP call (`body` is the operation's element) through the org api, so that it is counted like
 * every other call; answers the response text, throws a SOAP fault as a SoapFaultError.
 */
export async function metadataCall(api: OrgApi, body: string): Promise<string> {
  if (!api.requestText || !api.sessionId) throw new Error('Metadata API calls need an org api that sends raw text and knows its session id');
  const envelope =
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="${XSI_NS}" xmlns="${METADATA_NS}">` +
    `<soapenv:Header><SessionHeader><sessionId>${escapeXml(api.sessionId() ?? '')}</sessionId></SessionHeader></soapenv:Header>` +
    `<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
  let answer: string;
  try {
    answer = await api.requestText('POST', `/services/Soap/m/${api.apiVersion}`, envelope, { 'content-type': 'text/xml; charset=UTF-8', soapaction: '""' });
  } catch (error) {
    throw faultOf(error) ?? error;
  }
  const fault = parseFault(answer);
  if (fault) throw fault;
  return answer;
}

/**
 * The answer's elements without their namespace prefixes: sent back inside an envelope whose default namespace is
 * the Metadata API's, where a prefix the answer declared on an outer element would be undeclared.
 */
function withoutPrefixes(xml: string): string {
  return xml.replace(/<(\/?)(?!xsi:)[\w-]+:/g, '<$1');
}
