/**
 * Restores deleted records through the SOAP Partner API's `undelete()`: REST has no undelete (PATCHing
 * `IsDeleted` answers ENTITY_IS_DELETED), so a rollback that brings deletions back comes here. The call goes
 * through the run's `OrgApi` (`requestText`), so it is counted, gated and sent like every other call; the
 * session travels in the envelope's `SessionHeader`, which is why the api must offer `sessionId()`.
 *
 * Salesforce restores each record with the records its delete cascaded to and the lookups it cleared. A
 * record that is not in the recycle bin (live, purged, emptied, or deleted only as another's cascade) fails
 * on its own with UNDELETE_FAILED; the others still succeed unless `allOrNone` is asked for.
 */
import type { OrgApi } from './orgApi.js';
import { SALESFORCE_LIMITS } from './salesforceLimits.js';
import { decodeXml, elements, escapeXml, faultOf, parseFault, textOf } from './soapXml.js';

export { SoapFaultError, parseFault } from './soapXml.js';

/** At most this many ids per undelete() call; longer lists are sent in several calls. */
export const MAX_UNDELETE_IDS = SALESFORCE_LIMITS.soapUndeleteIds;

export type UndeleteError = { statusCode: string; message: string; fields: string[] };

/** One `UndeleteResult`, in the order of the ids given. */
export type UndeleteResult = { id: string | null; success: boolean; errors: UndeleteError[] };

export type UndeleteOptions = {
  /** AllOrNoneHeader (API 20.0+): one failure rolls back the whole call (each call of at most 200 ids). */
  allOrNone?: boolean;
};

export async function undeleteRecords(api: OrgApi, ids: readonly string[], options: UndeleteOptions = {}): Promise<UndeleteResult[]> {
  if (!api.requestText || !api.sessionId) throw new Error('undelete needs an org api that sends raw text and knows its session id');
  const results: UndeleteResult[] = [];
  for (let start = 0; start < ids.length; start += MAX_UNDELETE_IDS) {
    const chunk = ids.slice(start, start + MAX_UNDELETE_IDS);
    const envelope = undeleteEnvelope(api.sessionId() ?? '', chunk, options.allOrNone === true);
    let answer: string;
    try {
      answer = await api.requestText('POST', `/services/Soap/u/${api.apiVersion}`, envelope, { 'content-type': 'text/xml; charset=UTF-8', soapaction: '""' });
    } catch (error) {
      throw faultOf(error) ?? error;
    }
    results.push(...parseUndeleteResponse(answer));
  }
  return results;
}

const PARTNER_NS = 'urn:partner.soap.sforce.com';

export function undeleteEnvelope(sessionId: string, ids: readonly string[], allOrNone: boolean): string {
  const allOrNoneHeader = allOrNone ? '<AllOrNoneHeader><allOrNone>true</allOrNone></AllOrNoneHeader>' : '';
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="${PARTNER_NS}">` +
    `<soapenv:Header><SessionHeader><sessionId>${escapeXml(sessionId)}</sessionId></SessionHeader>${allOrNoneHeader}</soapenv:Header>` +
    `<soapenv:Body><undelete>${ids.map((id) => `<ids>${escapeXml(id)}</ids>`).join('')}</undelete></soapenv:Body>` +
    '</soapenv:Envelope>'
  );
}

/** Reads the `<result>` elements of an `undeleteResponse`, whatever namespace prefixes the answer uses. */
export function parseUndeleteResponse(xml: string): UndeleteResult[] {
  const fault = parseFault(xml);
  if (fault) throw fault;
  if (!/<(?:[\w-]+:)?undeleteResponse[\s>/]/.test(xml)) throw new Error(`not an undelete answer: ${xml.slice(0, 200)}`);
  return elements(xml, 'result').map((result) => {
    const errors = elements(result, 'errors').map((error) => ({
      statusCode: textOf(error, 'statusCode') ?? '',
      message: textOf(error, 'message') ?? '',
      fields: elements(error, 'fields')
        .map(decodeXml)
        .filter((field) => field !== ''),
    }));
    // An error's own children are taken out first, so that only the result's `id` and `success` are read.
    const own = result.replace(/<(?:[\w-]+:)?errors[\s>][\s\S]*?<\/(?:[\w-]+:)?errors>/g, '');
    const id = textOf(own, 'id');
    return { id: id === undefined || id === '' ? null : id, success: textOf(own, 'success') === 'true', errors };
  });
}

