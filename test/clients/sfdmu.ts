import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmulatedOrg } from '@sf-isync/org-emulator';
import { sandboxEnv } from '../../harness/sandboxHome.js';
import { installClient } from './installClient.js';

export const SFDMU_VERSION = '3.7.19';

/** One `objects` entry of SFDMU's export.json (only the keys these tests use). */
export type SfdmuObject = { query: string; operation: 'Insert' | 'Upsert' | 'Update'; externalId: string };

export type SfdmuRun = { code: number; stdout: string; stderr: string };

/**
 * SFDMU 3.7.19 has no bin: it is an sfdx plugin command class. The launcher loads that class, gives it the
 * static `plugin` and `id` an sfdx host would, and runs it; SFDMU ends with `process.exit`, hence a child
 * process. `process.argv` of `node -e` holds the extra arguments from index 1.
 */
const LAUNCHER = [
  'const root = process.argv[1];',
  "const Run = require(root + '/lib/commands/sfdmu/run').default;",
  "Run.plugin = { root, name: 'sfdmu' };",
  "Run.id = 'sfdmu:run';",
  'Run.run(process.argv.slice(2), root);',
].join('\n');

function orgEntry(name: string, org: EmulatedOrg): { name: string; instanceUrl: string; accessToken: string } {
  return { name, instanceUrl: org.instanceUrl, accessToken: org.accessToken };
}

/**
 * Runs SFDMU org to org: an export.json naming both emulated orgs by instance URL and token (no sf auth
 * needed), in a fresh folder with a sandbox HOME, both removed afterwards (the output holds SFDMU's whole
 * log). `bulkThreshold` is the record count from which SFDMU switches from sObject collections to Bulk API
 * 2.0; polling at 200 ms keeps its jobs from waiting 5 s.
 */
export async function runSfdmu(source: EmulatedOrg, target: EmulatedOrg, objects: SfdmuObject[], bulkThreshold: number): Promise<SfdmuRun> {
  const packageRoot = join(await installClient('sfdmu', SFDMU_VERSION), 'node_modules', 'sfdmu');
  const folder = mkdtempSync(join(tmpdir(), 'isync-sfdmu-'));
  const plan = {
    orgs: [orgEntry('source', source), orgEntry('target', target)],
    pollingIntervalMs: 200,
    bulkThreshold,
    objects,
  };
  writeFileSync(join(folder, 'export.json'), JSON.stringify(plan, null, 2));
  const args = [packageRoot, '--sourceusername', 'source', '--targetusername', 'target', '--path', folder, '--noprompt', '--nowarnings'];
  const env = sandboxEnv();
  return new Promise((resolve) => {
    execFile(process.execPath, ['-e', LAUNCHER, ...args], { env, cwd: folder, timeout: 240_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      rmSync(folder, { recursive: true, force: true });
      rmSync(env.HOME, { recursive: true, force: true });
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}
