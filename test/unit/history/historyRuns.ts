import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JournalEvent, OutcomeEvent, RecordEvent } from '../../../src/lib/journal/events.js';
import { newRunId } from '../../../src/lib/journal/paths.js';
import type { RunMeta } from '../../../src/lib/journal/runMeta.js';
import { RunStore, type RunJournal } from '../../../src/lib/journal/runStore.js';
import type { HistoryPair } from '../../../src/lib/history/historyPaths.js';

export const SOURCE_ORG = '00D000000000001AAA';
export const TARGET_ORG = '00D000000000002AAA';
export const OTHER_ORG = '00D000000000003AAA';
export const PAIR: HistoryPair = { sourceOrgId: SOURCE_ORG, targetOrgId: TARGET_ORG };

/** A source id (18 characters, digits only, so its checksum is AAA) and its 15-character spelling. */
export const sourceId = (n: number): string => `001${String(n).padStart(12, '0')}AAA`;
export const source15 = (n: number): string => sourceId(n).slice(0, 15);
/** A target id: lower-case letters count as digits for the checksum, so it is AAA too. */
export const targetId = (n: number, run = 0): string => `001t${String(run).padStart(3, '0')}${String(n).padStart(8, '0')}AAA`;

/** A fresh journal folder (missing: the first run creates it). */
export function journalFolder(): string {
  return join(mkdtempSync(join(tmpdir(), 'isync-history-')), 'runs');
}

export type RunOptions = { day?: number; command?: RunMeta['command']; dryRun?: boolean; source?: string; target?: string };

/** A run journal as `execute` leaves it, between the pair's orgs unless told; `day` orders runs in time. */
export function createRun(root: string, events: JournalEvent[], options: RunOptions = {}): RunJournal {
  const now = new Date(Date.UTC(2026, 0, options.day ?? 1));
  const org = (orgId: string): RunMeta['source'] => ({ orgId, username: `${orgId}@example.com`, instanceUrl: 'http://127.0.0.1:1' });
  const journal = new RunStore(root).create({
    runId: newRunId(now),
    command: options.command ?? 'execute',
    state: 'synced',
    startedAt: now.toISOString(),
    updatedAt: now.toISOString(),
    source: org(options.source ?? SOURCE_ORG),
    target: org(options.target ?? TARGET_ORG),
    template: { objects: [], options: {} },
    plan: { steps: [] },
    dryRun: options.dryRun ?? false,
    objects: [],
    attempts: 1,
  });
  append(journal, events);
  return journal;
}

export function append(journal: RunJournal, events: JournalEvent[]): void {
  journal.events.append(...events);
  journal.events.close();
}

export function inserted(n: number, run = 0, object = 'Account'): RecordEvent {
  return { type: 'record', batch: `b${run}`, object, operation: 'insert', sourceId: sourceId(n), targetId: targetId(n, run), ok: true, created: true };
}

export function updated(n: number, run = 0, object = 'Account'): RecordEvent {
  return { type: 'record', batch: `u${run}`, object, operation: 'update', sourceId: sourceId(n), targetId: targetId(n, run), ok: true };
}

export function unchanged(n: number, run = 0, object = 'Account'): OutcomeEvent {
  return { type: 'outcome', object, sourceId: sourceId(n), targetId: targetId(n, run), kind: 'unchanged' };
}

export function deleted(n: number, run = 0, ok = true, code = 'UNABLE_TO_LOCK_ROW'): RecordEvent {
  const error = ok ? undefined : { statusCode: code, message: code, fields: [] };
  return { type: 'record', batch: `d${run}`, object: 'Account', operation: 'delete', sourceId: sourceId(n), targetId: targetId(n, run), ok, error };
}

/** Run `n` ids: what a run of these events maps, source 15 -> target 18. */
export function mapped(map: { get(id: string): string | undefined }, ns: number[]): Array<string | undefined> {
  return ns.map((n) => map.get(sourceId(n)));
}

/** The error a promise is rejected with (a test fails when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & { actions?: string[] }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { actions?: string[] };
  }
  throw new Error('expected a rejection');
}
