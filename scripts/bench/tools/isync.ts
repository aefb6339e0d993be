/**
 * `sf isync execute` as a user runs it: the built plugin (`bin/run.js`) in its own Node process, logged in to
 * both orgs under the aliases `src` and `tgt`, with `--json`. Its journal goes next to the run's logs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../harness/runPlugin.js';
import { runMeasured } from '../measure/runMeasured.js';
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

export const isyncTool: BenchTool = {
  name: 'isync',
  prepare: (orgs, template, files) => {
    const stdoutFile = `${files.logPrefix}.stdout`;
    const args = [join(REPO_ROOT, 'bin', 'run.js'), 'isync', 'execute', '-s', 'src', '-o', 'tgt', '-t', template.path];
    args.push('--journal-dir', `${files.logPrefix}.journal`, '--json');
    return Promise.resolve(async (): Promise<ToolOutcome> => {
      const run = await runMeasured({
        command: process.execPath,
        args,
        env: orgs.env,
        cwd: REPO_ROOT,
        stdoutFile,
        stderrFile: `${files.logPrefix}.stderr`,
        timeoutMs: TIMEOUT_MS,
      });
      return { ...run, summary: summarizeIsyncJson(readFileSync(stdoutFile, 'utf8')) };
    });
  },
};
