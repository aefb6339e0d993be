import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository holding this package (packages/org-emulator/test -> three levels up). */
const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * The recorded Salesforce responses (`shared/salesforce-fixtures`) the emulator's behaviour is checked
 * against. CI clones the repository into a fresh folder with `shared/` beside it, so they are looked up
 * beside the clone; `ISYNC_FIXTURES_DIR` overrides, and a clone elsewhere on a workplace machine finds the
 * workplace's copy in /work/shared. (The same lookup as the plugin's test/support/fixtures.ts: the package
 * does not reach into the plugin's test helpers.)
 */
export const FIXTURES_DIR: string = ((): string => {
  const candidates = [process.env.ISYNC_FIXTURES_DIR, join(REPO, '..', 'shared', 'salesforce-fixtures'), '/work/shared/salesforce-fixtures'];
  const found = candidates.find((candidate): candidate is string => Boolean(candidate && existsSync(candidate)));
  if (!found) throw new Error(`Salesforce fixtures not found (looked in ${candidates.filter(Boolean).join(', ')}); set ISYNC_FIXTURES_DIR.`);
  return found;
})();

export function fixturePath(...parts: string[]): string {
  return join(FIXTURES_DIR, ...parts);
}
