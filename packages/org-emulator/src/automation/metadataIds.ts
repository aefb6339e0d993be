/**
 * Ids of setup metadata (validation rules, flows, triggers, custom objects' `01I` ids...). They come from a
 * counter of their own rather than the org's record id sequence: registering automation must not shift the
 * ids of the records seeded or created afterwards, which tests and the demo compare run to run.
 */
import { base62, idChecksum } from '../org/ids.js';

export class MetadataIds {
  private sequence = 0;

  /** `pod`: the org's two pod characters, so two orgs never share a metadata id either. */
  public constructor(
    private readonly pod: string,
    /** Distinguishes allocators of one org (entity ids outlive a reset, the others do not). */
    private readonly series: string
  ) {}

  public next(keyPrefix: string): string {
    this.sequence += 1;
    const id15 = `${keyPrefix}${this.pod}${this.series}${base62(this.sequence, 9)}`;
    return id15 + idChecksum(id15);
  }

  public reset(): void {
    this.sequence = 0;
  }
}

export const KEY_PREFIXES = {
  customObject: '01I',
  validationRule: '03d',
  flowDefinition: '300',
  flow: '301',
  apexTrigger: '01q',
  duplicateRule: '0Bm',
  workflowRule: '01Q',
} as const;
