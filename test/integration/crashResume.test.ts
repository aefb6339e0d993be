import { crashAndResume, crashRollback, INSERT_ONLY_OBJECT, type KillPoint } from '../chaos/crashResume.js';
import { killResumeRollback, LIFECYCLE_RECORDS, type LifecyclePoint } from '../chaos/runLifecycle.js';

/** A few kill points run in CI; `npm run chaos` runs many more (test/chaos/chaos.ts). */
const CI_POINTS: KillPoint[] = [
  { name: 'while scanning, before any write', afterRecords: 0, afterQueries: 40 },
  { name: 'in the middle of the inserts', afterRecords: 120 },
  { name: 'during the deferred-lookup update pass', afterRecords: 0, afterUpdates: 1 },
  // Task is insert-only in the crash template: killed once its batch is committed, before the answer arrives.
  { name: "while the insert-only object's batch is answered", afterRecords: 0, afterObjectRecords: { object: INSERT_ONLY_OBJECT, count: 1, perRecordMs: 40 } },
];

describe('crash safety: SIGKILL at any moment, then execute --resume', function () {
  this.timeout(240_000);
  for (const point of CI_POINTS) {
    it(`leaves every record exactly once with correct lookups when killed ${point.name}`, async () => {
      await crashAndResume(point);
    });
  }

  it('finishes a rollback killed part way when it is run again', async () => {
    await crashRollback(60);
  });
});

/** Two chains of the many `npm run chaos` runs (test/chaos/chaos.ts), on the bench data with batches in flight. */
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
    name: 'Case and Task matched by history: execute killed (2,500 records), resume killed (1,000 more), rollback',
    stopExecute: { kill: 2500 },
    killResumeAfter: 1000,
    history: true,
  },
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
