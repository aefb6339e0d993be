import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Environment for a child process that must not touch the user's own sf state: a fresh HOME (auth files,
 * aliases, config), the file keychain instead of the OS one, a journal folder of its own, no update checks.
 */
export function sandboxEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv & { HOME: string } {
  const home = mkdtempSync(join(tmpdir(), 'isync-home-'));
  return {
    ...process.env,
    HOME: home,
    USERPROFILE: home,
    SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
    SFDX_USE_GENERIC_UNIX_KEYCHAIN: 'true',
    SF_DISABLE_TELEMETRY: 'true',
    // @oclif/plugin-update's init hook reads `<BIN>_DISABLE_AUTOUPDATE` (scopedEnvVarTrue('DISABLE_AUTOUPDATE')):
    // without it every sf run spawns `sf update --autoupdate`, which outlives the test.
    SF_DISABLE_AUTOUPDATE: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
    SF_ISYNC_JOURNAL_DIR: join(home, 'isync-runs'),
    FORCE_COLOR: '0',
    ...extra,
  };
}
