import { expect } from 'chai';
import type { HttpMethod, OrgApi } from '../../../src/lib/api/orgApi.js';
import { readMetadata, updateMetadata, withMember } from '../../../src/lib/api/soapMetadata.js';

/** An org answering the Metadata API's SOAP calls with a canned answer, keeping what it was sent. */
class SoapOrg implements OrgApi {
  public readonly apiVersion = '62.0';
  public readonly sent: Array<{ path: string; body: string }> = [];
  public constructor(private readonly answer: string) {}
  public request<T>(): Promise<T> {
    return Promise.reject(new Error('not a JSON call'));
  }
  public requestText(_method: HttpMethod, path: string, body?: string): Promise<string> {
    this.sent.push({ path, body: body ?? '' });
    return Promise.resolve(this.answer);
  }
  public sessionId(): string {
    return 'SESSION&1';
  }
}

const envelope = (body: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

describe('Metadata API CRUD over SOAP', () => {
  it('reads a component and gives back its XML without the answer’s prefixes', async () => {
    const org = new SoapOrg(
      envelope(
        '<m:readMetadataResponse xmlns:m="http://soap.sforce.com/2006/04/metadata"><m:result><m:records xsi:type="m:DuplicateRule">' +
          '<m:fullName>Contact.Dup</m:fullName><m:actionOnInsert>Block</m:actionOnInsert><m:duplicateRuleMatchRules><m:matchingRule>Contact_MR</m:matchingRule></m:duplicateRuleMatchRules><m:isActive>true</m:isActive>' +
          '</m:records></m:result></m:readMetadataResponse>'
      )
    );
    const component = await readMetadata(org, 'DuplicateRule', 'Contact.Dup');
    expect(org.sent[0].path).to.equal('/services/Soap/m/62.0');
    expect(org.sent[0].body)
      .to.contain('<sessionId>SESSION&amp;1</sessionId>')
      .and.contain('<readMetadata><type>DuplicateRule</type><fullNames>Contact.Dup</fullNames></readMetadata>');
    expect(component?.xml).to.equal(
      '<fullName>Contact.Dup</fullName><actionOnInsert>Block</actionOnInsert><duplicateRuleMatchRules><matchingRule>Contact_MR</matchingRule></duplicateRuleMatchRules><isActive>true</isActive>'
    );
    const off = withMember(component!, 'isActive', false);
    expect(off?.xml).to.contain('<isActive>false</isActive>').and.contain('<matchingRule>Contact_MR</matchingRule>');
    expect(withMember(component!, 'isActive', true), 'already on').to.equal(undefined);
  });

  it('answers undefined for a name the org does not have', async () => {
    const org = new SoapOrg(
      envelope('<readMetadataResponse xmlns="http://soap.sforce.com/2006/04/metadata"><result><records xsi:nil="true"/></result></readMetadataResponse>')
    );
    expect(await readMetadata(org, 'WorkflowRule', 'Account.Gone')).to.equal(undefined);
  });

  it('sends the component back whole, typed, and throws the org’s refusal', async () => {
    const refused = new SoapOrg(
      envelope(
        '<updateMetadataResponse xmlns="http://soap.sforce.com/2006/04/metadata"><result><errors><message>no such rule</message><statusCode>INVALID_CROSS_REFERENCE_KEY</statusCode></errors><fullName>Contact.Dup</fullName><success>false</success></result></updateMetadataResponse>'
      )
    );
    const component = { type: 'DuplicateRule', fullName: 'Contact.Dup', xml: '<fullName>Contact.Dup</fullName><isActive>false</isActive>' };
    let error: unknown;
    await updateMetadata(refused, component).catch((caught: unknown) => (error = caught));
    expect(refused.sent[0].body).to.contain(
      '<updateMetadata><metadata xsi:type="DuplicateRule"><fullName>Contact.Dup</fullName><isActive>false</isActive></metadata></updateMetadata>'
    );
    expect(error).to.include({ message: 'INVALID_CROSS_REFERENCE_KEY: no such rule', errorCode: 'INVALID_CROSS_REFERENCE_KEY' });
    const accepted = new SoapOrg(
      envelope('<updateMetadataResponse><result><fullName>Contact.Dup</fullName><success>true</success></result></updateMetadataResponse>')
    );
    await updateMetadata(accepted, component);
  });

  it('turns a SOAP fault into an error with its code', async () => {
    const org = new SoapOrg(
      envelope('<soapenv:Fault><faultcode>sf:INVALID_SESSION_ID</faultcode><faultstring>Invalid Session ID found</faultstring></soapenv:Fault>')
    );
    let error: unknown;
    await readMetadata(org, 'DuplicateRule', 'Contact.Dup').catch((caught: unknown) => (error = caught));
    expect(error).to.have.property('errorCode', 'INVALID_SESSION_ID');
  });
});
