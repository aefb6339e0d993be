import { killResumeRollback, LIFECYCLE_RECORDS, type LifecyclePoint } from '../chaos/runLifecycle.js';

/**
 * Three chains of the many `npm run chaos` runs (test/chaos/chaos.ts), on the bench data with batches in flight: a
 * file of their own, so that mocha's two workers share the crash tests. (The chains through history matching and
 * automation control run in `npm run chaos`; history and automation each have integration tests of their own.)
 */
const LIFECYCLE_POINTS: LifecyclePoint[] = [
  {
    name: 'execute killed (1,500 records), torn journal tail, resume killed (1,000 more), rollback killed (300 deletes)',
    stopExecute: { kill: 1500 },
    tornTail: true,
    killResumeAfter: 1000,
    killRollbackAfter: 300,
  },
  { name: 'execute paused by the daily limit (2,000 records), retry killed (1,000 more)', stopExecute: { pauseAt: 2000 }, killRetryAfter: 1000 },
  {
    name: 'delta with deletions: execute killed (100 writes), resume killed (50 more), rollback killed (20 writes)',
    stopExecute: { kill: 100 },
    killResumeAfter: 50,
    killRollbackAfter: 20,
    delta: true,
  },
];

describe(`crash safety: kill -> resume -> rollback on ${LIFECYCLE_RECORDS} records, the target exactly as before`, function () {
  this.timeout(300_000);
  for (const point of LIFECYCLE_POINTS) {
    it(point.name, async () => {
      await killResumeRollback(point);
    });
  }
});
