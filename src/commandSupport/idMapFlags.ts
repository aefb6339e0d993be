import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { journalDirFlag, sourceOrgFlag, targetOrgFlag } from './orgFlags.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.idmap');

/** The flags of `sf isync idmap export` and `import`: both orgs, the CSV file, the journal folder. */
export const idMapFlags = {
  'source-org': sourceOrgFlag({ required: true }),
  'target-org': targetOrgFlag({ required: true }),
  // Not `exists: true`: a missing file is a command refused (exit 1, with the way out), not a malformed flag.
  file: Flags.file({
    char: 'f',
    summary: messages.getMessage('flags.file.summary'),
    required: true,
  }),
  'journal-dir': journalDirFlag,
};
