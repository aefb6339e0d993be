import { Messages } from '@salesforce/core';
import type { OrgApi } from '../api/orgApi.js';
import { queryAll } from '../api/queryPages.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.run');

/**
 * Refuses a `--since` before the source org was created: every record changed after it, so the "delta" would
 * read everything while the user believes it reads a period (a typo in the year, most likely).
 */
export async function assertSinceAfterOrgCreated(source: OrgApi, since: string, username: string): Promise<void> {
  const rows = await queryAll(source, 'SELECT CreatedDate FROM Organization');
  const created = rows[0]?.CreatedDate;
  if (typeof created !== 'string' || Date.parse(since) >= Date.parse(created)) return;
  const day = created.slice(0, 10);
  throw messages.createError('error.SinceBeforeOrg', [since, username, created], [day]);
}
