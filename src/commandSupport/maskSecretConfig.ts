import { Config, ConfigAggregator } from '@salesforce/core';
import configMeta, { MASK_SECRET_CONFIG } from '../configMeta.js';
import { MASK_SECRET_ENV, maskSecret } from '../lib/mapping/masking/maskSecret.js';

/**
 * The masking secret of `sf config set isync-mask-secret=...` (decrypted by @salesforce/core), put where the
 * library reads it, this process's SF_ISYNC_MASK_SECRET, unless that is set already: the environment wins, as it
 * does over sf's own config variables. Nothing is written anywhere.
 */
export async function useConfiguredMaskSecret(): Promise<void> {
  if (maskSecret() !== undefined) return;
  Config.addAllowedProperties(configMeta);
  const aggregator = await ConfigAggregator.create();
  await aggregator.reload();
  const value = aggregator.getPropertyValue(MASK_SECRET_CONFIG);
  if (typeof value === 'string' && value.trim() !== '') process.env[MASK_SECRET_ENV] = value;
}
