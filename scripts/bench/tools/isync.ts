/**
 * `sf isync execute` as a user runs it: the built plugin (`bin/run.js`) in its own Node process, logged in to
 * both orgs under the aliases `src` and `tgt`, with `--json`. Its journal goes next to the run's logs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../harness/runPlugin.js';
import { runMeasured } from '../measure/runMeasured.js';
import type { BenchOrgs } from '../orgs.js';
import type { BenchTool, ToolOutcome } from './tool.js';

/** Longer than any run the benchmark asks for (1,000,000 records included): only a hung run hits it. */
const TIMEOUT_MS = 3 * 60 * 60 * 1000;

type IsyncJson = {
  status?: number;
  message?: string;
  result?: { state?: string; totals?: Record<string, number>; failures?: Array<{ object: string; code: string; count: number }> };
};

/** One line from the `--json` document: the run's state, its totals and the first failures. */
export function summarizeIsyncJson(stdout: string): string {
  let json: IsyncJson;
  try {
    json = JSON.parse(stdout) as IsyncJson;
  } catch {
    return `no JSON on stdout (${stdout.length} bytes)`;
  }
  const result = json.result;
  if (!result?.state) return `error: ${json.message ?? 'no result'}`;
  const totals = Object.entries(result.totals ?? {})
    .map(([key, value]) => `${key} ${value}`)
    .join(', ');
  const failures = (result.failures ?? [])
    .slice(0, 3)
    .map((failure) => `${failure.object} ${failure.code} x${failure.count}`)
    .join('; ');
  return `${result.state}${totals ? ` (${totals})` : ''}${failures ? `; failures: ${failures}` : ''}`;
}

/**
 * One `sf isync execute` of a template between `src` and `tgt`, its journal next to the logs of `journalPrefix`;
 * `flags` are added (`--sync-type delta`...).
 */
export function execute(orgs: BenchOrgs, templatePath: string, journalPrefix: string, logPrefix: string, flags: string[] = []): () => Promise<ToolOutcome> {
  const stdoutFile = `${logPrefix}.stdout`;
  const args = [join(REPO_ROOT, 'bin', 'run.js'), 'isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', templatePath];
  args.push('--journal-dir', `${journalPrefix}.journal`, '--json', ...flags);
  return async (): Promise<ToolOutcome> => {
    const run = await runMeasured({
      command: process.execPath,
      args,
      env: orgs.env,
      cwd: REPO_ROOT,
      stdoutFile,
      stderrFile: `${logPrefix}.stderr`,
      timeoutMs: TIMEOUT_MS,
    });
    return { ...run, summary: summarizeIsyncJson(readFileSync(stdoutFile, 'utf8')) };
  };
}

export const isyncTool: BenchTool = {
  name: 'isync',
  prepare: (orgs, template, files) => Promise.resolve(execute(orgs, template.path, files.logPrefix, files.logPrefix)),
};

/**
 * History matching at scale: the bench template with every object matched by history first (`["history",
 * ...its key]`, or `"history"` for objects on their default key), synced once while preparing (not measured);
 * the measured run is the same sync again: the id map of the first run holds every record, and every record is
 * found through it (one `Id IN (...)` query per page), so nothing is written. (Composite keys that are not
 * unique in the data, OpportunityLineItem's, find two records on a second run; history finds the one each
 * source record was synced to. The keys still resolve what the run does not sync: the standard price book.)
 */
export const isyncHistoryTool: BenchTool = {
  name: 'isync-history',
  prepare: async (orgs, template, files) => {
    const spec = JSON.parse(readFileSync(template.path, 'utf8')) as { objects: Array<{ name: string; matchBy?: string | string[] }> };
    for (const object of spec.objects) object.matchBy = object.matchBy === undefined ? 'history' : ['history', ...[object.matchBy].flat()];
    const path = `${files.logPrefix}.template.json`;
    writeFileSync(path, JSON.stringify(spec, null, 2));
    const first = await execute(orgs, path, files.logPrefix, `${files.logPrefix}.first`)();
    if (first.code !== 0) throw new Error(`the first sync failed (exit ${first.code}): ${first.summary}`);
    return execute(orgs, path, files.logPrefix, files.logPrefix);
  },
};

/** What `isync-masked` masks: the bench data's personal and company data (Account's name is its match key). */
const BENCH_MASKS: Readonly<Record<string, Record<string, string>>> = {
  Account: { Name: 'company', BillingCity: 'city' },
  Contact: { LastName: 'lastName', Email: 'email' },
  Lead: { LastName: 'lastName', Email: 'email', Company: 'company' },
};

/**
 * Masking at scale (issue 23): the bench template with the personal and company data of Account, Contact and
 * Lead masked (`mask`, with a secret in SF_ISYNC_MASK_SECRET); measured against `isync` in the same run.
 */
export const isyncMaskedTool: BenchTool = {
  name: 'isync-masked',
  prepare: (orgs, template, files) => {
    const spec = JSON.parse(readFileSync(template.path, 'utf8')) as { objects: Array<{ name: string; mask?: Record<string, string> }> };
    for (const object of spec.objects) if (BENCH_MASKS[object.name]) object.mask = BENCH_MASKS[object.name];
    const path = `${files.logPrefix}.template.json`;
    writeFileSync(path, JSON.stringify(spec, null, 2));
    return Promise.resolve(execute({ ...orgs, env: { ...orgs.env, SF_ISYNC_MASK_SECRET: 'bench-mask-secret' } }, path, files.logPrefix, files.logPrefix));
  },
};
