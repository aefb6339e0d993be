import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { installClient } from './installClient.js';

export const SF_CLI_VERSION = '2.150.6';

export type SfRun = { code: number; stdout: string; stderr: string };

/** What `--json` prints: `result` on success; `name`/`message` (and `status` > 0) on failure. */
export type SfJson<T> = { status: number; result: T; name?: string; message?: string; warnings?: string[] };

export type SfCli = {
  /** Runs `sf <args>` with the given environment (a sandbox HOME, see support/sandboxHome.ts). */
  run: (args: string[], env: NodeJS.ProcessEnv, cwd?: string) => Promise<SfRun>;
  /** Runs with `--json` and parses stdout; a non-zero status fails with the CLI's own message. */
  json: <T>(args: string[], env: NodeJS.ProcessEnv, cwd?: string) => Promise<T>;
};

/**
 * The real `sf` CLI at a pinned version, installed once per machine by installClient (not a dependency of
 * the plugin), run as the user runs it: `bin/run.js` under this process's Node 22.
 */
export async function installSfCli(): Promise<SfCli> {
  const folder = await installClient('@salesforce/cli', SF_CLI_VERSION);
  const runJs = join(folder, 'node_modules', '@salesforce', 'cli', 'bin', 'run.js');
  const run = (args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<SfRun> =>
    new Promise((resolve) => {
      // Some sf hooks spawn `sf` by name: the CLI's own bin folder first on PATH keeps them on this install.
      const path = `${join(folder, 'node_modules', '.bin')}:${env.PATH ?? ''}`;
      execFile(
        process.execPath,
        [runJs, ...args],
        { env: { ...env, PATH: path }, cwd, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
        }
      );
    });
  const json = async <T>(args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<T> => {
    const outcome = await run([...args, '--json'], env, cwd);
    let parsed: SfJson<T>;
    try {
      parsed = JSON.parse(outcome.stdout) as SfJson<T>;
    } catch {
      throw new Error(`sf ${args.join(' ')}: not JSON (exit ${outcome.code})\n${outcome.stdout}\n${outcome.stderr}`);
    }
    if (parsed.status !== 0) throw new Error(`sf ${args.join(' ')} failed: ${parsed.name ?? ''} ${parsed.message ?? ''}\n${outcome.stdout}`);
    return parsed.result;
  };
  return { run, json };
}
