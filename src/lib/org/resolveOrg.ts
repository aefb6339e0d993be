import { Messages, Org, StateAggregator } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.org');

/**
 * Loads an authenticated org by alias or username.
 *
 * `@salesforce/core` reports an unknown alias as `NamedOrgNotFoundError` without any action; users need to
 * know how to fix it, so the auth is checked first and a missing one is reported with the commands that
 * list and log in to orgs.
 */
export async function resolveOrg(aliasOrUsername: string): Promise<Org> {
  const state = await StateAggregator.getInstance();
  const username = state.aliases.resolveUsername(aliasOrUsername);
  if (!(await state.orgs.hasFile(username))) {
    throw messages.createError('error.OrgNotFound', [aliasOrUsername], [aliasOrUsername]);
  }
  return Org.create({ aliasOrUsername: username });
}
