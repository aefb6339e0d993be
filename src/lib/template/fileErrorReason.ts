import { templateMessage } from './templateProblems.js';

/** File system errors with a reason of their own in messages/isync.template.md (`fileError.<code>`). */
const EXPLAINED = new Set(['EACCES', 'EPERM', 'ENOSPC', 'EROFS', 'EISDIR', 'ENOTDIR', 'ENOENT']);

/**
 * A file system error in words, for a message that already names the file: Node's own text
 * (`EACCES: permission denied, open '/path'`) repeats the path and leads with the code.
 */
export function fileErrorReason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  return code && EXPLAINED.has(code) ? templateMessage(`fileError.${code}`) : message;
}
