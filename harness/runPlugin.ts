import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export type PluginRun = { code: number; stdout: string; stderr: string };

/**
 * Runs the built plugin (`bin/run.js`, as `sf` would load it; `npm test` builds first) in a child process
 * with the given environment, as a user would, and returns its exit code and output.
 */
export function runPlugin(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<PluginRun> {
  return runNode([join(REPO_ROOT, 'bin', 'run.js'), ...args], env, timeoutMs);
}

/** Runs a TypeScript file of the repo through tsx (test helpers such as loginEmulatedOrg). */
export function runTs(file: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<PluginRun> {
  return runNode(['--import', 'tsx', join(REPO_ROOT, file), ...args], env, timeoutMs);
}

function runNode(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<PluginRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { env, cwd: REPO_ROOT, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The `--json` output of a run (sf prints one JSON document on stdout). */
export function jsonOf<T>(run: PluginRun): { status: number; result: T; name?: string; message?: string; actions?: string[] } {
  try {
    return JSON.parse(run.stdout) as { status: number; result: T };
  } catch {
    throw new Error(`not JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
}

/**
 * Starts the plugin without waiting for it: the caller can kill it (crash tests) and await `done`. It runs in
 * a process group of its own, and `kill` signals the whole group, as a terminal's kill of a job (or a CI
 * runner's timeout) does: whatever the command started dies with it.
 */
export function spawnPlugin(args: string[], env: NodeJS.ProcessEnv): { pid: number; kill(signal: NodeJS.Signals): void; done: Promise<PluginRun> } {
  let stdout = '';
  let stderr = '';
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'run.js'), ...args], { env, cwd: REPO_ROOT, detached: true });
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<PluginRun>((resolve) => child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 137 : 1), stdout, stderr })));
  const kill = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // The group is gone already: the command ended by itself.
    }
  };
  return { pid: child.pid ?? -1, kill, done };
}
