import { expect } from 'chai';
import { startTestOrg } from './testServer.js';

const V = '/services/data/v62.0';

describe('emulator cost model', () => {
  it('adds latency per request and a cost per record written', async () => {
    const org = await startTestOrg({ latencyMs: 40, perRecordMs: 5 });
    try {
      let started = Date.now();
      await org.call('GET', `${V}/limits`);
      expect(Date.now() - started).to.be.at.least(38);
      started = Date.now();
      const records = Array.from({ length: 20 }, (_, i) => ({ attributes: { type: 'Account' }, Name: `A${i}` }));
      await org.call('POST', `${V}/composite/sobjects`, { records });
      expect(Date.now() - started).to.be.at.least(40 + 20 * 5 - 2);
    } finally {
      await org.stop();
    }
  });

  it('refuses requests above maxConcurrent with ConcurrentPerOrgLongTxn, without blocking the loop', async () => {
    const org = await startTestOrg({ latencyMs: 100, maxConcurrent: 2 });
    try {
      const results = await Promise.all([1, 2, 3].map(() => org.call('GET', `${V}/limits`)));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).to.deep.equal([200, 200, 403]);
      expect(results.find((r) => r.status === 403)!.body).to.deep.equal([
        { message: 'ConcurrentPerOrgLongTxn Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' },
      ]);
      expect(org.stats().concurrency.peak).to.equal(3);
    } finally {
      await org.stop();
    }
  });
});
