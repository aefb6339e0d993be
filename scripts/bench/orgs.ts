/**
 * The orgs of one benchmark run: a source seeded with the `bench` dataset and a target with the same people
 * (found by username or e-mail, so records keep their owners) and no data, both under the same cost model.
 * Every tool gets a fresh pair from the same seed, so all tools move identical data into an identical empty org.
 */
import type { RemoteOrg } from '@sf-isync/org-emulator';
import { startOrgPairInWorkers, type OrgPair } from '../../harness/emulatedOrgs.js';
import type { CostModel } from './options.js';

export type BenchOrgs = OrgPair<RemoteOrg>;

/** `sourceSeedAgeDays` back-dates the source's seeded records (see the emulator's `seedAgeDays`). */
export async function startBenchOrgs(records: number, seed: number, model: CostModel, sourceSeedAgeDays = 0): Promise<BenchOrgs> {
  // Sandboxes: a daily allowance of 5,000,000 calls (a developer org's 15,000 would stop a 100,000-record
  // run) and no production confirmation prompt.
  const common = { edition: 'sandbox', ...model } as const;
  // Each org on its own thread, as two orgs are two servers: in one event loop, the source's answers to
  // queries would hold up the target's writes and make the model's org slower than asked.
  const source = { ...common, dataset: 'bench', records, seed, ...(sourceSeedAgeDays ? { seedAgeDays: sourceSeedAgeDays } : {}) } as const;
  return startOrgPairInWorkers(source, { ...common, dataset: 'users', seed: seed + 1 });
}

/** `POST /__emulator/reset`: clears the request counters, keeps the data, so the stats are the tool's own. */
export async function resetStats(org: RemoteOrg): Promise<void> {
  const response = await fetch(`${org.instanceUrl}/__emulator/reset`, { method: 'POST' });
  if (!response.ok) throw new Error(`reset of ${org.instanceUrl} failed: ${response.status} ${await response.text()}`);
}

/** What a tool's calls cost one org, by kind, as `GET /__emulator/stats` counts them. */
export type OrgCalls = {
  total: number;
  byKind: Record<string, number>;
  /** When the first request since the last reset arrived (epoch ms), null before any. */
  firstRequestAt?: number | null;
  /** When the first write since the last reset committed, and when the last one was answered (epoch ms). */
  firstWriteAt?: number | null;
  lastWriteAnsweredAt?: number | null;
};

export async function callsOf(org: RemoteOrg): Promise<OrgCalls> {
  const response = await fetch(`${org.instanceUrl}/__emulator/stats`);
  const stats = (await response.json()) as {
    requests: Record<string, number>;
    totalRequests: number;
    firstRequestAt?: number | null;
    firstWriteAt?: number | null;
    lastWriteAnsweredAt?: number | null;
  };
  return {
    total: stats.totalRequests,
    byKind: stats.requests,
    firstRequestAt: stats.firstRequestAt ?? null,
    firstWriteAt: stats.firstWriteAt ?? null,
    lastWriteAnsweredAt: stats.lastWriteAnsweredAt ?? null,
  };
}
