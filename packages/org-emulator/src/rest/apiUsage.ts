/**
 * The org's daily API request allowance (`DailyApiRequests` in `GET limits`): every authenticated API
 * call counts, as on Salesforce. The maximum follows the edition unless a fault lowers it.
 */
import type { Edition } from '../org/identity.js';

const DAILY_MAX: Record<Edition, number> = { developer: 15000, production: 100000, sandbox: 5000000 };

export class ApiUsage {
  private used = 0;
  private limitOverride: number | undefined;

  public constructor(private readonly edition: Edition) {}

  public get max(): number {
    return this.limitOverride ?? DAILY_MAX[this.edition];
  }

  public get remaining(): number {
    return Math.max(0, this.max - this.used);
  }

  /** Counts one call; false when the allowance was already used up (the call must be refused). */
  public consume(): boolean {
    if (this.used >= this.max) return false;
    this.used += 1;
    return true;
  }

  public setLimit(max: number | undefined): void {
    this.limitOverride = max;
  }

  public reset(): void {
    this.used = 0;
  }
}
