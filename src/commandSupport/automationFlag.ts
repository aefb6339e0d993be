import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.automation');

/**
 * `--disable-automation validation-rules,flows` (or repeated): execute and scan share it. Commas are split by
 * selectionOf, not by oclif's `delimiter`, which makes the sf CLI warn about the list format (see objectsFlag).
 */
export const disableAutomationFlag = Flags.string({
  summary: messages.getMessage('flags.disable-automation.summary'),
  multiple: true,
});
