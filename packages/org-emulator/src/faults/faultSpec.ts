/**
 * The fault grammar, shared by `--faults SPEC` and `POST /__emulator/faults`:
 *
 *   SPEC  := ENTRY ("," ENTRY)*
 *   ENTRY := "lock=" RATE | "http503=" RATE | "dailyLimitAfter=" N | "sessionExpireAfter=" N | "deployAnswerDelayMs=" N
 *          | "seed=" N
 *   RATE  := a number in [0, 1] (probability per record for lock, per API call for http503)
 *   N     := a non-negative integer
 *
 * e.g. `lock=0.05,http503=0.02,dailyLimitAfter=500,sessionExpireAfter=300,seed=7`. An empty spec means no faults.
 */
export type FaultConfig = {
  /** Probability that a record write fails with UNABLE_TO_LOCK_ROW. */
  lock: number;
  /** Probability that an API call is answered 503. */
  http503: number;
  /** API calls allowed before REQUEST_LIMIT_EXCEEDED (TotalRequests); undefined = the edition's allowance. */
  dailyLimitAfter?: number;
  /** API calls accepted before every call gets 401 INVALID_SESSION_ID; undefined = never. */
  sessionExpireAfter?: number;
  /**
   * Metadata `deploy()` answers this many ms late, its deploy already queued: the window in which a client that
   * dies has started a deploy it never learned the id of (undefined = answered at once).
   */
  deployAnswerDelayMs?: number;
  /** Seed of the generator behind the rates, so a run's faults repeat exactly. */
  seed: number;
};

export const NO_FAULTS: FaultConfig = { lock: 0, http503: 0, seed: 1 };

export class FaultSpecError extends Error {}

function rate(key: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new FaultSpecError(`${key} must be a probability between 0 and 1, got '${text}'`);
  }
  return value;
}

function count(key: string, text: string): number {
  if (!/^\d+$/.test(text.trim())) throw new FaultSpecError(`${key} must be a non-negative integer, got '${text}'`);
  return Number(text);
}

/** Applies one `key=value` (also used for JSON fields, whose values arrive as numbers). */
function apply(config: FaultConfig, key: string, text: string): void {
  switch (key) {
    case 'lock':
      config.lock = rate(key, text);
      break;
    case 'http503':
      config.http503 = rate(key, text);
      break;
    case 'dailyLimitAfter':
      config.dailyLimitAfter = count(key, text);
      break;
    case 'sessionExpireAfter':
      config.sessionExpireAfter = count(key, text);
      break;
    case 'deployAnswerDelayMs':
      config.deployAnswerDelayMs = count(key, text);
      break;
    case 'seed':
      config.seed = count(key, text);
      break;
    default:
      throw new FaultSpecError(`unknown fault '${key}' (expected lock, http503, dailyLimitAfter, sessionExpireAfter, deployAnswerDelayMs or seed)`);
  }
}

export function parseFaultSpec(spec: string): FaultConfig {
  const config: FaultConfig = { ...NO_FAULTS };
  for (const entry of spec
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '')) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new FaultSpecError(`fault entry '${entry}' is not key=value`);
    apply(config, entry.slice(0, eq).trim(), entry.slice(eq + 1).trim());
  }
  return config;
}

/** Reads the JSON form: `{"spec": "lock=0.1"}` or `{"lock": 0.1, "seed": 3}`. */
export function faultConfigFromJson(json: unknown): FaultConfig {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new FaultSpecError('faults must be a JSON object');
  const entries = Object.entries(json as Record<string, unknown>);
  if (entries.length === 1 && entries[0][0] === 'spec' && typeof entries[0][1] === 'string') return parseFaultSpec(entries[0][1]);
  const config: FaultConfig = { ...NO_FAULTS };
  for (const [key, value] of entries) {
    if (value === null) continue;
    if (typeof value !== 'number') throw new FaultSpecError(`${key} must be a number`);
    apply(config, key, String(value));
  }
  return config;
}
