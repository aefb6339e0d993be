import { expect } from 'chai';
import { type EmulatedOrg, startOrg } from '../../src/index.js';

const ENVELOPE_NS = 'xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"';

/** The envelope jsforce 3 writes (`src/soap.ts` `_createEnvelope`, `src/api/soap.ts` `undelete`). */
function jsforceEnvelope(sessionId: string, ids: string[], extraHeader = ''): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope ${ENVELOPE_NS} xmlns:xsd="http://www.w3.org/2001/XMLSchema" ` +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Header xmlns="urn:partner.soap.sforce.com">' +
    `<SessionHeader><sessionId>${sessionId}</sessionId></SessionHeader>${extraHeader}</soapenv:Header>` +
    '<soapenv:Body xmlns="urn:partner.soap.sforce.com"><undelete xmlns="urn:partner.soap.sforce.com" xmlns:ns1="sobject.partner.soap.sforce.com">' +
    ids.map((id) => `<ns1:ids>${id}</ns1:ids>`).join('') +
    '</undelete></soapenv:Body></soapenv:Envelope>'
  );
}

describe('emulator SOAP Partner endpoint: undelete', () => {
  let org: EmulatedOrg;
  before(async () => {
    org = await startOrg();
  });
  after(async () => {
    await org.stop();
  });

  const post = async (body: string, version = '62.0'): Promise<{ status: number; text: string; type: string | null }> => {
    const res = await fetch(`${org.instanceUrl}/services/Soap/u/${version}`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml', SOAPAction: '""' },
      body,
    });
    return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
  };
  const newAccount = (name: string): string => {
    const [result] = org.org.engine.insert('Account', [{ Name: name }], { allOrNone: false });
    return result.id!;
  };

  it('restores a deleted record and answers undeleteResponse results in the WSDL order, counted as one API call', async () => {
    const acme = newAccount('Acme');
    const live = newAccount('Live');
    org.org.engine.delete([acme], { allOrNone: false });
    const callsBefore = org.stats().requests.soap ?? 0;
    const answer = await post(jsforceEnvelope(org.accessToken, [acme, live]));
    expect(answer.status).to.equal(200);
    expect(answer.type).to.equal('text/xml;charset=UTF-8');
    expect(answer.text).to.contain(`<soapenv:Body><undeleteResponse><result><id>${acme}</id><success>true</success></result>`);
    expect(answer.text).to.contain(
      '<result><errors><fields xsi:nil="true"/><message>Entity is not in the recycle bin</message><statusCode>UNDELETE_FAILED</statusCode></errors>' +
        `<id>${live}</id><success>false</success></result></undeleteResponse>`
    );
    expect(answer.text).to.match(/<LimitInfoHeader><limitInfo><current>\d+<\/current><limit>15000<\/limit><type>API REQUESTS<\/type>/);
    expect(org.org.get(acme)!.IsDeleted).to.equal(false);
    expect((org.stats().requests.soap ?? 0) - callsBefore).to.equal(1);
  });

  it('cannot restore what POST /__emulator/recycle-bin/empty took out of the bin', async () => {
    const acme = newAccount('Acme');
    const globex = newAccount('Globex');
    org.org.engine.delete([acme, globex], { allOrNone: false });
    const emptied = await fetch(`${org.instanceUrl}/__emulator/recycle-bin/empty`, { method: 'POST', body: JSON.stringify({ ids: [acme] }) });
    expect(await emptied.json()).to.deep.equal({ emptied: [acme] });
    expect(org.org.get(acme), 'purged from queryAll too').to.equal(undefined);
    const answer = await post(jsforceEnvelope(org.accessToken, [acme, globex]));
    expect(answer.text).to.contain(`<statusCode>UNDELETE_FAILED</statusCode></errors><id>${acme}</id><success>false</success>`);
    expect(answer.text).to.contain(`<result><id>${globex}</id><success>true</success></result>`);
    const all = await fetch(`${org.instanceUrl}/__emulator/recycle-bin/empty`, { method: 'POST' });
    expect(await all.json()).to.deep.equal({ emptied: [] });
  });

  it('honours AllOrNoneHeader', async () => {
    const acme = newAccount('Acme');
    org.org.engine.delete([acme], { allOrNone: false });
    const header = '<AllOrNoneHeader><allOrNone>true</allOrNone></AllOrNoneHeader>';
    const answer = await post(jsforceEnvelope(org.accessToken, [acme, '001000000000000AAA'], header));
    expect(answer.text).to.contain('<statusCode>ALL_OR_NONE_OPERATION_ROLLED_BACK</statusCode>');
    expect(org.org.get(acme)!.IsDeleted).to.equal(true);
  });

  it('answers the INVALID_SESSION_ID fault jsforce recognises for a bad session', async () => {
    const answer = await post(jsforceEnvelope('00Dbad!token', []));
    expect(answer.status).to.equal(500);
    // jsforce's SOAP isSessionExpired: status 500 and this exact faultcode element.
    expect(answer.text).to.match(/<faultcode>[a-zA-Z]+:INVALID_SESSION_ID<\/faultcode>/);
    expect(answer.text).to.contain('<sf:exceptionCode>INVALID_SESSION_ID</sf:exceptionCode>');
  });

  it('answers faults for unknown operations, unemulated Partner calls, more than 200 ids and unreadable envelopes', async () => {
    const unknown = await post(jsforceEnvelope(org.accessToken, []).replace(/undelete/g, 'frobnicate'));
    expect(unknown.status).to.equal(500);
    expect(unknown.text).to.contain(
      '<faultcode>soapenv:Client</faultcode><faultstring>No operation available for request {urn:partner.soap.sforce.com}frobnicate'
    );
    const query = await post(jsforceEnvelope(org.accessToken, []).replace(/undelete/g, 'query'));
    expect(query.text).to.contain('<faultcode>sf:UNKNOWN_EXCEPTION</faultcode>');
    const ids = Array.from({ length: 201 }, () => '001000000000000AAA');
    const tooMany = await post(jsforceEnvelope(org.accessToken, ids));
    expect(tooMany.text).to.contain('<faultcode>sf:EXCEEDED_ID_LIMIT</faultcode>');
    const garbage = await post('<soapenv:Envelope');
    expect(garbage.status).to.equal(500);
    expect(garbage.text).to.contain('<faultcode>soapenv:Client</faultcode>');
  });
});
