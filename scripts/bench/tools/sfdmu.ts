/**
 * SFDMU 3.7.19 from npm (installed once per machine by test/clients/installClient.ts), org to org: an
 * export.json naming both orgs by instance URL and token, run in its own Node process from a folder of its own.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installClient } from '../../../test/clients/installClient.js';
import { SFDMU_VERSION } from '../../../test/clients/sfdmu.js';
import { sandboxEnv } from '../../../harness/sandboxHome.js';
import { runMeasured } from '../measure/runMeasured.js';
import { sfdmuPlan } from './sfdmuPlan.js';
import type { BenchTool, ToolOutcome } from './tool.js';

const LAUNCHER = join(dirname(fileURLToPath(import.meta.url)), 'sfdmuLauncher.cjs');
const TIMEOUT_MS = 3 * 60 * 60 * 1000;

/** SFDMU's own log file (`<path>/logs/*.log`): unlike its console, it keeps the warnings of failed records. */
function sfdmuLog(folder: string, stdoutFile: string): string {
  const logs = join(folder, 'logs');
  const file = (existsSync(logs) ? readdirSync(logs, { withFileTypes: true }) : []).find((entry) => entry.isFile() && entry.name.endsWith('.log'));
  return readFileSync(file ? join(logs, file.name) : stdoutFile, 'utf8');
}

/**
 * One line from SFDMU's log: whether it says the command succeeded, and its own failure counts (it exits 0
 * even when records failed).
 */
export function summarizeSfdmuLog(stdout: string): string {
  const failed = [...stdout.matchAll(/([1-9]\d*) records failed/g)].map((match) => Number(match[1]));
  const outcome = stdout.includes('Command succeeded.') ? 'Command succeeded.' : (/^.*(?:error|aborted).*$/im.exec(stdout)?.[0]?.trim() ?? 'no success line');
  return failed.length ? `${outcome} Its log reports ${failed.reduce((a, b) => a + b, 0)} failed records.` : outcome;
}

export const sfdmuTool: BenchTool = {
  name: 'sfdmu',
  prepare: async (orgs, template, files) => {
    const packageRoot = join(await installClient('sfdmu', SFDMU_VERSION), 'node_modules', 'sfdmu');
    const folder = `${files.logPrefix}.sfdmu`;
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'export.json'), JSON.stringify(sfdmuPlan(template, orgs.source, orgs.target), null, 2));
    const stdoutFile = `${files.logPrefix}.stdout`;
    const args = [LAUNCHER, packageRoot, '--sourceusername', 'source', '--targetusername', 'target', '--path', folder, '--noprompt'];
    return async (): Promise<ToolOutcome> => {
      // SFDMU needs no sf auth (the orgs are in export.json), but a HOME of its own keeps it off the user's.
      const env = sandboxEnv();
      const run = await runMeasured({
        command: process.execPath,
        args,
        env,
        cwd: folder,
        stdoutFile,
        stderrFile: `${files.logPrefix}.stderr`,
        timeoutMs: TIMEOUT_MS,
      }).finally(() => rmSync(env.HOME, { recursive: true, force: true }));
      return { ...run, summary: summarizeSfdmuLog(sfdmuLog(folder, stdoutFile)) };
    };
  },
};
