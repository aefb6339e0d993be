import { resolve } from 'node:path';
import { Messages } from '@salesforce/core';
import { SfCommand } from '@salesforce/sf-plugins-core';
import { orgsOfFlags } from '../../../commandSupport/orgFlags.js';
import { idMapFlags } from '../../../commandSupport/idMapFlags.js';
import { journalRoot } from '../../../lib/journal/paths.js';
import { warnAutomationLeftOff } from '../../../commandSupport/automationUsed.js';
import { importHistory, type HistoryImport } from '../../../lib/history/importHistory.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.idmap');

export type IdMapImportResult = HistoryImport;

export default class IdMapImport extends SfCommand<IdMapImportResult> {
  public static readonly summary = messages.getMessage('import.summary');
  public static readonly description = messages.getMessage('import.description');
  public static readonly examples = messages.getMessages('import.examples');

  public static readonly flags = idMapFlags;

  public async run(): Promise<IdMapImportResult> {
    const { flags } = await this.parse(IdMapImport);
    warnAutomationLeftOff(this, flags['journal-dir']);
    const root = journalRoot(flags['journal-dir']);
    const orgs = await orgsOfFlags({ 'source-org': flags['source-org'], 'target-org': flags['target-org'] });
    const pair = { sourceOrgId: orgs['source-org'].getOrgId(), targetOrgId: orgs['target-org'].getOrgId() };
    const result = await importHistory(root, pair, resolve(flags.file));
    this.log(messages.getMessage('import.info.imported', [result.mappings, result.objects.length, result.sourceOrgId, result.targetOrgId]));
    if (result.objects.length > 0) this.table({ data: result.objects });
    this.log(messages.getMessage('import.info.segment', [result.segment]));
    return result;
  }
}
