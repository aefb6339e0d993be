import { expect } from 'chai';
import { AdaptiveConcurrency } from '../../../src/lib/api/adaptiveConcurrency.js';

const refusal = Object.assign(new Error('ConcurrentRequests limit exceeded'), { errorCode: 'REQUEST_LIMIT_EXCEEDED' });
const isRefusal = (error: unknown): boolean => error === refusal;
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('AdaptiveConcurrency', () => {
  it('never runs more calls at once than its current limit', async () => {
    const gate = new AdaptiveConcurrency(3);
    let running = 0;
    let peak = 0;
    const call = async (): Promise<void> => {
      running++;
      peak = Math.max(peak, running);
      await tick();
      running--;
    };
    await Promise.all(Array.from({ length: 20 }, () => gate.run(call, isRefusal)));
    expect(peak).to.equal(3);
  });

  it('halves once for a burst of refusals from requests sent together, then grows back to its maximum', async () => {
    const gate = new AdaptiveConcurrency(8);
    const refused = Array.from({ length: 8 }, () => gate.run(() => Promise.reject(refusal), isRefusal).catch(() => 'refused'));
    expect(await Promise.all(refused)).to.deep.equal(Array(8).fill('refused'));
    // Eight refusals of one burst: one halving, not eight (which would leave a single slot).
    expect(gate.current).to.equal(4);
    // Additive increase: one more slot after each round of `current` accepted requests.
    for (let round = 0; round < 10; round++) {
      await Promise.all(Array.from({ length: gate.current }, () => gate.run(() => Promise.resolve(), isRefusal)));
    }
    expect(gate.current).to.equal(8);
  });

  it('halves again for a refusal of a request sent after the last reduction, down to one', async () => {
    const gate = new AdaptiveConcurrency(4);
    for (let i = 0; i < 5; i++) {
      await gate.run(() => Promise.reject(refusal), isRefusal).catch(() => undefined);
    }
    expect(gate.current).to.equal(1);
  });

  it('serves waiting reads before waiting writes', async () => {
    const gate = new AdaptiveConcurrency(1);
    const order: string[] = [];
    let release!: () => void;
    const first = gate.run(() => new Promise<void>((resolve) => (release = resolve)), isRefusal);
    const waiting = [
      gate.run(() => Promise.resolve(order.push('write 1')), isRefusal, 'write'),
      gate.run(() => Promise.resolve(order.push('write 2')), isRefusal, 'write'),
      gate.run(() => Promise.resolve(order.push('read')), isRefusal, 'read'),
    ];
    await tick();
    release();
    await Promise.all([first, ...waiting]);
    expect(order).to.deep.equal(['read', 'write 1', 'write 2']);
  });

  it('lets other errors through without changing the limit', async () => {
    const gate = new AdaptiveConcurrency(4);
    const other = new Error('boom');
    let caught: unknown;
    await gate.run(() => Promise.reject(other), isRefusal).catch((error: unknown) => (caught = error));
    expect(caught).to.equal(other);
    expect(gate.current).to.equal(4);
  });
});
