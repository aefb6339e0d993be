import { Messages, type Org } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { resolveOrg } from '../lib/org/resolveOrg.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.org');

/*
 * The org and journal flags are plain strings, checked in run() (orgsOfFlags, journalRoot), never in the
 * flag's parse: oclif gives any error thrown while parsing a flag the exit code of a bad command line
 * (`exitCodes.failedFlagParsing`: 2 under the sf CLI) and prefixes "Parsing --flag". An alias that is not
 * logged in, or a journal folder that is a file, is a command refused (exit 1), not a malformed flag.
 */

/**
 * `--source-org/-s`: required, and deliberately without a default. `Flags.requiredOrg()` falls back to the
 * configured `target-org`, which would silently make the source the target.
 */
export const sourceOrgFlag = Flags.custom<string>({
  char: 's',
  summary: messages.getMessage('flags.source-org.summary'),
  required: true,
});

/** `--target-org/-o`: optional here; commands that write make it required. */
export const targetOrgFlag = Flags.custom<string>({
  char: 'o',
  summary: messages.getMessage('flags.target-org.summary'),
});

/** `--journal-dir`: where run journals are written and read; every command that touches runs takes it. */
export const journalDirFlag = Flags.directory({
  summary: messages.getMessage('flags.journal-dir.summary'),
});

/** The org of each flag: an Org for a flag given, undefined for an optional flag left out. */
export type OrgsOfFlags<Given extends Record<string, string | undefined>> = {
  [Name in keyof Given]: Given[Name] extends string ? Org : Org | undefined;
};

/**
 * The orgs the flags name (`{ 'source-org': 'dev' }`), loaded side by side; when several cannot be, the error
 * of the first flag in the order given, whichever answers first.
 */
export async function orgsOfFlags<Given extends Record<string, string | undefined>>(given: Given): Promise<OrgsOfFlags<Given>> {
  const names = Object.keys(given);
  const outcomes = await Promise.allSettled(
    names.map((name) => {
      const value = given[name];
      return value === undefined ? Promise.resolve(undefined) : resolveOrg(value, `--${name}`);
    })
  );
  const failed = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  return Object.fromEntries(names.map((name, i) => [name, (outcomes[i] as PromiseFulfilledResult<Org | undefined>).value])) as OrgsOfFlags<Given>;
}
