/**
 * `isync-delta`: sync types at scale (issue 21). On one pair of orgs, the source's data a day old, while
 * preparing: a first `--sync-type delta --include-deleted` (no earlier sync: it reads in full, the "full"
 * figure), the same again with nothing changed, then 1% of the source records changed and 0.1% deleted
 * (delta/sourceEdits.ts). The measured run is the delta after those edits; all three runs are reported.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { callsOf, resetStats, type BenchOrgs } from '../orgs.js';
import { fixedStartOf, type ObjectRead, type PhaseFigures } from '../delta/deltaFigures.js';
import { CHANGED_FIELD } from '../delta/changePlan.js';
import { editSource } from '../delta/sourceEdits.js';
import { compareRecords } from '../delta/verifyRecords.js';
import { execute } from './isync.js';
import type { BenchTool, ToolOutcome } from './tool.js';

/** Every run of this tool: a delta that also carries the source's deletions over. */
const DELTA_FLAGS = ['--sync-type', 'delta', '--include-deleted'];

/** Older than the delta's 10-minute safety margin, so a delta does not read the seeded records as new. */
const SEED_AGE_DAYS = 1;

type ExecuteJson = { result?: { totals?: Record<string, number>; sync?: { objects?: ObjectRead[] } } };

function readJson(stdoutFile: string): ExecuteJson {
  try {
    return JSON.parse(readFileSync(stdoutFile, 'utf8')) as ExecuteJson;
  } catch {
    return {};
  }
}

/**
 * The bench template matched history first, then by its keys: how a template that keeps two orgs in step is best
 * written (README, "Sync types"). The first run's id map finds every record again whatever its key does: the
 * bench data has Carriers that share their key (name and SCAC code), which a key alone finds ambiguous.
 */
function historyFirstTemplate(path: string, copy: string): string {
  const template = JSON.parse(readFileSync(path, 'utf8')) as { $schema?: string; objects: Array<{ matchBy?: string | string[] | false }> };
  delete template.$schema;
  for (const object of template.objects) {
    if (object.matchBy === undefined || object.matchBy === false) continue;
    object.matchBy = ['history', ...(Array.isArray(object.matchBy) ? object.matchBy : [object.matchBy])];
  }
  writeFileSync(copy, JSON.stringify(template, null, 2));
  return copy;
}

/** Runs one sync with the orgs' counters reset before it, and reads what it cost and said. */
async function measurePhase(orgs: BenchOrgs, run: () => Promise<ToolOutcome>, logPrefix: string): Promise<{ outcome: ToolOutcome; phase: PhaseFigures }> {
  await Promise.all([resetStats(orgs.source), resetStats(orgs.target)]);
  const outcome = await run();
  const [source, target] = await Promise.all([callsOf(orgs.source), callsOf(orgs.target)]);
  const json = readJson(`${logPrefix}.stdout`).result;
  const phase: PhaseFigures = {
    exitCode: outcome.code,
    wallMs: Math.round(outcome.wallMs),
    fixedStartMs: fixedStartOf(outcome.startedAt, [source.firstRequestAt, target.firstRequestAt]),
    calls: { source, target, total: source.total + target.total },
    totals: json?.totals ?? {},
    objects: (json?.sync?.objects ?? []).map(({ object, since, reason }) => ({ object, since, reason })),
  };
  return { outcome, phase };
}

async function syncOnce(
  orgs: BenchOrgs,
  templatePath: string,
  journalPrefix: string,
  logPrefix: string
): Promise<{ outcome: ToolOutcome; phase: PhaseFigures }> {
  const measured = await measurePhase(orgs, execute(orgs, templatePath, journalPrefix, logPrefix, DELTA_FLAGS), logPrefix);
  if (measured.outcome.code !== 0) throw new Error(`${logPrefix}: the sync failed (exit ${measured.outcome.code}): ${measured.outcome.summary}`);
  return measured;
}

export const isyncDeltaTool: BenchTool = {
  name: 'isync-delta',
  sourceSeedAgeDays: SEED_AGE_DAYS,
  comparesRecords: true,
  prepare: async (orgs, template, files) => {
    // One journal folder for the three runs: each delta finds the last sync dates in the runs before it.
    const journal = files.logPrefix;
    const templatePath = historyFirstTemplate(template.path, `${files.logPrefix}.template.json`);
    const full = await syncOnce(orgs, templatePath, journal, `${files.logPrefix}.full`);
    const unchanged = await syncOnce(orgs, templatePath, journal, `${files.logPrefix}.unchanged`);
    const edits = await editSource(orgs.source, template.objects, files.records, files.seed);
    // Before the delta, the orgs differ by exactly the edits: proof that they happened and that the comparison
    // run after the delta would see them, had the delta missed any.
    const before = await compareRecords(orgs.source, orgs.target, template.objects, new Map(Object.entries(CHANGED_FIELD)));
    const differencesBefore = {
      onlyInSource: before.reduce((sum, diff) => sum + diff.onlyInSource, 0),
      onlyInTarget: before.reduce((sum, diff) => sum + diff.onlyInTarget, 0),
    };
    return async () => {
      const delta = await measurePhase(orgs, execute(orgs, templatePath, journal, files.logPrefix, DELTA_FLAGS), files.logPrefix);
      return { ...delta.outcome, deltaSync: { full: full.phase, unchanged: unchanged.phase, delta: delta.phase, edits, differencesBefore } };
    };
  },
};
