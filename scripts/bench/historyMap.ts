/**
 * `npm run bench:history [-- --records N]`: what history matching costs at scale, measured on this machine. A
 * run journal of N inserted records (default one million) is written as `execute` writes it, then:
 * - the first load folds the journal into its id map segment and reads it;
 * - a second load reads the segment only (what every later run pays);
 * - the map's memory (RSS and heap growth over the load, after a GC);
 * - N lookups of mapped ids (the cost per record of finding its history).
 * Figures go to the README's "History matching" section.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadHistory } from '../../src/lib/history/loadHistory.js';
import type { RecordEvent } from '../../src/lib/journal/events.js';
import { newRunId } from '../../src/lib/journal/paths.js';
import { RunStore } from '../../src/lib/journal/runStore.js';

const { values } = parseArgs({ options: { records: { type: 'string', default: '1000000' } } });
const records = Number(values.records);
const pair = { sourceOrgId: '00D000000000001AAA', targetOrgId: '00D000000000002AAA' };
const sourceId = (n: number): string => `001${String(n).padStart(12, '0')}AAA`;
const targetId = (n: number): string => `001t${String(n).padStart(11, '0')}AAA`;

const gc = (globalThis as { gc?: () => void }).gc;
const memory = (): { rss: number; heap: number; buffers: number } => {
  gc?.();
  const usage = process.memoryUsage();
  return { rss: usage.rss, heap: usage.heapUsed, buffers: usage.arrayBuffers };
};
const mb = (bytes: number): string => `${bytes < 0 ? '-' : '+'}${(Math.abs(bytes) / 1024 / 1024).toFixed(0)} MB`;
const seconds = (since: bigint): string => `${(Number(process.hrtime.bigint() - since) / 1e9).toFixed(2)} s`;

const root = join(mkdtempSync(join(tmpdir(), 'isync-history-bench-')), 'runs');
try {
  const now = new Date();
  const org = (orgId: string): { orgId: string; username: string; instanceUrl: string } => ({
    orgId,
    username: 'bench@example.com',
    instanceUrl: 'http://127.0.0.1:1',
  });
  const journal = new RunStore(root).create({
    runId: newRunId(now),
    command: 'execute',
    state: 'synced',
    startedAt: now.toISOString(),
    updatedAt: now.toISOString(),
    source: org(pair.sourceOrgId),
    target: org(pair.targetOrgId),
    template: { objects: [], options: {} },
    plan: { steps: [] },
    dryRun: false,
    objects: [],
    attempts: 1,
  });
  for (let start = 0; start < records; start += 10_000) {
    const events: RecordEvent[] = [];
    for (let n = start; n < Math.min(records, start + 10_000); n++) {
      events.push({
        type: 'record',
        batch: `b${start}`,
        object: 'Case',
        operation: 'insert',
        sourceId: sourceId(n),
        targetId: targetId(n),
        ok: true,
        created: true,
      });
    }
    journal.events.append(...events);
  }
  journal.events.close();

  const before = memory();
  let started = process.hrtime.bigint();
  const first = await loadHistory(root, pair);
  console.log(`records: ${records.toLocaleString('en-US')}`);
  console.log(`first load (fold the journal into its segment, then read it): ${seconds(started)}`);
  const loaded = memory();
  const growth = (key: 'rss' | 'heap' | 'buffers'): string => mb(loaded[key] - before[key]);
  console.log(
    `map in memory: packed tables ${growth('buffers')}, heap ${growth('heap')}, RSS ${growth('rss')} (${first.map.size.toLocaleString('en-US')} mappings)`
  );

  started = process.hrtime.bigint();
  const again = await loadHistory(root, pair);
  console.log(`later load (segment only): ${seconds(started)}`);

  started = process.hrtime.bigint();
  let found = 0;
  for (let n = 0; n < records; n++) if (again.map.get(sourceId(n)) !== undefined) found++;
  const perLookup = Number(process.hrtime.bigint() - started) / records;
  console.log(`lookups: ${found.toLocaleString('en-US')} found, ${perLookup.toFixed(0)} ns each`);
  if (found !== records) process.exitCode = 1;
} finally {
  rmSync(join(root, '..'), { recursive: true, force: true });
}
