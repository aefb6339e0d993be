import { Messages, type SfError } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.template.import');

/** An error of messages/isync.template.import.md (`error.<key>` and its `.actions`), exit code 1. */
export function importError(key: string, tokens: Array<string | number>, actionTokens: Array<string | number> = []): SfError {
  return messages.createError(`error.${key}`, tokens, actionTokens.map(String));
}
