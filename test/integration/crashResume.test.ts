import { crashAndResume, crashRollback, INSERT_ONLY_OBJECT, type KillPoint } from '../chaos/crashResume.js';

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
