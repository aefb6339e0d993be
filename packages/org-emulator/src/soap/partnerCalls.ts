/**
 * The Partner API calls the emulator answers. Only `undelete()` is served: REST has no undelete (see
 * REFERENCE §6), so clients restoring deleted records come here. Other Partner operations answer a server
 * fault naming them as not emulated; names the Partner WSDL does not have answer the SOAP client fault.
 */
import type { EmulatorResponse } from '../http/types.js';
import type { SaveResult } from '../org/dmlTypes.js';
import { normalizeId } from '../org/ids.js';
import type { OrgState } from '../org/orgState.js';
import { apiFault, clientFault, operationResponse, PARTNER_NS, type SoapRequest } from './soapEnvelope.js';
import { encodeXmlText } from './xmlTree.js';

/** SOAP API Developer Guide: calls that take ids (create, update, delete, emptyRecycleBin...) take at most 200. */
export const MAX_UNDELETE_IDS = 200;

/** Partner WSDL operations the emulator does not serve (answered with a server fault, not "no such operation"). */
const OTHER_PARTNER_OPERATIONS = new Set(
  'convertLead create delete describeGlobal describeSObject describeSObjects emptyRecycleBin getDeleted getServerTimestamp getUpdated getUserInfo invalidateSessions login logout merge query queryAll queryMore retrieve search update upsert'.split(
    ' '
  )
);

export type PartnerDeps = { org: OrgState; usage: { current: number; limit: number } };

export function handlePartnerCall(request: SoapRequest, deps: PartnerDeps): EmulatorResponse {
  const { operation } = request;
  if (operation.ns === PARTNER_NS && operation.name === 'undelete') return undelete(request, deps);
  if (operation.ns === PARTNER_NS && OTHER_PARTNER_OPERATIONS.has(operation.name)) {
    return apiFault('UNKNOWN_EXCEPTION', `${operation.name}() is not emulated: only undelete() is served on the Partner endpoint`);
  }
  return clientFault(`No operation available for request {${operation.ns}}${operation.name}, please check the WSDL for the service.`);
}

function undelete(request: SoapRequest, deps: PartnerDeps): EmulatorResponse {
  // jsforce sends `<ns1:ids>` in the sObject namespace, WSC in the Partner one: the local name is what counts.
  const ids = request.operation.children.filter((child) => child.name === 'ids').map((child) => child.text.trim());
  if (ids.length > MAX_UNDELETE_IDS) {
    return apiFault('EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_UNDELETE_IDS} records into this call`);
  }
  const results = deps.org.engine.undelete(ids, { allOrNone: request.allOrNone });
  const xml = results.map((result, i) => resultXml(result, ids[i])).join('');
  return operationResponse('undelete', xml, deps.usage);
}

/**
 * `<result>` in the WSDL's UndeleteResult order (errors, id, success); an error's `fields` is nil when it names
 * none, as recorded Partner/Enterprise answers show. A failed record keeps its id when it was one.
 */
function resultXml(result: SaveResult, given: string): string {
  const id = result.id ?? normalizeId(given);
  const errors = result.errors
    .map((error) => {
      const fields = error.fields.length === 0 ? '<fields xsi:nil="true"/>' : error.fields.map((f) => `<fields>${encodeXmlText(f)}</fields>`).join('');
      return `<errors>${fields}<message>${encodeXmlText(error.message)}</message><statusCode>${error.statusCode}</statusCode></errors>`;
    })
    .join('');
  const idXml = id === undefined ? '<id xsi:nil="true"/>' : `<id>${id}</id>`;
  return `<result>${errors}${idXml}<success>${result.success}</success></result>`;
}
