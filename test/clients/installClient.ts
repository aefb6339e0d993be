import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Installs a pinned npm package (a client nobody on this project wrote: the real `sf` CLI, SFDMU) into a cache
 * folder outside the repo, once per machine, and returns its folder. It is not a dependency of the plugin:
 * these clients only prove the emulator. `ISYNC_CLIENTS_CACHE` moves the cache.
 */
export async function installClient(name: string, version: string): Promise<string> {
  const root = process.env.ISYNC_CLIENTS_CACHE ?? join(homedir(), '.cache', 'sf-isync-clients');
  const dir = join(root, `${name.replace(/[@/]/g, '_')}-${version}`);
  const marker = join(dir, '.installed');
  if (existsSync(marker)) return dir;
  // Installed in a staging folder and renamed into place when complete: a run that is interrupted, or a
  // second test run installing at the same moment, never sees (or leaves) a half-installed client.
  mkdirSync(root, { recursive: true });
  const staging = mkdtempSync(`${dir}.installing-`);
  try {
    // A package.json of its own keeps npm from walking up into another project.
    writeFileSync(join(staging, 'package.json'), JSON.stringify({ name: 'isync-test-client', private: true }));
    await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `${name}@${version}`], {
      cwd: staging,
      maxBuffer: 64 * 1024 * 1024,
      timeout: 10 * 60 * 1000,
    });
    writeFileSync(join(staging, '.installed'), new Date().toISOString());
    moveIntoPlace(staging, dir, marker);
    return dir;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Renames a finished install to its final folder, unless another run's finished install is already there. */
function moveIntoPlace(staging: string, dir: string, marker: string): void {
  try {
    renameSync(staging, dir);
    return;
  } catch (e) {
    if (existsSync(marker)) return; // another run won the race: its install is complete
    if (!existsSync(dir)) throw e;
  }
  // A folder without a marker: what an interrupted install of an older version of this helper left behind.
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
}

/** The Node 22 binary the project pins (npm scripts put it first on PATH). */
export function projectNode(): string {
  return process.execPath;
}
