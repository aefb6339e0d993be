/**
 * The sf config variables of the plugin (`sf config set isync-mask-secret=...`), loaded by the sf CLI's config
 * plugin through `oclif.configMeta` in package.json, and by the plugin itself before it reads them.
 */
import { Messages, type ConfigPropertyMeta } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.config');

/** The masking secret (see lib/mapping/masking/maskSecret.ts); SF_ISYNC_MASK_SECRET wins over it. */
export const MASK_SECRET_CONFIG = 'isync-mask-secret';

/** Shorter secrets are refused: a secret is what keeps masked values from being computed by someone else. */
const MIN_SECRET_LENGTH = 16;

const configMeta: ConfigPropertyMeta[] = [
  {
    key: MASK_SECRET_CONFIG,
    description: messages.getMessage('isync-mask-secret'),
    // Stored encrypted in the sf config file, as sf stores access tokens.
    encrypted: true,
    input: {
      validator: (value) => typeof value === 'string' && value.trim().length >= MIN_SECRET_LENGTH,
      failedMessage: messages.getMessage('error.secretTooShort', [MIN_SECRET_LENGTH]),
    },
  },
];

export default configMeta;
