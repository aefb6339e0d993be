import { expect } from 'chai';
import { cellCeiling, minimumCalls, throughputCeiling } from './theory.js';

describe('bench: theory', () => {
  it('counts full query pages (one at least) and 200-record writes per object', () => {
    // 4,500 rows: 3 pages of 2,000 and 23 writes of 200; an empty object still costs its one query.
    expect(minimumCalls({ Account: 4500, Lead: 0 })).to.equal(3 + 23 + 1);
    expect(minimumCalls({ Contact: 200, Case: 201 })).to.equal(1 + 1 + 1 + 2);
  });

  it('puts the ceiling at requests in flight over the cost of a record', () => {
    expect(throughputCeiling({ latencyMs: 50, perRecordMs: 1, maxConcurrent: 25 })).to.equal(25_000);
    expect(throughputCeiling({ latencyMs: 50, perRecordMs: 0.5, maxConcurrent: 10 })).to.equal(20_000);
  });

  it('has no ceiling when records cost nothing or concurrency is unlimited', () => {
    expect(throughputCeiling({ latencyMs: 50, perRecordMs: 0, maxConcurrent: 25 })).to.equal(Number.POSITIVE_INFINITY);
    expect(throughputCeiling({ latencyMs: 50, perRecordMs: 1, maxConcurrent: 0 })).to.equal(Number.POSITIVE_INFINITY);
  });

  it("puts a grid cell's ceiling at the lower of record time and full Composite calls (issue 25)", () => {
    // 25 slots at 1 ms a record: 25 records/ms by record time; a 1,000-record call takes 50 + 1,000 ms: 23.8 records/ms.
    expect(cellCeiling({ latencyMs: 50, perRecordMs: 1, maxConcurrent: 25 })).to.be.closeTo((25 * 1000 * 1000) / 1050, 1e-6);
    // Far away, cheap records: latency rules (5 x 1,000 records per 250 + 500 ms).
    expect(cellCeiling({ latencyMs: 250, perRecordMs: 0.5, maxConcurrent: 5 })).to.be.closeTo((5 * 1000 * 1000) / 750, 1e-6);
    expect(cellCeiling({ latencyMs: 20, perRecordMs: 0, maxConcurrent: 0 })).to.equal(Number.POSITIVE_INFINITY);
  });
});
