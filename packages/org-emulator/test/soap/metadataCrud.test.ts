/**
 * The Metadata API's CRUD calls on `/services/Soap/m/<version>`: readMetadata and updateMetadata of the demo's
 * DuplicateRule and WorkflowRule, on the wire the plugin sends, and through jsforce's own Metadata API client
 * (a client nobody here wrote: it proves the wire format).
 */
import { Connection } from '@jsforce/jsforce-node';
import { expect } from 'chai';
import { startOrg, type EmulatedOrg } from '../../src/index.js';
import { call, query, toolingQuery, V } from '../automation/automationKit.js';

const DUPLICATE_RULE = 'Contact.Contact_Email_Duplicate_Rule';
const WORKFLOW_RULE = 'Account.Large_Account_Review';

/** The envelope the plugin sends (metadata namespace as the default one, SessionHeader inside it). */
function envelope(sessionId: string, body: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://soap.sforce.com/2006/04/metadata"><soapenv:Header>' +
    `<SessionHeader><sessionId>${sessionId}</sessionId></SessionHeader></soapenv:Header><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`
  );
}

const read = (type: string, ...fullNames: string[]): string =>
  `<readMetadata><type>${type}</type>${fullNames.map((name) => `<fullNames>${name}</fullNames>`).join('')}</readMetadata>`;

/** The `<records>` content of a readMetadataResponse (one record). */
const recordsContent = (xml: string): string => /<records xsi:type="\w+">(.*?)<\/records>/.exec(xml)![1];

const update = (type: string, content: string): string => `<updateMetadata><metadata xsi:type="${type}">${content}</metadata></updateMetadata>`;

describe('emulator SOAP Metadata endpoint: readMetadata and updateMetadata', () => {
  let org: EmulatedOrg;
  before(async () => {
    org = await startOrg({ dataset: 'demo' });
  });
  after(async () => {
    await org.stop();
  });
  beforeEach(async () => {
    await call(org, 'POST', '/__emulator/reset?data=true');
  });

  const post = async (body: string, version = '62.0'): Promise<{ status: number; text: string; type: string | null }> => {
    const res = await fetch(`${org.instanceUrl}/services/Soap/m/${version}`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml', SOAPAction: '""' },
      body,
    });
    return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
  };
  const metadataCall = (body: string): Promise<{ status: number; text: string }> => post(envelope(org.accessToken, body));
  const duplicateOfExisting = async (): Promise<{ status: number; body: Array<{ errorCode: string }> }> => {
    const existing = org.org.records('Contact').find((c) => typeof c.Email === 'string')!;
    return call(org, 'POST', `${V}/sobjects/Contact`, { LastName: 'Copy', Email: existing.Email });
  };

  it('reads a DuplicateRule with the documented members in the documented order', async () => {
    const answer = await metadataCall(read('DuplicateRule', DUPLICATE_RULE));
    expect(answer.status).to.equal(200);
    expect(answer.text).to.contain(
      '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="http://soap.sforce.com/2006/04/metadata" ' +
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><readMetadataResponse><result><records xsi:type="DuplicateRule">'
    );
    expect(recordsContent(answer.text)).to.equal(
      `<fullName>${DUPLICATE_RULE}</fullName><actionOnInsert>Block</actionOnInsert><actionOnUpdate>Allow</actionOnUpdate>` +
        "<alertText>You're creating a duplicate record. We recommend you use an existing record instead.</alertText>" +
        '<duplicateRuleMatchRules><matchRuleSObjectType>Contact</matchRuleSObjectType><matchingRule>Contact_Email_Match_Rule</matchingRule>' +
        '</duplicateRuleMatchRules><isActive>true</isActive><masterLabel>Contact Email Duplicate Rule</masterLabel>' +
        '<securityOption>EnforceSharingRules</securityOption><sortOrder>1</sortOrder>'
    );
    expect(answer.text).to.match(/<\/records><\/result><\/readMetadataResponse><\/soapenv:Body><\/soapenv:Envelope>$/);
  });

  it('reads a WorkflowRule with the members the registry has', async () => {
    const answer = await metadataCall(read('WorkflowRule', WORKFLOW_RULE));
    expect(recordsContent(answer.text)).to.equal(
      `<fullName>${WORKFLOW_RULE}</fullName><active>true</active><formula>AnnualRevenue &gt; 1000000</formula>` +
        '<triggerType>onCreateOrTriggeringUpdate</triggerType>'
    );
  });

  it('answers a nil record for a full name the org does not have, one record per name in order', async () => {
    const answer = await metadataCall(read('DuplicateRule', 'Contact.No_Such_Rule', DUPLICATE_RULE.toLowerCase()));
    expect(answer.text).to.contain(`<result><records xsi:nil="true"/><records xsi:type="DuplicateRule"><fullName>${DUPLICATE_RULE}</fullName>`);
    const none = await metadataCall(read('WorkflowRule'));
    expect(none.text).to.contain('<readMetadataResponse><result></result></readMetadataResponse>');
  });

  it('switches a duplicate rule off and on by updateMetadata of what readMetadata answered: saves follow, counted as API calls', async () => {
    const before = org.stats().requests;
    const content = recordsContent((await metadataCall(read('DuplicateRule', DUPLICATE_RULE))).text);
    expect((await duplicateOfExisting()).body[0].errorCode).to.equal('DUPLICATES_DETECTED');

    const off = await metadataCall(update('DuplicateRule', content.replace('<isActive>true</isActive>', '<isActive>false</isActive>')));
    expect(off.status).to.equal(200);
    expect(off.text).to.contain(
      `<soapenv:Body><updateMetadataResponse><result><fullName>${DUPLICATE_RULE}</fullName><success>true</success></result></updateMetadataResponse>`
    );
    expect(org.org.automation.duplicateRules[0].active).to.equal(false);
    const listed = await call(org, 'GET', query("SELECT IsActive FROM DuplicateRule WHERE SobjectType = 'Contact'"));
    expect(listed.body.records[0].IsActive).to.equal(false);
    expect((await duplicateOfExisting()).status, 'the duplicate saves once the rule is off').to.equal(201);
    expect(recordsContent((await metadataCall(read('DuplicateRule', DUPLICATE_RULE))).text)).to.contain('<isActive>false</isActive>');

    const on = await metadataCall(update('DuplicateRule', content));
    expect(on.text).to.contain('<success>true</success>');
    expect((await duplicateOfExisting()).body[0].errorCode, 'refused again once the rule is back on').to.equal('DUPLICATES_DETECTED');

    const after = org.stats().requests;
    expect((after.metadataRead ?? 0) - (before.metadataRead ?? 0)).to.equal(2);
    expect((after.metadataUpdate ?? 0) - (before.metadataUpdate ?? 0)).to.equal(2);
  });

  it('applies the members it models: actions, alert, label, description', async () => {
    const content = recordsContent((await metadataCall(read('DuplicateRule', DUPLICATE_RULE))).text)
      .replace('<actionOnInsert>Block</actionOnInsert>', '<actionOnInsert>Allow</actionOnInsert>')
      .replace('<duplicateRuleMatchRules>', '<description>No twins</description><duplicateRuleMatchRules>')
      .replace('<masterLabel>Contact Email Duplicate Rule</masterLabel>', '<masterLabel>Twins</masterLabel><operationsOnInsert>Alert</operationsOnInsert>');
    expect((await metadataCall(update('DuplicateRule', content))).text).to.contain('<success>true</success>');
    const rule = org.org.automation.duplicateRules[0];
    expect(rule).to.deep.include({ actionOnInsert: 'Allow', alertOnAllow: true, masterLabel: 'Twins', description: 'No twins' });
    expect((await duplicateOfExisting()).body[0].errorCode, 'Allow with an alert still refuses without allowSave').to.equal('DUPLICATES_DETECTED');
    const reread = recordsContent((await metadataCall(read('DuplicateRule', DUPLICATE_RULE))).text);
    expect(reread).to.contain('<description>No twins</description>');
    // One alert flag per rule: it shows on both Allow actions.
    expect(reread).to.contain(
      '<masterLabel>Twins</masterLabel><operationsOnInsert>Alert</operationsOnInsert><operationsOnUpdate>Alert</operationsOnUpdate><securityOption>'
    );
  });

  it('switches a workflow rule by updateMetadata: the Tooling Metadata follows', async () => {
    const content = recordsContent((await metadataCall(read('WorkflowRule', WORKFLOW_RULE))).text);
    const off = await metadataCall(update('WorkflowRule', content.replace('<active>true</active>', '<active>false</active>')));
    expect(off.text).to.contain(`<result><fullName>${WORKFLOW_RULE}</fullName><success>true</success></result>`);
    const tooling = await call(org, 'GET', toolingQuery("SELECT Metadata FROM WorkflowRule WHERE Name = 'Large_Account_Review'"));
    expect(tooling.body.records[0].Metadata.active).to.equal(false);
  });

  it('refuses an unknown full name, a managed rule and a missing required member per component, changing nothing', async () => {
    const content = recordsContent((await metadataCall(read('DuplicateRule', DUPLICATE_RULE))).text);
    const versionBefore = org.org.automation.version;
    const unknown = await metadataCall(update('DuplicateRule', content.replace(DUPLICATE_RULE, 'Contact.No_Such_Rule')));
    expect(unknown.status).to.equal(200);
    expect(unknown.text).to.contain(
      '<result><errors><fields>fullName</fields><message>In field: fullName - no DuplicateRule named Contact.No_Such_Rule found</message>' +
        '<statusCode>INVALID_CROSS_REFERENCE_KEY</statusCode></errors><fullName>Contact.No_Such_Rule</fullName><success>false</success></result>'
    );
    const missing = await metadataCall(update('DuplicateRule', content.replace('<isActive>true</isActive>', '')));
    expect(missing.text).to.contain(
      '<errors><fields>isActive</fields><message>Required field is missing: isActive</message><statusCode>REQUIRED_FIELD_MISSING</statusCode></errors>' +
        `<fullName>${DUPLICATE_RULE}</fullName><success>false</success>`
    );
    const workflow = recordsContent((await metadataCall(read('WorkflowRule', WORKFLOW_RULE))).text);
    const noTrigger = await metadataCall(update('WorkflowRule', workflow.replace(/<triggerType>.*<\/triggerType>/, '')));
    expect(noTrigger.text).to.contain('<message>Required field is missing: triggerType</message>');

    const managed = org.org.automation.addDuplicateRule({
      objectName: 'Lead',
      developerName: 'Lead_Dupes',
      masterLabel: 'Lead Dupes',
      active: true,
      namespacePrefix: 'isv',
      actionOnInsert: 'Block',
      actionOnUpdate: 'Block',
      matchFields: ['Email'],
      matchRuleName: 'Lead_Email',
    });
    const managedContent = recordsContent((await metadataCall(read('DuplicateRule', 'Lead.isv__Lead_Dupes'))).text);
    expect(managedContent).to.contain('<fullName>Lead.isv__Lead_Dupes</fullName><actionOnInsert>Block</actionOnInsert><actionOnUpdate>Block</actionOnUpdate>');
    expect(managedContent, 'no alert text on a rule that only blocks').to.not.contain('<alertText>');
    const refused = await metadataCall(update('DuplicateRule', managedContent.replace('<isActive>true</isActive>', '<isActive>false</isActive>')));
    expect(refused.text).to.contain(
      `<errors><message>Cannot modify managed object: entity=DuplicateRule, component=${managed.id}, field=Metadata, state=installed</message>` +
        '<statusCode>CANNOT_MODIFY_MANAGED_OBJECT</statusCode></errors><fullName>Lead.isv__Lead_Dupes</fullName><success>false</success>'
    );
    expect(managed.active).to.equal(true);
    expect(org.org.automation.duplicateRules[0].active).to.equal(true);
    expect(org.org.automation.version, 'only the added rule changed the registry').to.equal(versionBefore + 1);
  });

  it('answers SOAP faults for a bad session, unreadable XML, malformed members and what it does not serve', async () => {
    const session = await post(envelope('00Dbad!token', read('DuplicateRule', DUPLICATE_RULE)));
    expect(session.status).to.equal(500);
    expect(session.text).to.match(/<faultcode>[a-zA-Z]+:INVALID_SESSION_ID<\/faultcode>/);
    const garbage = await post('<soapenv:Envelope');
    expect(garbage.status).to.equal(500);
    expect(garbage.text).to.contain('<faultcode>soapenv:Client</faultcode>');

    const content = recordsContent((await metadataCall(read('DuplicateRule', DUPLICATE_RULE))).text);
    const badBoolean = await metadataCall(update('DuplicateRule', content.replace('<isActive>true</isActive>', '<isActive>maybe</isActive>')));
    expect(badBoolean.status).to.equal(500);
    expect(badBoolean.text).to.contain("<faultstring>'maybe' is not a valid value for the type xsd:boolean</faultstring>");
    const badEnum = await metadataCall(update('DuplicateRule', content.replace('<actionOnInsert>Block', '<actionOnInsert>Maybe')));
    expect(badEnum.text).to.contain("'Maybe' is not a valid value for the enum 'DupeActionType'");
    const unknownMember = await metadataCall(update('DuplicateRule', `${content}<colour>red</colour>`));
    expect(unknownMember.text).to.contain(
      '<faultcode>soapenv:Client</faultcode><faultstring>Element {http://soap.sforce.com/2006/04/metadata}colour invalid at this location in type DuplicateRule'
    );
    expect(org.org.automation.duplicateRules[0].active).to.equal(true);

    const otherType = await metadataCall(read('CustomObject', 'Account'));
    expect(otherType.text).to.contain('<faultcode>sf:UNKNOWN_EXCEPTION</faultcode>');
    expect(otherType.text).to.contain('readMetadata() of type CustomObject is not emulated');
    const list = await metadataCall('<listMetadata><queries><type>DuplicateRule</type></queries></listMetadata>');
    expect(list.text).to.contain('listMetadata() is not emulated');
    const unknownCall = await metadataCall('<frobnicate/>');
    expect(unknownCall.text).to.contain('No operation available for request {http://soap.sforce.com/2006/04/metadata}frobnicate');
    const tooMany = await metadataCall(read('DuplicateRule', ...Array.from({ length: 11 }, () => DUPLICATE_RULE)));
    expect(tooMany.text).to.contain('<faultcode>sf:EXCEEDED_ID_LIMIT</faultcode>');
  });

  describe("through jsforce's Metadata API client", () => {
    const connect = (): Connection => new Connection({ instanceUrl: org.instanceUrl, accessToken: org.accessToken, version: '62.0' });

    it('reads a DuplicateRule, updates it with isActive false and back, and the duplicate follows', async () => {
      const conn = connect();
      const rule = await conn.metadata.read('DuplicateRule', DUPLICATE_RULE);
      expect(rule).to.deep.include({
        fullName: DUPLICATE_RULE,
        actionOnInsert: 'Block',
        actionOnUpdate: 'Allow',
        isActive: true,
        masterLabel: 'Contact Email Duplicate Rule',
        operationsOnInsert: [],
        securityOption: 'EnforceSharingRules',
        sortOrder: 1,
      });
      expect(rule.duplicateRuleMatchRules).to.deep.equal([{ matchRuleSObjectType: 'Contact', matchingRule: 'Contact_Email_Match_Rule' }]);

      const off = await conn.metadata.update('DuplicateRule', { ...rule, isActive: false });
      expect(off).to.deep.equal({ fullName: DUPLICATE_RULE, success: true, errors: [] });
      expect((await duplicateOfExisting()).status).to.equal(201);
      expect((await conn.metadata.read('DuplicateRule', DUPLICATE_RULE)).isActive).to.equal(false);

      const on = await conn.metadata.update('DuplicateRule', { ...rule, isActive: true });
      expect(on.success).to.equal(true);
      expect((await duplicateOfExisting()).body[0].errorCode).to.equal('DUPLICATES_DETECTED');
    });

    it('switches a WorkflowRule, reads an unknown name as an empty record and gets the refusals as SaveResult errors', async () => {
      const conn = connect();
      const workflow = await conn.metadata.read('WorkflowRule', WORKFLOW_RULE);
      expect(workflow).to.deep.include({
        fullName: WORKFLOW_RULE,
        active: true,
        formula: 'AnnualRevenue > 1000000',
        triggerType: 'onCreateOrTriggeringUpdate',
      });
      expect((await conn.metadata.update('WorkflowRule', { ...workflow, active: false })).success).to.equal(true);
      expect(org.org.automation.workflowRules[0].active).to.equal(false);

      const missing = await conn.metadata.read('DuplicateRule', 'Contact.No_Such_Rule');
      // jsforce reads a nil record as one with no full name and every member defaulted.
      expect(missing).to.deep.include({ actionOnInsert: '', isActive: false, sortOrder: 0 });
      expect(missing.fullName).to.equal(undefined);
      const [a, b] = await conn.metadata.read('DuplicateRule', [DUPLICATE_RULE, 'Contact.No_Such_Rule']);
      expect(a.fullName).to.equal(DUPLICATE_RULE);
      expect(b.fullName).to.equal(undefined);

      const rule = await conn.metadata.read('DuplicateRule', DUPLICATE_RULE);
      const refused = await conn.metadata.update('DuplicateRule', { ...rule, fullName: 'Contact.No_Such_Rule', isActive: false });
      expect(refused).to.deep.include({ fullName: 'Contact.No_Such_Rule', success: false });
      expect(refused.errors).to.deep.equal([
        {
          fields: ['fullName'],
          message: 'In field: fullName - no DuplicateRule named Contact.No_Such_Rule found',
          statusCode: 'INVALID_CROSS_REFERENCE_KEY',
          extendedErrorDetails: [],
        },
      ]);
    });

    it('sees a bad session as jsforce sees an expired one', async () => {
      const conn = new Connection({ instanceUrl: org.instanceUrl, accessToken: '00Dbad!token', version: '62.0' });
      let error: unknown;
      try {
        await conn.metadata.read('DuplicateRule', DUPLICATE_RULE);
      } catch (e) {
        error = e;
      }
      // jsforce's isSessionExpired matched the fault (no refresh delegate here, so it throws it as is).
      expect(error).to.include({ errorCode: 'sf:INVALID_SESSION_ID' });
      expect((error as Error).message).to.equal('INVALID_SESSION_ID: Invalid Session ID found in SessionHeader: Illegal Session');
    });
  });
});
