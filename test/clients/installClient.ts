import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
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
  mkdirSync(dir, { recursive: true });
  // A package.json of its own keeps npm from walking up into another project.
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'isync-test-client', private: true }));
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `${name}@${version}`], {
    cwd: dir,
    maxBuffer: 64 * 1024 * 1024,
    timeout: 10 * 60 * 1000,
  });
  writeFileSync(marker, new Date().toISOString());
  return dir;
}

/** The Node 22 binary the project pins (npm scripts put it first on PATH). */
export function projectNode(): string {
  return process.execPath;
}
