import { expect } from 'chai';
import { BenchUsageError, DEFAULT_MODEL, DEFAULT_SIZES, parseBenchOptions } from './options.js';

describe('bench: options', () => {
  it('defaults to both tools at 1,000 / 10,000 / 100,000 records under the documented model, no million run', () => {
    const options = parseBenchOptions([]);
    expect(options.sizes).to.deep.equal(DEFAULT_SIZES);
    expect(options.tools).to.deep.equal(['isync', 'sfdmu']);
    expect(options.million).to.equal(false);
    expect(options.model).to.deep.equal({ latencyMs: 50, perRecordMs: 1, maxConcurrent: 25 });
    expect(DEFAULT_MODEL).to.deep.equal(options.model);
  });

  it('reads sizes, tools, the million run and the cost model', () => {
    const options = parseBenchOptions(
      ['--sizes', '1000,10_000', '--tools', 'isync', '--million', '--latency-ms', '20', '--per-record-ms', '0.5', '--max-concurrent', '10'].concat([
        '--seed',
        '3',
      ])
    );
    expect(options.sizes).to.deep.equal([1000, 10_000]);
    expect(options.tools).to.deep.equal(['isync']);
    expect(options.million).to.equal(true);
    expect(options.model).to.deep.equal({ latencyMs: 20, perRecordMs: 0.5, maxConcurrent: 10 });
    expect(options.seed).to.equal(3);
  });

  for (const [args, message] of [
    [['--tools', 'isync,dataloader'], 'unknown tool "dataloader"'],
    [['--sizes', '1000,abc'], '--sizes: "abc" is not a whole number'],
    [['--sizes', '0'], '--sizes: "0" is not a whole number >= 1'],
    [['--latency-ms=-5'], '--latency-ms: "-5" is not a number >= 0'],
    [['--records', '5'], "Unknown option '--records'"],
  ] as const) {
    it(`refuses ${args.join(' ')} with the usage`, () => {
      expect(() => parseBenchOptions([...args]))
        .to.throw(BenchUsageError, message)
        .with.property('message')
        .that.contains('usage: npm run bench');
    });
  }

  it('--grid runs isync alone unless SFDMU is asked for, and refuses the options it sets itself', () => {
    expect(parseBenchOptions(['--grid']))
      .to.include({ grid: true })
      .and.to.have.property('tools')
      .that.deep.equals(['isync']);
    expect(parseBenchOptions(['--grid', '--tools', 'isync,sfdmu']).tools).to.deep.equal(['isync', 'sfdmu']);
    expect(() => parseBenchOptions(['--grid', '--sizes', '1000'])).to.throw(BenchUsageError, '--grid sets the sizes and cost models itself: leave out --sizes');
    expect(() => parseBenchOptions(['--grid', '--latency-ms', '20'])).to.throw(BenchUsageError, '--latency-ms');
    expect(() => parseBenchOptions(['--grid', '--tools', 'isync-delta'])).to.throw(BenchUsageError, '--grid runs isync');
  });
});
