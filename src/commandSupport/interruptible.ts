import type { RunGuards } from '../lib/run/runGuards.js';

/**
 * Runs `work` with Ctrl-C wired to the run's guards: the first SIGINT stops the run before its next request
 * (batches in flight finish and are journaled, the run ends `aborted`); a second one is Node's default, which
 * ends the process (the journal makes that resumable too). One place for every command that writes.
 */
export async function interruptible<T>(guards: RunGuards, work: () => Promise<T>): Promise<T> {
  const onInterrupt = (): void => guards.interrupt();
  process.once('SIGINT', onInterrupt);
  try {
    return await work();
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}
