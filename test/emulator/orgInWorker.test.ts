import { expect } from 'chai';
import { startOrgInWorker } from './orgInWorker.js';
import { startOrgPairInWorkers, queryOrg } from '../support/emulatedOrgs.js';

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

  it('refuses a pair whose threads gave both orgs the same pod (their ids and tokens would collide)', async () => {
    const same = { dataset: 'empty', username: 'twin@isync.test', seed: 3 } as const;
    const failure = await startOrgPairInWorkers(same, same).then(
      () => undefined,
      (error: unknown) => error as Error
    );
    expect(failure?.message).to.match(/both orgs got pod/);
  });
});
