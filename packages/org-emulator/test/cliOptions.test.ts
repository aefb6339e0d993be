import { expect } from 'chai';
import { parseCliOptions, UsageError } from '../src/cliOptions.js';

describe('emulator CLI flags', () => {
  it('parses every flag', () => {
    const options = parseCliOptions([
      '--port',
      '0',
      '--dataset',
      'bench',
      '--records',
      '1000',
      '--seed',
      '7',
      '--seed-age-days',
      '2',
      '--schema',
      's.json',
      '--latency-ms',
      '5',
      '--per-record-ms',
      '1',
      '--max-concurrent',
      '25',
      '--faults',
      'lock=0.1,seed=3',
      '--edition',
      'sandbox',
      '--username',
      'u@x.test',
    ]);
    expect(options).to.deep.include({
      port: 0,
      dataset: 'bench',
      records: 1000,
      seed: 7,
      seedAgeDays: 2,
      schema: 's.json',
      latencyMs: 5,
      perRecordMs: 1,
      maxConcurrent: 25,
      edition: 'sandbox',
      username: 'u@x.test',
    });
    expect(options.faults).to.include({ lock: 0.1, seed: 3 });
  });

  it('rejects bad flags with a clear message', () => {
    const fails = (argv: string[], message: RegExp) => expect(() => parseCliOptions(argv)).to.throw(UsageError, message);
    fails([], /--port is required/);
    fails(['--port', 'x'], /--port must be an integer/);
    fails(['--port', '0', '--dataset', 'huge'], /--dataset must be one of empty, users, demo, bench/);
    fails(['--port', '0', '--edition', 'free'], /--edition must be developer, production or sandbox/);
    fails(['--port', '0', '--faults', 'lock=7'], /--faults: lock must be a probability/);
    fails(['--port', '0', '--bogus'], /Unknown option '--bogus'/);
  });
});
