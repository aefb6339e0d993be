import { Messages, Org, StateAggregator } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.org');

/**
 * Loads an authenticated org by alias or username; `givenBy` says where the name came from (`--source-org`,
 * "the target org of run X"), for the error.
 *
 * `@salesforce/core` reports an unknown alias as `NamedOrgNotFoundError` without any action; users need to
 * know how to fix it, so the auth is checked first and a missing one is reported with the commands that
 * list and log in to orgs.
 */
export async function resolveOrg(aliasOrUsername: string, givenBy: string): Promise<Org> {
  const state = await StateAggregator.getInstance();
  const username = state.aliases.resolveUsername(aliasOrUsername);
  if (!(await state.orgs.hasFile(username))) {
    throw messages.createError('error.OrgNotFound', [aliasOrUsername, givenBy], [aliasOrUsername]);
  }
  return Org.create({ aliasOrUsername: username });
}

/** How an org recorded in a run is named in errors: "the target org of run X". */
export function orgOfRunLabel(side: 'source' | 'target', runId: string): string {
  return messages.getMessage('orgOfRun', [side, runId]);
}
