/**
 * Runs the benchmark: for each size, each tool in turn on a fresh pair of orgs with the same data, measured
 * (wall time, peak RSS, API calls by kind) and verified (the target holds what the source holds).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CHANGED_FIELD } from './delta/changePlan.js';
import { inexactCounts } from './delta/deltaFigures.js';
import { compareRecords, recordMismatches } from './delta/verifyRecords.js';
import { MILLION, type BenchOptions, type ToolName } from './options.js';
import { callsOf, resetStats, startBenchOrgs, type OrgCalls } from './orgs.js';
import type { RunPhases, SizeResult, ToolResult } from './results.js';
import { nextSizeSkip } from './skipPolicy.js';
import type { BenchTemplate } from './template.js';
import { minimumCalls } from './theory.js';
import { isyncHistoryTool, isyncMaskedTool, isyncTool } from './tools/isync.js';
import { isyncDeltaTool } from './tools/isyncDelta.js';
import { sfdmuTool } from './tools/sfdmu.js';
import type { BenchTool } from './tools/tool.js';
import { verifyTarget, type Verification } from './verify.js';

const TOOLS: Record<ToolName, BenchTool> = {
  isync: isyncTool,
  sfdmu: sfdmuTool,
  'isync-history': isyncHistoryTool,
  'isync-delta': isyncDeltaTool,
  'isync-masked': isyncMaskedTool,
};

const log = (line: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
};

type Measured = { result: ToolResult; verification: Verification };

async function runTool(tool: ToolName, records: number, options: BenchOptions, template: BenchTemplate, logDir: string): Promise<Measured> {
  log(`${tool} @ ${records}: seeding the orgs`);
  const orgs = await startBenchOrgs(records, options.seed, options.model, TOOLS[tool].sourceSeedAgeDays);
  try {
    const logPrefix = join(logDir, `${tool}-${records}`);
    const start = await TOOLS[tool].prepare(orgs, template, { logPrefix, records, seed: options.seed });
    await Promise.all([resetStats(orgs.source), resetStats(orgs.target)]);
    log(`${tool} @ ${records}: running`);
    const outcome = await start();
    const [source, target] = await Promise.all([callsOf(orgs.source), callsOf(orgs.target)]);
    const verification = await verifyTarget(orgs.source, orgs.target, template.objects);
    if (TOOLS[tool].comparesRecords) {
      const diffs = await compareRecords(orgs.source, orgs.target, template.objects, new Map(Object.entries(CHANGED_FIELD)));
      verification.mismatches.push(...recordMismatches(diffs));
    }
    // A delta that wrote more or less than the edits is wrong even when the orgs end up equal.
    for (const wrong of outcome.deltaSync ? inexactCounts(outcome.deltaSync) : []) {
      verification.mismatches.push({ object: 'delta', what: `${wrong.total} (edits/delta)`, source: wrong.expected, target: wrong.actual });
    }
    const moved = Object.values(verification.expected).reduce((a, b) => a + b, 0);
    const result: ToolResult = {
      tool,
      records,
      exitCode: outcome.code,
      timedOut: outcome.timedOut,
      wallMs: Math.round(outcome.wallMs),
      peakRssBytes: outcome.peakRssBytes,
      recordsPerSecond: Math.round(moved / (outcome.wallMs / 1000)),
      calls: { source, target, total: source.total + target.total },
      summary: outcome.summary,
      mismatches: verification.mismatches,
      logPrefix,
      ...(outcome.deltaSync ? { deltaSync: outcome.deltaSync } : {}),
      phases: phasesOf(outcome.startedAt, outcome.wallMs, source, target),
    };
    log(`${tool} @ ${records}: ${(outcome.wallMs / 1000).toFixed(1)} s, exit ${outcome.code}, ${outcome.summary}`);
    for (const mismatch of verification.mismatches) {
      log(`MISMATCH ${tool} @ ${records}: ${mismatch.object} ${mismatch.what}: source ${mismatch.source}, target ${mismatch.target}`);
    }
    return { result, verification };
  } finally {
    await orgs.stop();
    rmSync(orgs.env.HOME, { recursive: true, force: true });
  }
}

/** When, from the process's spawn, it first reached an org, first wrote, last had a write answered, and exited. */
function phasesOf(startedAt: number, wallMs: number, source: OrgCalls, target: OrgCalls): RunPhases {
  const since = (at: number | null | undefined): number | null => (at === null || at === undefined ? null : at - startedAt);
  const first = [source.firstRequestAt, target.firstRequestAt].filter((at): at is number => typeof at === 'number');
  return {
    firstRequestMs: first.length > 0 ? since(Math.min(...first)) : null,
    firstWriteMs: since(target.firstWriteAt),
    lastWriteMs: since(target.lastWriteAnsweredAt),
    exitMs: Math.round(wallMs),
  };
}

export async function runSize(
  records: number,
  tools: ToolName[],
  options: BenchOptions,
  template: BenchTemplate,
  logDir: string,
  skips: Map<ToolName, string>
): Promise<SizeResult> {
  const results: ToolResult[] = [];
  let expected: Record<string, number> = {};
  for (const tool of tools) {
    const skipped = skips.get(tool);
    if (skipped) {
      log(`${tool} @ ${records}: skipped (${skipped})`);
      results.push({ tool, records, skipped });
      continue;
    }
    // One tool at a time: they would otherwise share the 2 cores and the orgs' concurrency cap.
    const { result, verification } = await runTool(tool, records, options, template, logDir);
    expected = verification.expected;
    results.push(result);
  }
  const recordsToMove = Object.values(expected).reduce((a, b) => a + b, 0);
  return { records, recordsToMove, expectedByObject: expected, minimumCalls: minimumCalls(expected), tools: results };
}

export async function runBench(options: BenchOptions, template: BenchTemplate, logDir: string): Promise<{ sizes: SizeResult[]; million?: SizeResult }> {
  mkdirSync(logDir, { recursive: true });
  const sizes = [...options.sizes].sort((a, b) => a - b);
  const skips = new Map<ToolName, string>();
  const results: SizeResult[] = [];
  for (const [index, records] of sizes.entries()) {
    const size = await runSize(records, options.tools, options, template, logDir, skips);
    results.push(size);
    const next = sizes[index + 1];
    for (const result of size.tools) {
      const skip = next === undefined ? undefined : nextSizeSkip(result, next, options.maxToolMinutes);
      if (skip && !skips.has(result.tool)) skips.set(result.tool, skip);
    }
  }
  const million = options.million ? await runSize(MILLION, ['isync'], options, template, logDir, new Map()) : undefined;
  return { sizes: results, million };
}
