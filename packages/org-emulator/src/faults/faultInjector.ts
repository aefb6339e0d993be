/**
 * Decides, deterministically from the configured seed, which calls and records fail. One generator per
 * org, drawn in call order, so a single-client run repeats its faults exactly.
 */
import type { DmlError } from '../org/dmlTypes.js';
import { dmlErrors } from '../org/dmlErrors.js';
import { type FaultConfig, NO_FAULTS } from './faultSpec.js';

export type CallFault = 'sessionExpired' | 'http503' | undefined;

/** mulberry32: tiny, fast, good enough to spread faults evenly. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private config: FaultConfig = NO_FAULTS;
  private random = generator(NO_FAULTS.seed);
  private calls = 0;

  public constructor(config: FaultConfig = NO_FAULTS) {
    this.configure(config);
  }

  public get current(): FaultConfig {
    return { ...this.config };
  }

  /** Replaces the faults and restarts their counters and generator. */
  public configure(config: FaultConfig): void {
    this.config = { ...config };
    this.random = generator(config.seed);
    this.calls = 0;
  }

  public resetCounters(): void {
    this.configure(this.config);
  }

  /** Called once per authenticated API call, before it runs. */
  public onApiCall(): CallFault {
    this.calls += 1;
    const { sessionExpireAfter, http503 } = this.config;
    if (sessionExpireAfter !== undefined && this.calls > sessionExpireAfter) return 'sessionExpired';
    if (http503 > 0 && this.random() < http503) return 'http503';
    return undefined;
  }

  /** Called for each record about to be written. */
  public lockFault(recordId: string): DmlError | undefined {
    if (this.config.lock > 0 && this.random() < this.config.lock) return dmlErrors.unableToLock(recordId);
    return undefined;
  }
}
