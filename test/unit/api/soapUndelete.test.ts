/**
 * undeleteRecords against an emulated org, through both of the plugin's org apis (jsforce's ConnectionOrgApi and
 * HttpOrgApi) and the decorators a run wraps them in: restores with cascade, per-record failures, chunks of 200,
 * allOrNone, and SOAP faults as errors with their exception code.
 */
import { expect } from 'chai';
import { CountingOrgApi } from '../../../src/lib/api/countingOrgApi.js';
import { GatedOrgApi } from '../../../src/lib/api/gatedOrgApi.js';
import { HttpOrgApi } from '../../../src/lib/api/httpOrgApi.js';
import { ConnectionOrgApi, type OrgApi } from '../../../src/lib/api/orgApi.js';
import { RetryingOrgApi } from '../../../src/lib/api/retryingOrgApi.js';
import { parseUndeleteResponse, SoapFaultError, undeleteRecords } from '../../../src/lib/api/soapUndelete.js';
import { useProcessSandboxHome } from '../../clients/processSandboxHome.js';
import { connectTo } from '../../support/orgConnection.js';
import { startOrg, type EmulatedOrg } from '@sf-isync/org-emulator';

const none = { allOrNone: false };

describe('undeleteRecords (SOAP Partner undelete) against an emulated org', function () {
  this.timeout(60_000);
  let org: EmulatedOrg;
  let restoreHome: () => void;
  const apis: Record<string, OrgApi> = {};

  before(async () => {
    restoreHome = useProcessSandboxHome().restore;
    org = await startOrg();
    const connection = await connectTo(org);
    apis.jsforce = new ConnectionOrgApi(connection);
    apis.http = new CountingOrgApi(new RetryingOrgApi(new GatedOrgApi(new HttpOrgApi(connection), 4)));
  });
  after(async () => {
    await org.stop();
    restoreHome();
  });

  const deletedAccounts = (count: number): string[] => {
    const ids = org.org.engine
      .insert(
        'Account',
        Array.from({ length: count }, (_, i) => ({ Name: `A${i}` })),
        none
      )
      .map((r) => r.id!);
    org.org.engine.delete(ids, none);
    return ids;
  };

  for (const name of ['jsforce', 'http']) {
    describe(`through ${name}`, () => {
      it('restores records with their cascade and reports the ones not in the recycle bin', async () => {
        const acme = org.org.engine.insert('Account', [{ Name: 'Acme' }], none)[0].id!;
        const [contact] = org.org.engine.insert('Contact', [{ LastName: 'Lovelace', AccountId: acme }], none);
        org.org.engine.delete([acme], none);
        const results = await undeleteRecords(apis[name], [contact.id!, acme]);
        expect(results).to.deep.equal([
          { id: contact.id, success: false, errors: [{ statusCode: 'UNDELETE_FAILED', message: 'Entity is not in the recycle bin', fields: [] }] },
          { id: acme, success: true, errors: [] },
        ]);
        expect(org.org.get(contact.id!)!.IsDeleted).to.equal(false);
      });

      it('sends more than 200 ids in calls of 200, one API call each', async () => {
        const ids = deletedAccounts(201);
        const before = org.stats().requests.soap ?? 0;
        const results = await undeleteRecords(apis[name], ids);
        expect(results.filter((r) => r.success)).to.have.length(201);
        expect((org.stats().requests.soap ?? 0) - before).to.equal(2);
      });

      it('rolls the whole call back with allOrNone', async () => {
        const [acme] = deletedAccounts(1);
        const results = await undeleteRecords(apis[name], [acme, '001000000000000AAA'], { allOrNone: true });
        expect(results.map((r) => r.success)).to.deep.equal([false, false]);
        expect(org.org.get(acme)!.IsDeleted).to.equal(true);
      });
    });
  }

  it('throws a SOAP fault as an error with its exception code', async () => {
    const api: OrgApi = {
      ...apis.http,
      apiVersion: apis.http.apiVersion,
      request: apis.http.request.bind(apis.http),
      requestText: apis.http.requestText!.bind(apis.http),
      sessionId: () => 'not-a-session',
    };
    const failure = await undeleteRecords(api, ['001000000000000AAA']).then(
      () => undefined,
      (error: unknown) => error
    );
    expect(failure).to.be.instanceOf(SoapFaultError);
    expect((failure as SoapFaultError).errorCode).to.equal('INVALID_SESSION_ID');
  });

  it('parses answers with namespace prefixes and escaped text', () => {
    const xml =
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><p:undeleteResponse xmlns:p="urn:partner.soap.sforce.com">' +
      '<p:result><p:errors><p:fields>Name</p:fields><p:message>a &amp; b</p:message><p:statusCode>X</p:statusCode></p:errors><p:id xsi:nil="true"/><p:success>false</p:success></p:result>' +
      '</p:undeleteResponse></s:Body></s:Envelope>';
    expect(parseUndeleteResponse(xml)).to.deep.equal([{ id: null, success: false, errors: [{ statusCode: 'X', message: 'a & b', fields: ['Name'] }] }]);
  });
});
