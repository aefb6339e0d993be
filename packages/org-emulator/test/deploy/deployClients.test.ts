/**
 * The deploy through clients nobody here wrote, which prove the wire format: jsforce's Metadata API client
 * (`metadata.deploy` + `checkDeployStatus(id, true)`) and @salesforce/source-deploy-retrieve (a source-format
 * project deployed by `ComponentSet.deploy` + `pollStatus`, what `sf project deploy start` runs), and a client
 * process killed mid-deploy, whose deploy still completes.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@jsforce/jsforce-node';
import { expect } from 'chai';
import { startOrg, type EmulatedOrg } from '../../src/index.js';
import { call, V } from '../automation/automationKit.js';
import { deployBody, envelope, FAST, member, orgBody, triggerMeta, triggerZip, waitForDeploy } from './deployKit.js';

const STAMP = 'apex:ContactTrigger';

async function newContactStamp(org: EmulatedOrg): Promise<unknown> {
  const created = await call(org, 'POST', `${V}/sobjects/Contact`, { LastName: 'Client deploy' });
  return org.org.get(created.body.id)!.JigsawContactId;
}

function jsforceConnection(org: EmulatedOrg): Connection {
  const conn = new Connection({ instanceUrl: org.instanceUrl, accessToken: org.accessToken, version: '62.0' });
  conn.metadata.pollInterval = 20;
  return conn;
}

async function untilDone(conn: Connection, id: string): Promise<Awaited<ReturnType<Connection['metadata']['checkDeployStatus']>>> {
  for (;;) {
    const result = await conn.metadata.checkDeployStatus(id, true);
    if (result.done) return result;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('emulator Metadata API deploy through jsforce, source-deploy-retrieve and a killed client', function () {
  this.timeout(60_000);
  let org: EmulatedOrg;
  let prod: EmulatedOrg;
  before(async () => {
    org = await startOrg({ dataset: 'demo', deployTiming: FAST });
    prod = await startOrg({ dataset: 'demo', edition: 'production', deployTiming: FAST, username: 'deploy-clients-prod@emulator.isync.test' });
  });
  after(async () => {
    await Promise.all([org.stop(), prod.stop()]);
  });
  beforeEach(async () => {
    await call(org, 'POST', '/__emulator/reset?data=true');
    await call(prod, 'POST', '/__emulator/reset?data=true');
  });

  it('jsforce: metadata.deploy + checkDeployStatus(id, true) switch the trigger off and on', async () => {
    const conn = jsforceConnection(org);
    const zip = async (status: string): Promise<Buffer> => triggerZip([{ name: 'ContactTrigger', body: orgBody(org, 'ContactTrigger'), status }]);
    const started = await conn.metadata.deploy(await zip('Inactive'), { singlePackage: true, rollbackOnError: true });
    expect(started.id).to.match(/^0Af/);
    expect(started.done).to.equal(false);
    expect(started.state).to.equal('Queued');
    const off = await untilDone(conn, started.id);
    expect(off.status).to.equal('Succeeded');
    expect(off.success).to.equal(true);
    expect(off.numberComponentsDeployed).to.equal(1);
    const successes = [off.details.componentSuccesses].flat();
    expect(successes.map((m) => [m.fullName, m.componentType, m.changed])).to.deep.include(['ContactTrigger', 'ApexTrigger', true]);
    expect(await newContactStamp(org)).to.equal(undefined);

    // The locator's own polling (complete) works too.
    const on = await conn.metadata.deploy(await zip('Active'), { singlePackage: true }).complete(true);
    expect(on.status).to.equal('Succeeded');
    expect(await newContactStamp(org)).to.equal(STAMP);
  });

  it('jsforce in production: NoTestRun is refused, RunLocalTests deploys and reports the test run', async () => {
    const conn = jsforceConnection(prod);
    const zip = await triggerZip([{ name: 'ContactTrigger', body: orgBody(prod, 'ContactTrigger'), status: 'Inactive' }]);
    let refused: (Error & { errorCode?: string }) | undefined;
    try {
      await conn.metadata.deploy(zip, { singlePackage: true, testLevel: 'NoTestRun' });
    } catch (e) {
      refused = e as Error & { errorCode?: string };
    }
    expect(refused?.message).to.contain('testLevel of NoTestRun cannot be used in production organizations');
    const started = await conn.metadata.deploy(zip, { singlePackage: true, testLevel: 'RunLocalTests' });
    const done = await untilDone(conn, started.id);
    expect(done.status).to.equal('Succeeded');
    expect(done.runTestsEnabled).to.equal(true);
    expect(done.numberTestsCompleted).to.equal(5);
    expect(done.details.runTestResult!.numTestsRun).to.equal(5);
    expect([done.details.runTestResult!.codeCoverage].flat()[0].name).to.equal('ContactTrigger');
    expect(await newContactStamp(prod)).to.equal(undefined);
  });

  it('@salesforce/source-deploy-retrieve: a source-format trigger deployed Inactive, then Active', async () => {
    const previousEnv = { ...process.env };
    const home = mkdtempSync(join(tmpdir(), 'emulator-sdr-'));
    Object.assign(process.env, {
      HOME: home,
      USERPROFILE: home,
      SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
      SF_DISABLE_LOG_FILE: 'true',
      SF_DISABLE_TELEMETRY: 'true',
    });
    try {
      const core = await import('@salesforce/core');
      const { ComponentSet } = await import('@salesforce/source-deploy-retrieve');
      const { Duration } = await import('@salesforce/kit');
      const authInfo = await core.AuthInfo.create({
        accessTokenOptions: { accessToken: org.accessToken, instanceUrl: org.instanceUrl, loginUrl: org.instanceUrl },
      });
      const connection = await core.Connection.create({ authInfo, connectionOptions: { version: '62.0' } });
      const triggers = join(home, 'project', 'force-app', 'main', 'default', 'triggers');
      mkdirSync(triggers, { recursive: true });
      writeFileSync(join(triggers, 'ContactTrigger.trigger'), orgBody(org, 'ContactTrigger'));
      const deploy = async (status: string): Promise<{ status: string; files: Array<{ fullName: string; type: string; state: string }> }> => {
        writeFileSync(join(triggers, 'ContactTrigger.trigger-meta.xml'), triggerMeta(status));
        const components = ComponentSet.fromSource(join(home, 'project', 'force-app'));
        const running = await components.deploy({ usernameOrConnection: connection });
        const result = await running.pollStatus({ frequency: Duration.milliseconds(30), timeout: Duration.seconds(30) });
        return { status: result.response.status, files: result.getFileResponses() };
      };
      const off = await deploy('Inactive');
      expect(off.status).to.equal('Succeeded');
      expect(off.files.map((f) => [f.fullName, f.type, f.state])).to.deep.include(['ContactTrigger', 'ApexTrigger', 'Changed']);
      expect(await newContactStamp(org)).to.equal(undefined);
      const on = await deploy('Active');
      expect(on.status).to.equal('Succeeded');
      expect(await newContactStamp(org)).to.equal(STAMP);
    } finally {
      process.env = previousEnv;
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('completes a deploy whose client was killed mid-deploy', async () => {
    // A slow org, so the client dies well before the deploy ends.
    const slow = await startOrg({ dataset: 'demo', deployTiming: { queuedMs: 100, runMs: 400 }, username: 'deploy-killed@emulator.isync.test' });
    try {
      const zip = await triggerZip([{ name: 'ContactTrigger', body: orgBody(slow, 'ContactTrigger'), status: 'Inactive' }]);
      // The client: posts deploy(), prints the id, then polls until it is killed.
      const script = `
        const url = process.env.URL, body = process.env.BODY, status = (id) => process.env.STATUS.replace('ID', id);
        const post = (text) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'text/xml', SOAPAction: '""' }, body: text }).then((r) => r.text());
        const answer = await post(body);
        const id = /<id>(\\w+)<\\/id>/.exec(answer)[1];
        console.log(id);
        setInterval(() => void post(status(id)), 20);`;
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
        env: {
          ...process.env,
          URL: `${slow.instanceUrl}/services/Soap/m/62.0`,
          BODY: envelope(slow.accessToken, deployBody(zip)),
          STATUS: envelope(
            slow.accessToken,
            '<checkDeployStatus><asyncProcessId>ID</asyncProcessId><includeDetails>false</includeDetails></checkDeployStatus>'
          ),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const id = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
        child.on('exit', (code) => reject(new Error(`client exited ${code}`)));
      });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      const record = slow.org.automation.triggers.find((t) => t.name === 'ContactTrigger')!;
      expect(record.status, 'not applied yet when the client died').to.equal('Active');
      // Nobody polls now; the emulator's own timers finish the deploy.
      for (let waited = 0; record.status !== 'Inactive' && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(record.status).to.equal('Inactive');
      const done = await waitForDeploy(slow, id, false);
      expect(member(done, 'status')).to.equal('Succeeded');
      expect(await newContactStamp(slow)).to.equal(undefined);
    } finally {
      await slow.stop();
    }
  });
});
