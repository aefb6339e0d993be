/**
 * The demo's crash-safety part: a sync into a slow target is killed with SIGKILL (its whole process group)
 * while batches are in flight, resumed, reported and rolled back; the target ends exactly as it was.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { EmulatedOrg } from '@sf-isync/org-emulator';
import { REPO_ROOT } from '../harness/runPlugin.js';

/** Records in the target, all objects. */
function recordsIn(org: EmulatedOrg): number {
  return org.org.schema.allObjects().reduce((sum, object) => sum + org.org.count(object.name), 0);
}

/** Runs `sf isync execute` and kills its process group once the target has committed `after` records. */
function killedSync(args: string[], env: NodeJS.ProcessEnv, target: EmulatedOrg, after: number): Promise<void> {
  console.log(`\n$ sf ${args.join(' ')}   # killed with SIGKILL once the target has ${after} new records`);
  const start = recordsIn(target);
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'run.js'), ...args], { env, cwd: REPO_ROOT, stdio: 'ignore', detached: true });
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (recordsIn(target) - start < after) return;
      clearInterval(timer);
      process.kill(-child.pid!, 'SIGKILL');
    }, 2);
    child.on('exit', () => {
      clearInterval(timer);
      resolve();
    });
  });
}

export async function crashDemo(
  sf: (args: string[], env: NodeJS.ProcessEnv) => Promise<number>,
  env: NodeJS.ProcessEnv,
  target: EmulatedOrg,
  orgs: string[]
): Promise<number> {
  console.log('\nCrash safety: the same sync into a slow target (40 ms a request, 8 ms a record), killed mid-way.');
  const before = recordsIn(target);
  await killedSync(['isync', 'execute', ...orgs], env, target, 120);
  console.log(`Killed: the target holds ${recordsIn(target) - before} of the run's records, some batches were in flight.`);
  const resumed = await sf(['isync', 'execute', '--resume'], env);
  await sf(['isync', 'report'], env);
  const rolledBack = await sf(['isync', 'rollback'], env);
  const after = recordsIn(target);
  console.log(`\nAfter rollback: ${after} records in the target, as before the run (${before}).`);
  return resumed !== 0 || rolledBack !== 0 || after !== before ? 1 : 0;
}
