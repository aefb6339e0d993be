/**
 * `npm run chaos`: the crash test at many kill points (CI runs three, in test/integration/crashResume.test.ts).
 * Each point starts fresh emulated orgs, kills `sf isync execute` with SIGKILL once the target has committed
 * that many records (or, for `u…`, that many deferred updates), resumes, and checks every record exactly once
 * with the right lookups. Exits non-zero if any point fails.
 */
import { crashAndResume, crashRollback, INSERT_ONLY_OBJECT, type KillPoint } from '../test/chaos/crashResume.js';

const points: KillPoint[] = [
  ...[10, 30, 60, 100].map((afterQueries) => ({ name: `after ${afterQueries} reads`, afterRecords: 0, afterQueries })),
  ...[1, 20, 50, 80, 120, 160, 200, 240, 280, 320, 350].map((afterRecords) => ({ name: `after ${afterRecords} records`, afterRecords })),
  ...[1, 5, 10].map((afterUpdates) => ({ name: `after ${afterUpdates} deferred updates`, afterRecords: 0, afterUpdates })),
  // The insert-only object has no key: what got in is found by creator, creation time and values.
  ...[1, 20, 60].map((count) => ({
    name: `after ${count} ${INSERT_ONLY_OBJECT} records (insert-only)`,
    afterRecords: 0,
    afterObjectRecords: { object: INSERT_ONLY_OBJECT, count, perRecordMs: 40 },
  })),
];

let failed = 0;
for (const point of points) {
  const started = Date.now();
  try {
    await crashAndResume(point);
    console.log(`ok    killed ${point.name} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  } catch (error) {
    failed++;
    console.log(`FAIL  killed ${point.name}: ${error instanceof Error ? error.message.split('\n').slice(0, 8).join('\n      ') : String(error)}`);
  }
}
const rollbackPoints = [1, 40, 120, 250];
for (const afterDeletes of rollbackPoints) {
  try {
    await crashRollback(afterDeletes);
    console.log(`ok    rollback killed after ${afterDeletes} deletes`);
  } catch (error) {
    failed++;
    console.log(`FAIL  rollback killed after ${afterDeletes} deletes: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}
const total = points.length + rollbackPoints.length;
console.log(`${total - failed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
