import { resolve } from 'node:path';
import { Messages } from '@salesforce/core';
import { SfCommand } from '@salesforce/sf-plugins-core';
import { orgsOfFlags } from '../../../commandSupport/orgFlags.js';
import { idMapFlags } from '../../../commandSupport/idMapFlags.js';
import { journalRoot } from '../../../lib/journal/paths.js';
import { warnAutomationLeftOff } from '../../../commandSupport/automationUsed.js';
import { exportHistory, type HistoryExport } from '../../../lib/history/exportHistory.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.idmap');

export type IdMapExportResult = HistoryExport;

export default class IdMapExport extends SfCommand<IdMapExportResult> {
  public static readonly summary = messages.getMessage('export.summary');
  public static readonly description = messages.getMessage('export.description');
  public static readonly examples = messages.getMessages('export.examples');

  public static readonly flags = idMapFlags;

  public async run(): Promise<IdMapExportResult> {
    const { flags } = await this.parse(IdMapExport);
    warnAutomationLeftOff(this, flags['journal-dir']);
    const root = journalRoot(flags['journal-dir']);
    const orgs = await orgsOfFlags({ 'source-org': flags['source-org'], 'target-org': flags['target-org'] });
    const pair = { sourceOrgId: orgs['source-org'].getOrgId(), targetOrgId: orgs['target-org'].getOrgId() };
    const result = await exportHistory(root, pair, resolve(flags.file));
    for (const warning of result.warnings) this.warn(warning);
    this.log(messages.getMessage('export.info.exported', [result.mappings, result.objects.length, result.sourceOrgId, result.targetOrgId, result.segments]));
    if (result.objects.length > 0) this.table({ data: result.objects });
    this.log(messages.getMessage('export.info.file', [result.file]));
    return result;
  }
}
