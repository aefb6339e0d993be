import { rmSync } from 'node:fs';
import { sandboxEnv } from '../../harness/sandboxHome.js';

/**
 * Points this process at a temporary HOME (and the file keychain) for an in-process client such as
 * @salesforce/core, and returns the function that restores the previous environment and removes the folder.
 *
 * Why this is enough in a shared mocha process: @salesforce/core resolves its state folders (`~/.sf`,
 * `~/.sfdx`, the generic keychain's key file) from `os.homedir()` on each use, not once at import, and its
 * StateAggregator instances are keyed by that folder, so a module imported earlier by another test file
 * still writes under the new HOME. Callers import @salesforce/core dynamically after this call anyway.
 */
export function useProcessSandboxHome(): { home: string; restore: () => void } {
  const sandbox = sandboxEnv({ SF_DISABLE_LOG_FILE: 'true' });
  const changed = Object.keys(sandbox).filter((key) => process.env[key] !== sandbox[key]);
  const previous = new Map(changed.map((key) => [key, process.env[key]]));
  for (const key of changed) process.env[key] = sandbox[key];
  return {
    home: sandbox.HOME,
    restore: (): void => {
      for (const [key, value] of previous) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      rmSync(sandbox.HOME, { recursive: true, force: true });
    },
  };
}
