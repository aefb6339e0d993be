import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

/**
 * @salesforce/core logs through a pino transport (a worker thread, thread-stream). thread-stream 3 polls for
 * work with a back-off of up to one second, and at exit pino waits synchronously for that worker: every command
 * ended with a stall of up to a second. thread-stream 4 wakes the worker at once (Atomics.waitAsync); the
 * package.json `overrides` pins it under pino. These tests keep that pin from being dropped, and check that
 * log lines still reach the sf log file with it.
 */
describe('the sf log transport (thread-stream under pino)', () => {
  const fromCore = createRequire(createRequire(import.meta.url).resolve('@salesforce/core'));
  const fromPino = createRequire(fromCore.resolve('pino'));

  it('is thread-stream 4 or later', () => {
    const { version } = fromPino('thread-stream/package.json') as { version: string };
    expect(Number(version.split('.')[0]), version).to.be.at.least(4);
  });

  it('still writes the log lines of a command that exits', () => {
    const home = mkdtempSync(join(tmpdir(), 'isync-log-'));
    try {
      const script = [
        "const { Logger } = await import('@salesforce/core');",
        'const logger = await Logger.root();',
        "logger.warn('isync log line');",
        'await new Promise((resolve) => setTimeout(resolve, 50));',
      ].join('\n');
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        // The repository root, where @salesforce/core resolves.
        cwd: fileURLToPath(new URL('../../..', import.meta.url)),
        env: { ...process.env, HOME: home, SF_DISABLE_LOG_FILE: 'false', SFDX_DISABLE_LOG_FILE: 'false', SF_LOG_LEVEL: 'warn' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.status, run.stderr).to.equal(0);
      const logs = readdirSync(join(home, '.sf')).filter((name) => name.endsWith('.log'));
      expect(logs, 'log files').to.have.length(1);
      expect(readFileSync(join(home, '.sf', logs[0]), 'utf8')).to.contain('isync log line');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
