import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.template');

/** The exit code of a bad flag value, as for oclif's own flag errors. */
const BAD_FLAG_EXIT = 2;

/**
 * The object names in one `--objects` value: `Account,Contact` names two. Names are trimmed; an empty one
 * (`Account,,Contact`, a trailing comma, a blank value) is refused rather than skipped: it is a typo, and
 * which object was meant cannot be guessed.
 */
export function objectNamesIn(value: string): string[] {
  const names = value.split(',').map((name) => name.trim());
  if (names.includes('')) throw messages.createError('error.EmptyObjectName', [value], [], BAD_FLAG_EXIT);
  return names;
}

/** A `--objects` value as given, once it names no empty object (checked while flags are parsed). */
function checkedValue(value: string): string {
  objectNamesIn(value);
  return value;
}

/**
 * The objects of every `--objects` value, in the order given, each once. API names are case-insensitive: the
 * first spelling of a name is kept.
 */
export function objectNames(values: readonly string[] | undefined): string[] | undefined {
  if (!values) return undefined;
  const byLower = new Map<string, string>();
  for (const name of values.flatMap(objectNamesIn)) if (!byLower.has(name.toLowerCase())) byLower.set(name.toLowerCase(), name);
  return [...byLower.values()];
}

/**
 * `--objects`: repeated (`--objects Account --objects Contact`, the sf CLI's form for lists), comma-separated
 * (`--objects Account,Contact`), or both; `objectNames` reads the values. They are split here, not by oclif's
 * `delimiter: ','`: the sf CLI warns that "the input format for array arguments has changed" on every command
 * line with a comma when the command has a flag with that delimiter.
 */
export const objectsFlag = Flags.custom<string>({
  multiple: true,
  parse: (value: string) => Promise.resolve(value).then(checkedValue),
});
