import { expect } from 'chai';
import { startOrgInWorker } from '../src/orgInWorker.js';
import { queryOrg } from './restQuery.js';

describe('emulator on a thread of its own', () => {
  it('serves its dataset over HTTP under the cost model, and stops listening when stopped', async () => {
    const org = await startOrgInWorker({ dataset: 'demo', latencyMs: 30, edition: 'sandbox', username: 'worker@isync.test' });
    let stopped = false;
    try {
      expect(org.username).to.equal('worker@isync.test');
      expect(org.orgId).to.match(/^00D/);
      const started = Date.now();
      const [row] = await queryOrg(org, 'SELECT COUNT(Id) CNT FROM Account');
      expect(Date.now() - started).to.be.at.least(28);
      expect(row.CNT).to.be.greaterThan(0);
      await org.stop();
      stopped = true;
      const refused = await fetch(`${org.instanceUrl}/services/data`).then(
        () => undefined,
        (error: unknown) => error
      );
      expect(refused, 'the port still answers').to.be.instanceOf(Error);
    } finally {
      if (!stopped) await org.stop();
    }
  });

  it('reports a worker that cannot start its org', async () => {
    const failure = await startOrgInWorker({ schema: '/no/such/schema.json' }).then(
      () => undefined,
      (error: unknown) => error as Error
    );
    expect(failure?.message).to.match(/failed to start.*no\/such\/schema/s);
  });
});
