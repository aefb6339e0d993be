import { Messages, SfError } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.journal');

/**
 * How a line is damaged: not JSON in the middle of the file, not JSON although it is the last line and ends
 * with its newline (a crash cannot leave that), or JSON that is not an event (the problem, in words).
 */
export type LineDamage = { kind: 'notJson'; last: boolean } | { kind: 'notAnEvent'; problem: string };

/** A damaged line that a crash cannot explain: an SfError, so that every command shows its actions (exit 1). */
export class CorruptJournalError extends SfError {
  public constructor(
    public readonly path: string,
    public readonly line: number,
    public readonly damage: LineDamage = { kind: 'notJson', last: false }
  ) {
    const key = damage.kind === 'notAnEvent' ? 'error.CorruptJournalEvent' : damage.last ? 'error.CorruptJournalLastLine' : 'error.CorruptJournal';
    const tokens = damage.kind === 'notAnEvent' ? [path, line, damage.problem] : [path, line];
    super(messages.getMessage(key, tokens), 'CorruptJournalError', messages.getMessages(`${key}.actions`, [line, path]));
  }
}
