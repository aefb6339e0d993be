/**
 * Deploys and Apex tests by edition: production refuses testLevel NoTestRun in the deploy() call, runs the org's
 * modelled tests by default for a package with Apex (RunLocalTests) and fails the deploy on a failing test or
 * coverage below 75% (0% of a deployed trigger: below its 1%); a sandbox runs no tests unless asked and enforces
 * no coverage. The suite is set at start (`apexTests`) or through the side door.
 */
import { expect } from 'chai';
import { startOrg, type EmulatedOrg } from '../../src/index.js';
import { call } from '../automation/automationKit.js';
import { FAST, member, metadataCall, deployBody, orgBody, startDeploy, triggerZip, waitForDeploy } from './deployKit.js';

const inactive = (org: EmulatedOrg): Promise<Buffer> => triggerZip([{ name: 'ContactTrigger', body: orgBody(org, 'ContactTrigger'), status: 'Inactive' }]);
const statusOf = (org: EmulatedOrg): string => org.org.automation.triggers.find((t) => t.name === 'ContactTrigger')!.status;

describe('emulator Metadata API deploy: production test rules', () => {
  let prod: EmulatedOrg;
  let sandbox: EmulatedOrg;
  before(async () => {
    prod = await startOrg({ dataset: 'demo', edition: 'production', deployTiming: FAST, username: 'deploy-prod@emulator.isync.test' });
    sandbox = await startOrg({ dataset: 'demo', edition: 'sandbox', deployTiming: FAST, apexTests: { coveragePercent: 10 } });
  });
  after(async () => {
    await Promise.all([prod.stop(), sandbox.stop()]);
  });
  beforeEach(async () => {
    await call(prod, 'POST', '/__emulator/reset?data=true');
    await call(sandbox, 'POST', '/__emulator/reset?data=true');
  });

  it('refuses testLevel NoTestRun in the deploy() call itself, with Salesforce fault', async () => {
    const answer = await metadataCall(prod, deployBody(await inactive(prod), { testLevel: 'NoTestRun' }));
    expect(answer.status).to.equal(500);
    expect(answer.text).to.contain('<faultcode>sf:INVALID_OPERATION</faultcode>');
    expect(answer.text).to.contain('<faultstring>INVALID_OPERATION: testLevel of NoTestRun cannot be used in production organizations</faultstring>');
    expect(statusOf(prod)).to.equal('Active');
  });

  it('runs the local tests by default for Apex and deploys when they pass with enough coverage', async () => {
    const done = await waitForDeploy(prod, await startDeploy(prod, await inactive(prod), { rollbackOnError: false }));
    expect(member(done, 'status')).to.equal('Succeeded');
    expect(member(done, 'runTestsEnabled')).to.equal('true');
    expect(member(done, 'rollbackOnError'), 'forced on in production').to.equal('true');
    expect(member(done, 'numberTestsTotal')).to.equal('5');
    expect(member(done, 'numberTestsCompleted')).to.equal('5');
    expect(member(done, 'numberTestErrors')).to.equal('0');
    const trigger = prod.org.automation.triggers.find((t) => t.name === 'ContactTrigger')!;
    expect(done).to.contain(
      `<runTestResult><codeCoverage><id>${trigger.id}</id><name>ContactTrigger</name><numLocations>100</numLocations>` +
        '<numLocationsNotCovered>20</numLocationsNotCovered><type>Trigger</type></codeCoverage><numFailures>0</numFailures><numTestsRun>5</numTestsRun>' +
        '<successes><id>'
    );
    expect(done).to.match(/<successes><id>01p\w+<\/id><methodName>test1<\/methodName><name>EmulatedOrgTests<\/name><time>2.0<\/time><\/successes>/);
    expect(done).to.contain('<totalTime>10.0</totalTime></runTestResult>');
    expect(statusOf(prod)).to.equal('Inactive');
  });

  it('fails the deploy on failing tests, applying nothing', async () => {
    const suite = await call(prod, 'POST', '/__emulator/automation/apex-tests', { failures: 2 });
    expect(suite.body).to.deep.equal({ count: 5, failures: 2, coveragePercent: 80 });
    const done = await waitForDeploy(prod, await startDeploy(prod, await inactive(prod), { testLevel: 'RunLocalTests' }));
    expect(member(done, 'status')).to.equal('Failed');
    expect(member(done, 'numberTestErrors')).to.equal('2');
    expect(member(done, 'numberTestsCompleted')).to.equal('3');
    expect(member(done, 'numberComponentErrors')).to.equal('0');
    expect(done).to.match(
      /<failures><id>01p\w+<\/id><message>System.AssertException: Assertion Failed<\/message><methodName>test4<\/methodName><name>EmulatedOrgTests<\/name><packageName>EmulatedOrgTests<\/packageName><stackTrace>Class.EmulatedOrgTests.test4: line 5, column 1<\/stackTrace><time>2.0<\/time><type>Class<\/type><\/failures>/
    );
    expect(statusOf(prod)).to.equal('Active');
  });

  it('fails the deploy below 75% average coverage, and below 1% of a deployed trigger', async () => {
    await call(prod, 'POST', '/__emulator/automation/apex-tests', { coveragePercent: 60 });
    const low = await waitForDeploy(prod, await startDeploy(prod, await inactive(prod)));
    expect(member(low, 'status')).to.equal('Failed');
    expect(low).to.match(
      /<codeCoverageWarnings><id>00D\w+<\/id><message>Average test coverage across all Apex Classes and Triggers is 60%, at least 75% test coverage is required.<\/message><\/codeCoverageWarnings>/
    );
    await call(prod, 'POST', '/__emulator/automation/apex-tests', { coveragePercent: 0 });
    const none = await waitForDeploy(prod, await startDeploy(prod, await inactive(prod), { testLevel: 'RunAllTestsInOrg' }));
    expect(none).to.contain(
      '<message>Test coverage of selected Apex Trigger is 0%, at least 1% test coverage is required</message><name>ContactTrigger</name>'
    );
    expect(statusOf(prod)).to.equal('Active');
    const bad = await call(prod, 'POST', '/__emulator/automation/apex-tests', { failures: 9 });
    expect(bad.status).to.equal(400);
  });

  it('in a sandbox runs no tests by default, and runs them without a coverage gate when asked', async () => {
    const plain = await waitForDeploy(sandbox, await startDeploy(sandbox, await inactive(sandbox)));
    expect(member(plain, 'status')).to.equal('Succeeded');
    expect(member(plain, 'runTestsEnabled')).to.equal('false');
    expect(member(plain, 'numberTestsTotal')).to.equal('0');
    const noTests = await waitForDeploy(sandbox, await startDeploy(sandbox, await inactive(sandbox), { testLevel: 'NoTestRun' }));
    expect(member(noTests, 'status')).to.equal('Succeeded');
    const tested = await waitForDeploy(sandbox, await startDeploy(sandbox, await inactive(sandbox), { testLevel: 'RunLocalTests' }));
    expect(member(tested, 'status'), '10% coverage is no gate in a sandbox').to.equal('Succeeded');
    expect(member(tested, 'numberTestsTotal')).to.equal('5');
    expect(statusOf(sandbox)).to.equal('Inactive');
  });
});
