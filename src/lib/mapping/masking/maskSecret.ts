import { randomBytes } from 'node:crypto';

/** The environment variable holding the masking secret (never written to the journal, logs or reports). */
export const MASK_SECRET_ENV = 'SF_ISYNC_MASK_SECRET';

/**
 * The masking secret from the environment, or undefined when it is absent or blank. Without it, masking a
 * match key is refused: the masked key must be the same in every run, or a re-run would not find the records
 * it wrote and would insert them again.
 */
export function maskSecret(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const secret = env[MASK_SECRET_ENV];
  return secret !== undefined && secret.trim() !== '' ? secret : undefined;
}

/**
 * A random secret for one run, for masking fields that are not match keys when no secret is set. Values stay
 * consistent within the run (duplicates stay duplicates across objects), but not across runs: the next run
 * draws another secret, so every masked value differs from what the target holds and a re-run rewrites
 * every masked field instead of finding it unchanged.
 */
export function runSecret(): string {
  return randomBytes(32).toString('base64');
}
