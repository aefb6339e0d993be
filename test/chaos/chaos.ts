/**
 * `npm run chaos`: the crash test at many kill points (CI runs a few, in test/integration/crashResume.test.ts).
 * Each point starts fresh emulated orgs, kills `sf isync execute` (its whole process group) with SIGKILL once
 * the target has committed that many records (or, for `u…`, that many deferred updates), resumes, and checks
 * every record exactly once with the right lookups, the report's counts, and a rollback that leaves the target
 * exactly as before. Exits non-zero if any point fails. `npm run chaos -- --only <text>` runs the points whose
 * name contains the text (e.g. `--only automation`).
 */
import { crashAndResume, crashRollback, INSERT_ONLY_OBJECT, type KillPoint } from './crashResume.js';
import { killResumeRollback, type LifecyclePoint } from './runLifecycle.js';

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

const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
const chosen = <T extends { name: string }>(list: T[]): T[] => (only === undefined ? list : list.filter((point) => point.name.includes(only)));

let failed = 0;
for (const point of chosen(points)) {
  const started = Date.now();
  try {
    await crashAndResume(point);
    console.log(`ok    killed ${point.name} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  } catch (error) {
    failed++;
    console.log(`FAIL  killed ${point.name}: ${error instanceof Error ? error.message.split('\n').slice(0, 8).join('\n      ') : String(error)}`);
  }
}
const rollbackPoints = only === undefined ? [1, 40, 120, 250] : [];
for (const afterDeletes of rollbackPoints) {
  try {
    await crashRollback(afterDeletes);
    console.log(`ok    rollback killed after ${afterDeletes} deletes`);
  } catch (error) {
    failed++;
    console.log(`FAIL  rollback killed after ${afterDeletes} deletes: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}
// The whole life of a run on the bench data (5,000 records, batches in flight at every kill): killed,
// resumed (killed again), retried (killed), rolled back (killed): report exact, target exactly as before.
const lifecycle: LifecyclePoint[] = [
  ...[500, 1500, 3000, 4500].map((kill) => ({ name: `execute killed after ${kill} records`, stopExecute: { kill } })),
  { name: 'execute killed after 1500, torn journal tail', stopExecute: { kill: 1500 }, tornTail: true },
  { name: 'execute killed after 800, resume killed after 1500 more', stopExecute: { kill: 800 }, killResumeAfter: 1500 },
  { name: 'execute killed after 2500, rollback killed after 200 deletes', stopExecute: { kill: 2500 }, killRollbackAfter: 200 },
  { name: 'execute paused after 1000, retry killed after 800 more', stopExecute: { pauseAt: 1000 }, killRetryAfter: 800 },
  { name: 'execute paused after 3000, retry to the end', stopExecute: { pauseAt: 3000 } },
  // Case and Task without a key, matched by history: in-doubt inserts found by creator, time and values.
  ...[1000, 3500].map((kill) => ({ name: `history objects: execute killed after ${kill} records`, stopExecute: { kill }, history: true })),
  {
    name: 'history objects: execute killed after 1500, resume killed after 1500 more, rollback killed',
    stopExecute: { kill: 1500 },
    killResumeAfter: 1500,
    killRollbackAfter: 200,
    history: true,
  },
  { name: 'history objects: paused after 2000, retry killed after 800 more', stopExecute: { pauseAt: 2000 }, killRetryAfter: 800, history: true },
  // A delta with deletions: killed among its updates, among its deletions, paused, and with rollback killed.
  ...[30, 150, 280].map((kill) => ({ name: `delta with deletions: execute killed after ${kill} writes`, stopExecute: { kill }, delta: true })),
  { name: 'delta with deletions: paused after 200, retry to the end', stopExecute: { pauseAt: 200 }, delta: true },
  {
    name: 'delta with deletions: killed after 150, resume killed after 50, rollback killed',
    stopExecute: { kill: 150 },
    killResumeAfter: 50,
    killRollbackAfter: 10,
    delta: true,
  },
  // Automation switched off for the run: killed while it is off, resumed (killed again), paused then retried,
  // rolled back (killed): every item back as before after each.
  ...[1, 700, 2500].map((kill) => ({ name: `automation off: execute killed after ${kill} records`, stopExecute: { kill }, automation: true })),
  {
    name: 'automation off: killed after 1000, resume killed after 1000 more, rollback killed',
    stopExecute: { kill: 1000 },
    killResumeAfter: 1000,
    killRollbackAfter: 200,
    automation: true,
  },
  { name: 'automation off: paused after 1500, retry to the end', stopExecute: { pauseAt: 1500 }, automation: true },
  // Masked personal data, a masked match key: the resume finds by the masked key what the killed run wrote.
  ...[600, 2500].map((kill) => ({ name: `masked: execute killed after ${kill} records`, stopExecute: { kill }, masked: true })),
  { name: 'masked: paused after 1500, retry killed after 800 more', stopExecute: { pauseAt: 1500 }, killRetryAfter: 800, masked: true },
  { name: 'automation off: killed before the trigger deploy id came back, automation restore', stopExecute: { killDeploying: true }, automation: true },
];
for (const point of chosen(lifecycle)) {
  const started = Date.now();
  try {
    await killResumeRollback(point);
    console.log(`ok    ${point.name} -> resume -> rollback (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  } catch (error) {
    failed++;
    console.log(`FAIL  ${point.name}: ${error instanceof Error ? error.message.split('\n').slice(0, 8).join('\n      ') : String(error)}`);
  }
}
const total = chosen(points).length + rollbackPoints.length + chosen(lifecycle).length;
console.log(`${total - failed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
