/**
 * SOAP 1.1 envelopes of the Partner API (`urn:partner.soap.sforce.com`) and the Metadata API
 * (`http://soap.sforce.com/2006/04/metadata`): reading a request (session, AllOrNoneHeader, the operation
 * element) and writing answers and faults as Salesforce does. Faults answer
 * HTTP 500 with `faultcode` `sf:<ExceptionCode>` and an `sf:UnexpectedErrorFault` detail (the shape jsforce's
 * `isSessionExpired` and WSC read); see the emulator README for what is unconfirmed.
 */
import type { EmulatorResponse } from '../http/types.js';
import { childNamed, encodeXmlText, parseXml, XmlError, type XmlElement } from './xmlTree.js';

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const PARTNER_NS = 'urn:partner.soap.sforce.com';
export const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';

/** `/services/Soap/u/<version>` (Partner) and `/services/Soap/m/<version>` (Metadata); `c` (Enterprise) is not served. */
export const SOAP_PATH = /^\/services\/Soap\/([um])\/(\d+\.\d)$/;

export type SoapApi = 'partner' | 'metadata';

export type SoapRequest = {
  sessionId: string | undefined;
  allOrNone: boolean;
  /** The Body's first element: the call (`undelete`) with its arguments. */
  operation: XmlElement;
};

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

const xmlResponse = (status: number, body: string): EmulatorResponse => ({ status, headers: { 'Content-Type': 'text/xml;charset=UTF-8' }, body });

/** A fault Salesforce raises itself (`sf:` codes): INVALID_SESSION_ID, EXCEEDED_ID_LIMIT, REQUEST_LIMIT_EXCEEDED... */
export function apiFault(exceptionCode: string, message: string): EmulatorResponse {
  return xmlResponse(
    500,
    `${XML_DECLARATION}<soapenv:Envelope xmlns:soapenv="${SOAP_ENV_NS}" xmlns:sf="urn:fault.partner.soap.sforce.com" ` +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><soapenv:Fault>' +
      `<faultcode>sf:${exceptionCode}</faultcode><faultstring>${encodeXmlText(`${exceptionCode}: ${message}`)}</faultstring>` +
      '<detail><sf:UnexpectedErrorFault xsi:type="sf:UnexpectedErrorFault">' +
      `<sf:exceptionCode>${exceptionCode}</sf:exceptionCode><sf:exceptionMessage>${encodeXmlText(message)}</sf:exceptionMessage>` +
      '</sf:UnexpectedErrorFault></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>'
  );
}

/** A fault of the SOAP layer itself (`soapenv:Client`): unreadable envelopes, unknown operations. */
export function clientFault(message: string): EmulatorResponse {
  return xmlResponse(
    500,
    `${XML_DECLARATION}<soapenv:Envelope xmlns:soapenv="${SOAP_ENV_NS}"><soapenv:Body><soapenv:Fault>` +
      `<faultcode>soapenv:Client</faultcode><faultstring>${encodeXmlText(message)}</faultstring>` +
      '</soapenv:Fault></soapenv:Body></soapenv:Envelope>'
  );
}

export const invalidSessionFault = (): EmulatorResponse => apiFault('INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader: Illegal Session');

/** A successful call's answer: `<{operation}Response>` in the Partner namespace, with the API usage header. */
export function operationResponse(operation: string, resultsXml: string, usage: { current: number; limit: number }): EmulatorResponse {
  return xmlResponse(
    200,
    `${XML_DECLARATION}<soapenv:Envelope xmlns:soapenv="${SOAP_ENV_NS}" xmlns="${PARTNER_NS}" ` +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Header><LimitInfoHeader><limitInfo>' +
      `<current>${usage.current}</current><limit>${usage.limit}</limit><type>API REQUESTS</type>` +
      `</limitInfo></LimitInfoHeader></soapenv:Header><soapenv:Body><${operation}Response>${resultsXml}` +
      `</${operation}Response></soapenv:Body></soapenv:Envelope>`
  );
}

/** A Metadata API call's answer: `<{operation}Response>` in the metadata namespace, no header. */
export function metadataResponse(operation: string, resultsXml: string): EmulatorResponse {
  return xmlResponse(
    200,
    `${XML_DECLARATION}<soapenv:Envelope xmlns:soapenv="${SOAP_ENV_NS}" xmlns="${METADATA_NS}" ` +
      `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><${operation}Response>${resultsXml}` +
      `</${operation}Response></soapenv:Body></soapenv:Envelope>`
  );
}

/** Reads an envelope, or answers the fault a SOAP server gives for it. */
export function readSoapRequest(body: string): SoapRequest | EmulatorResponse {
  let envelope: XmlElement;
  try {
    envelope = parseXml(body);
  } catch (e) {
    if (e instanceof XmlError) return clientFault(`Unable to parse the request: ${e.message}`);
    throw e;
  }
  if (envelope.ns !== SOAP_ENV_NS || envelope.name !== 'Envelope') return clientFault('Expected a SOAP 1.1 Envelope');
  const header = envelope.children.find((child) => child.ns === SOAP_ENV_NS && child.name === 'Header');
  const soapBody = envelope.children.find((child) => child.ns === SOAP_ENV_NS && child.name === 'Body');
  const operation = soapBody?.children[0];
  if (!operation) return clientFault('The SOAP Body names no operation');
  const sessionId = childNamed(childNamed(header, 'SessionHeader'), 'sessionId')?.text.trim();
  const allOrNone = childNamed(childNamed(header, 'AllOrNoneHeader'), 'allOrNone')?.text.trim() === 'true';
  return { sessionId, allOrNone, operation };
}
