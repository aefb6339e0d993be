import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.run');

/** The exit code of a bad flag value, as for oclif's own flag errors. */
const BAD_FLAG_EXIT = 2;

/**
 * `--since`: an ISO 8601 date or date-time (`2026-12-01`, `2026-12-01T08:00:00Z`), or `last` (each object's
 * last sync date, i.e. `--sync-type delta`). A date-time without a zone is refused: which zone was meant
 * cannot be guessed, and a guess off by hours skips or re-reads hours of changes.
 */
export function sinceValue(value: string, now = Date.now()): string {
  if (value === 'last') return value;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const zoned = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value);
  const time = dateOnly || zoned ? Date.parse(dateOnly ? `${value}T00:00:00Z` : value) : Number.NaN;
  if (Number.isNaN(time)) throw messages.createError('error.SinceNotADate', [value], [], BAD_FLAG_EXIT);
  if (time > now) throw messages.createError('error.SinceInFuture', [value, new Date(now).toISOString()], [], BAD_FLAG_EXIT);
  return new Date(time).toISOString();
}

/** The sync type flags that execute and scan share. */
export const syncTypeFlags = {
  'sync-type': Flags.string({
    summary: messages.getMessage('flags.sync-type.summary'),
    description: messages.getMessage('flags.sync-type.description'),
    options: ['full', 'delta'],
  }),
  since: Flags.string({
    summary: messages.getMessage('flags.since.summary'),
    description: messages.getMessage('flags.since.description'),
    parse: async (value) => Promise.resolve(sinceValue(value)),
  }),
  'include-deleted': Flags.boolean({
    summary: messages.getMessage('flags.include-deleted.summary'),
    description: messages.getMessage('flags.include-deleted.description'),
    allowNo: true,
  }),
};

/** What the flags ask for, as syncFromFlags takes it: `--since last` is a delta; `--sync-type full --since` is refused. */
export function syncTypeOf(flags: { 'sync-type'?: string; since?: string; 'include-deleted'?: boolean }): {
  syncType?: 'full' | 'delta';
  since?: string;
  includeDeleted?: boolean;
} {
  if (flags.since && flags['sync-type'] === 'full') throw messages.createError('error.SinceWithFull', [flags.since], [], BAD_FLAG_EXIT);
  const since = flags.since === 'last' ? undefined : flags.since;
  const syncType = flags.since ? 'delta' : (flags['sync-type'] as 'full' | 'delta' | undefined);
  return { syncType, since, includeDeleted: flags['include-deleted'] };
}
