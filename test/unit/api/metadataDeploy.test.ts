import { expect } from 'chai';
import { DEFAULT_BACKOFF } from '../../../src/lib/api/backoff.js';
import { DeployFailedError } from '../../../src/lib/api/deployResult.js';
import { checkDeployStatus, DeployTimeoutError, startDeploy, waitForDeploy, type DeployPollOptions } from '../../../src/lib/api/metadataDeploy.js';
import type { HttpMethod, OrgApi } from '../../../src/lib/api/orgApi.js';

const envelope = (body: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

const statusAnswer = (result: string): string =>
  envelope(`<checkDeployStatusResponse xmlns="http://soap.sforce.com/2006/04/metadata"><result>${result}</result></checkDeployStatusResponse>`);

/** Answers SOAP calls in order from a list (a function answers with an error), keeping what was sent. */
class ScriptedOrg implements OrgApi {
  public readonly apiVersion = '62.0';
  public readonly sent: string[] = [];
  public constructor(private readonly answers: Array<string | (() => Error)>) {}
  public request<T>(): Promise<T> {
    return Promise.reject(new Error('not a JSON call'));
  }
  public requestText(_method: HttpMethod, path: string, body?: string): Promise<string> {
    expect(path).to.equal('/services/Soap/m/62.0');
    this.sent.push(body ?? '');
    const answer = this.answers.shift();
    if (answer === undefined) return Promise.reject(new Error('no more answers'));
    return typeof answer === 'string' ? Promise.resolve(answer) : Promise.reject(answer());
  }
  public sessionId(): string {
    return 'SESSION';
  }
}

const FAST: DeployPollOptions = { pollIntervalMs: 1, maxPollIntervalMs: 2, timeoutMs: 5_000, retry: { ...DEFAULT_BACKOFF, baseMs: 1, maxMs: 2 } };

describe('Metadata API deploy over SOAP', () => {
  it('starts a deploy with the zip in base64 and the options in WSDL order, and answers its id', async () => {
    const org = new ScriptedOrg([
      envelope('<deployResponse><result><done>false</done><id>0Af000000000001</id><state>Queued</state></result></deployResponse>'),
    ]);
    const id = await startDeploy(org, Buffer.from('PK zip'), { testLevel: 'RunLocalTests' });
    expect(id).to.equal('0Af000000000001');
    expect(org.sent[0])
      .to.contain('<sessionId>SESSION</sessionId>')
      .and.contain(`<deploy><ZipFile>${Buffer.from('PK zip').toString('base64')}</ZipFile>`)
      .and.contain(
        '<DeployOptions><rollbackOnError>true</rollbackOnError><singlePackage>true</singlePackage><testLevel>RunLocalTests</testLevel></DeployOptions>'
      );
  });

  it('checks a deploy with its details', async () => {
    const org = new ScriptedOrg([statusAnswer('<done>false</done><id>0Af1</id><status>InProgress</status><success>false</success>')]);
    const status = await checkDeployStatus(org, '0Af1');
    expect(org.sent[0]).to.contain('<checkDeployStatus><asyncProcessId>0Af1</asyncProcessId><includeDetails>true</includeDetails></checkDeployStatus>');
    expect(status).to.include({ id: '0Af1', done: false, status: 'InProgress', success: false });
  });

  it('polls until the deploy is done, retrying a poll that failed in passing', async () => {
    const polls: string[] = [];
    const org = new ScriptedOrg([
      statusAnswer('<done>false</done><id>0Af1</id><status>Pending</status><success>false</success>'),
      () => Object.assign(new Error('Service Unavailable'), { errorCode: 'ERROR_HTTP_503' }),
      statusAnswer('<done>false</done><id>0Af1</id><status>InProgress</status><success>false</success>'),
      statusAnswer(
        // The component messages carry their own id and success: the deploy's are read outside `details`.
        '<details><componentSuccesses><componentType>ApexTrigger</componentType><fullName>ContactTrigger</fullName><id>01q1</id><success>true</success></componentSuccesses></details>' +
          '<done>true</done><id>0Af1</id><status>Succeeded</status><success>true</success>'
      ),
    ]);
    const status = await waitForDeploy(org, '0Af1', { ...FAST, onPoll: (poll) => polls.push(poll.status) });
    expect(status).to.include({ id: '0Af1', status: 'Succeeded', success: true });
    expect(polls).to.deep.equal(['Pending', 'InProgress', 'Succeeded']);
  });

  it('a failed deploy names the components the org refused, one or several', async () => {
    const org = new ScriptedOrg([
      statusAnswer(
        '<details><componentFailures><changed>false</changed><componentType>ApexTrigger</componentType><fileName>triggers/ContactTrigger.trigger</fileName>' +
          '<fullName>ContactTrigger</fullName><lineNumber>3</lineNumber><problem>Variable does not exist: x</problem><problemType>Error</problemType><success>false</success></componentFailures></details>' +
          '<done>true</done><id>0Af2</id><numberComponentErrors>1</numberComponentErrors><status>Failed</status><success>false</success>'
      ),
    ]);
    let failure: unknown;
    await waitForDeploy(org, '0Af2', FAST).catch((error: unknown) => (failure = error));
    expect(failure).to.be.instanceOf(DeployFailedError);
    expect((failure as DeployFailedError).deployId).to.equal('0Af2');
    expect(String(failure)).to.contain('Metadata deploy 0Af2 ended Failed: ApexTrigger ContactTrigger (line 3): Variable does not exist: x');
  });

  it('a deploy whose tests failed names the failing tests and the coverage it lacked', async () => {
    const org = new ScriptedOrg([
      statusAnswer(
        '<details><runTestResult><codeCoverageWarnings><message>Average test coverage across all Apex Classes and Triggers is 12%, at least 75% test coverage is required.</message><name xsi:nil="true"/></codeCoverageWarnings>' +
          '<failures><message>System.AssertException: Assertion Failed</message><methodName>stampsJigsaw</methodName><name>ContactTriggerTest</name><stackTrace>Class.ContactTriggerTest.stampsJigsaw: line 9</stackTrace></failures>' +
          '<failures><message>System.DmlException: Insert failed</message><methodName>inserts</methodName><name>AccountTest</name></failures>' +
          '<numFailures>2</numFailures><numTestsRun>5</numTestsRun></runTestResult></details>' +
          '<done>true</done><id>0Af3</id><numberTestErrors>2</numberTestErrors><status>Failed</status><success>false</success>'
      ),
    ]);
    const failure = await waitForDeploy(org, '0Af3', FAST).then(
      () => undefined,
      (error: unknown) => error
    );
    expect(String(failure))
      .to.contain('test ContactTriggerTest.stampsJigsaw: System.AssertException: Assertion Failed')
      .and.contain('test AccountTest.inserts: System.DmlException: Insert failed')
      .and.contain('coverage: Average test coverage across all Apex Classes and Triggers is 12%');
  });

  it('a deploy refused as a whole says why (a test level production does not take)', async () => {
    const org = new ScriptedOrg([
      statusAnswer(
        '<done>true</done><errorMessage>testLevel of NoTestRun cannot be used in production organizations</errorMessage><errorStatusCode>INVALID_OPERATION</errorStatusCode>' +
          '<id>0Af4</id><status>Failed</status><success>false</success>'
      ),
    ]);
    const failure = await waitForDeploy(org, '0Af4', FAST).catch((error: unknown) => error);
    expect(String(failure)).to.contain('ended Failed: INVALID_OPERATION: testLevel of NoTestRun cannot be used in production organizations');
  });

  it('a deploy still running at the deadline throws with its id, to be awaited later', async () => {
    const running = statusAnswer('<done>false</done><id>0Af5</id><status>InProgress</status><success>false</success>');
    const org = new ScriptedOrg(Array.from({ length: 50 }, () => running));
    const failure = await waitForDeploy(org, '0Af5', { ...FAST, timeoutMs: 20 }).catch((error: unknown) => error);
    expect(failure).to.be.instanceOf(DeployTimeoutError);
    expect(failure).to.include({ deployId: '0Af5', status: 'InProgress' });
  });

  it('a SOAP fault on deploy is thrown as the org said it', async () => {
    const org = new ScriptedOrg([
      envelope(
        '<soapenv:Fault><faultcode>sf:INVALID_SESSION_ID</faultcode><faultstring>Invalid Session ID found in SessionHeader</faultstring></soapenv:Fault>'
      ),
    ]);
    const failure = await startDeploy(org, Buffer.from('zip'), { testLevel: 'NoTestRun' }).catch((error: unknown) => error);
    expect(failure).to.include({ errorCode: 'INVALID_SESSION_ID' });
  });
});
