import { expect } from 'chai';
import type { EmulatedOrg } from '../../src/orgServer.js';
import { type Call, startTestOrg } from '../http/testServer.js';
import { FaultInjector } from '../../src/faults/faultInjector.js';
import { faultConfigFromJson, FaultSpecError, parseFaultSpec } from '../../src/faults/faultSpec.js';

const V = '/services/data/v62.0';

describe('emulator faults', () => {
  it('parses the spec grammar and rejects bad entries', () => {
    expect(parseFaultSpec('lock=0.05,http503=0.02,dailyLimitAfter=500,sessionExpireAfter=300,seed=7')).to.deep.equal({
      lock: 0.05,
      http503: 0.02,
      dailyLimitAfter: 500,
      sessionExpireAfter: 300,
      seed: 7,
    });
    expect(parseFaultSpec('')).to.deep.equal({ lock: 0, http503: 0, seed: 1 });
    expect(parseFaultSpec('deployAnswerDelayMs=1500')).to.include({ deployAnswerDelayMs: 1500 });
    expect(() => parseFaultSpec('lock=2')).to.throw(FaultSpecError, /probability/);
    expect(() => parseFaultSpec('boom=1')).to.throw(FaultSpecError, /unknown fault 'boom'/);
    expect(() => parseFaultSpec('seed')).to.throw(FaultSpecError, /key=value/);
    expect(faultConfigFromJson({ spec: 'lock=1' }).lock).to.equal(1);
    expect(faultConfigFromJson({ http503: 0.5, seed: 3 })).to.include({ http503: 0.5, seed: 3 });
  });

  it('is deterministic for a seed', () => {
    const draws = (seed: number): boolean[] => {
      const injector = new FaultInjector({ lock: 0.3, http503: 0, seed });
      return Array.from({ length: 50 }, () => injector.lockFault('001000000000000AAA') !== undefined);
    };
    expect(draws(7)).to.deep.equal(draws(7));
    expect(draws(7)).to.not.deep.equal(draws(8));
    expect(draws(7).filter(Boolean).length).to.be.within(5, 25);
  });

  describe('over HTTP', () => {
    let org: EmulatedOrg & { call: Call };
    beforeEach(async () => {
      org = await startTestOrg();
    });
    afterEach(async () => {
      await org.stop();
    });

    const setFaults = (spec: string) => org.call('POST', '/__emulator/faults', { spec }, { token: null });

    it('fails records with UNABLE_TO_LOCK_ROW', async () => {
      const id = org.org.seedTarget.insert('Account', { Name: 'A' });
      await setFaults('lock=1');
      const res = await org.call('PATCH', `${V}/composite/sobjects`, { records: [{ attributes: { type: 'Account' }, id, Name: 'B' }] });
      expect(res.body[0].errors).to.deep.equal([
        { statusCode: 'UNABLE_TO_LOCK_ROW', message: `unable to obtain exclusive access to this record or 1 records: ${id}`, fields: [] },
      ]);
    });

    it('answers 503 at the configured rate', async () => {
      await setFaults('http503=1');
      const res = await org.call('GET', `${V}/limits`);
      expect(res.status).to.equal(503);
      expect(res.headers.get('content-type')).to.match(/text\/html/);
    });

    it('exhausts the daily API limit after N calls', async () => {
      await setFaults('dailyLimitAfter=2');
      expect((await org.call('GET', `${V}/limits`)).body.DailyApiRequests).to.deep.equal({ Max: 2, Remaining: 1 });
      expect((await org.call('GET', `${V}/limits`)).status).to.equal(200);
      expect(await org.call('GET', `${V}/limits`)).to.deep.include({
        status: 403,
        body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }],
      });
    });

    it('expires the session after N calls', async () => {
      await setFaults('sessionExpireAfter=1');
      expect((await org.call('GET', `${V}/limits`)).status).to.equal(200);
      expect(await org.call('GET', `${V}/limits`)).to.deep.include({
        status: 401,
        body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
      });
    });

    it('rejects a bad spec with 400', async () => {
      const res = await setFaults('lock=maybe');
      expect(res.status).to.equal(400);
      expect(res.body[0].message).to.match(/lock must be a probability/);
    });
  });
});
