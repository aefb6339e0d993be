/** End to end: the default schema, a dataset, the SOQL engine and the server together, as clients see them. */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startOrg, type EmulatedOrg } from '../src/index.js';

const V = '/services/data/v62.0';
/** The CLI by its own path, so the test runs from the repository root or from the package's folder. */
const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are arbitrary JSON
async function get(org: EmulatedOrg, path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${org.instanceUrl}${path}`, { headers: { Authorization: `Bearer ${org.accessToken}` } });
  return { status: res.status, body: await res.json() };
}

describe('emulator startOrg (end to end)', () => {
  let demo: EmulatedOrg;
  let sandbox: EmulatedOrg;
  before(async () => {
    [demo, sandbox] = await Promise.all([startOrg({ dataset: 'demo' }), startOrg({ edition: 'sandbox' })]);
  });
  after(async () => {
    await Promise.all([demo.stop(), sandbox.stop()]);
  });

  it('serves the demo dataset through SOQL', async () => {
    const count = demo.org.count('Account');
    expect(count).to.be.greaterThan(0);
    const res = await get(demo, `${V}/query?q=${encodeURIComponent('SELECT COUNT(Id) CNT FROM Account')}`);
    expect(res.body.records[0].CNT).to.equal(count);
    const contacts = await get(demo, `${V}/query?q=${encodeURIComponent('SELECT Id, Account.Name FROM Contact WHERE AccountId != null LIMIT 5')}`);
    expect(contacts.body.records[0].Account.Name).to.be.a('string');
  });

  it('answers what sf org login access-token and SFDMU ask', async () => {
    const org = await get(
      demo,
      `${V}/query?q=${encodeURIComponent('SELECT Name, InstanceName, IsSandbox, TrialExpirationDate, NamespacePrefix, OrganizationType FROM Organization')}`
    );
    expect(org.body.records[0]).to.include({ IsSandbox: false, OrganizationType: 'Developer Edition' });
    const sandboxOrg = await get(sandbox, `${V}/query?q=${encodeURIComponent('SELECT IsSandbox FROM Organization')}`);
    expect(sandboxOrg.body.records[0].IsSandbox).to.equal(true);
    expect((await get(demo, `${V}/query?q=${encodeURIComponent('SELECT Id FROM ScratchOrgInfo limit 1')}`)).status).to.equal(400);
    const entities = await get(
      demo,
      `${V}/query?q=${encodeURIComponent('SELECT QualifiedApiName, Label FROM EntityDefinition WHERE IsDeprecatedAndHidden = false ORDER BY QualifiedApiName')}`
    );
    expect(entities.body.records.map((r: { QualifiedApiName: string }) => r.QualifiedApiName)).to.include.members(['Account', 'Contact']);
    expect((await get(demo, `/services/data/v51.0/sobjects/User/${demo.userId}`)).body.Username).to.equal(demo.username);
  });

  it('routes Bulk API 2.0 paths (trailing slash included) to the bulk module', async () => {
    const headers = { Authorization: `Bearer ${demo.accessToken}`, 'Content-Type': 'application/json' };
    const created = await fetch(`${demo.instanceUrl}${V}/jobs/ingest/`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ object: 'Account', operation: 'insert' }),
    });
    const job = (await created.json()) as { id: string; state: string };
    expect(created.status).to.equal(200);
    expect(job.state).to.equal('Open');
    expect((await get(demo, `${V}/jobs/ingest/${job.id}/`)).body.id).to.equal(job.id);
    expect(demo.stats().requests.bulkJobCreate).to.equal(1);
  });

  it('runs as a CLI that prints one JSON line and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--dataset', 'empty'], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`cli exited ${code}`)));
    });
    const info = JSON.parse(line) as { instanceUrl: string; accessToken: string; username: string; orgId: string };
    expect(Object.keys(info)).to.deep.equal(['instanceUrl', 'accessToken', 'username', 'orgId']);
    expect(info.instanceUrl).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${info.instanceUrl}/services/oauth2/userinfo`, { headers: { Authorization: `Bearer ${info.accessToken}` } });
    expect(((await res.json()) as { organization_id: string }).organization_id).to.equal(info.orgId);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).to.equal(0);
  });

  it('exits 2 with a message on bad flags', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--dataset', 'huge'], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).to.equal(2);
    expect(stderr).to.contain('--dataset must be one of empty, users, demo, bench');
  });
});
