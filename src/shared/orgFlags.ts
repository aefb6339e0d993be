import { Messages, Org } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { assertJournalFolder } from '../lib/journal/paths.js';
import { resolveOrg } from '../lib/org/resolveOrg.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.org');

/**
 * `--source-org/-s`: required, and deliberately without a default. `Flags.requiredOrg()` falls back to the
 * configured `target-org`, which would silently make the source the target.
 */
export const sourceOrgFlag = Flags.custom<Org>({
  char: 's',
  summary: messages.getMessage('flags.source-org.summary'),
  required: true,
  parse: async (input: string) => resolveOrg(input),
});

/** `--target-org/-o`: optional here; commands that write make it required. */
export const targetOrgFlag = Flags.custom<Org>({
  char: 'o',
  summary: messages.getMessage('flags.target-org.summary'),
  parse: async (input: string) => resolveOrg(input),
});

/** `--journal-dir`: where run journals are written and read; every command that touches runs takes it. */
export const journalDirFlag = Flags.directory({
  summary: messages.getMessage('flags.journal-dir.summary'),
  // Checked while parsing, so that a file given by mistake fails before any org is contacted.
  parse: (input: string) => Promise.resolve(input).then(assertJournalFolder),
});
