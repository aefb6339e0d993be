import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { journalRoot } from '../../lib/journal/paths.js';
import { syncTypeFlags, syncTypeOf } from '../../commandSupport/syncTypeFlags.js';
import { journalDirFlag, orgsOfFlags, sourceOrgFlag, targetOrgFlag } from '../../commandSupport/orgFlags.js';
import { objectNames, objectsFlag } from '../../commandSupport/objectsFlag.js';
import { syncFromFlags, type SyncCommandResult } from '../../commandSupport/syncFromFlags.js';
import { renderRunSummary, runExitCode } from '../../commandSupport/runSummary.js';
import { renderSamples } from '../../commandSupport/sampleTable.js';

import { disableAutomationFlag } from '../../commandSupport/automationFlag.js';
import { warnAutomationLeftOff } from '../../commandSupport/automationUsed.js';
Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.scan');

export type ScanResult = SyncCommandResult;

export default class Scan extends SfCommand<ScanResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'source-org': sourceOrgFlag({ required: true }),
    'target-org': targetOrgFlag({ required: true, summary: messages.getMessage('flags.target-org.summary') }),
    template: Flags.file({
      char: 't',
      summary: messages.getMessage('flags.template.summary'),
      exactlyOne: ['template', 'objects'],
    }),
    objects: objectsFlag({
      summary: messages.getMessage('flags.objects.summary'),
      exactlyOne: ['template', 'objects'],
    }),
    'journal-dir': journalDirFlag,
    ...syncTypeFlags,
    'disable-automation': disableAutomationFlag,
    // No default: without the flag there is no sample.
    // eslint-disable-next-line sf-plugin/flag-min-max-default
    'show-sample': Flags.integer({ summary: messages.getMessage('flags.show-sample.summary'), min: 1, max: 200 }),
  };

  public async run(): Promise<ScanResult> {
    const { flags } = await this.parse(Scan);
    warnAutomationLeftOff(this, flags['journal-dir']);
    // A journal folder that is a file is refused before any org is contacted.
    journalRoot(flags['journal-dir']);
    const orgs = await orgsOfFlags({ 'source-org': flags['source-org'], 'target-org': flags['target-org'] });
    const result = await syncFromFlags(this, {
      command: 'scan',
      sourceOrg: orgs['source-org'],
      targetOrg: orgs['target-org'],
      templateFile: flags.template,
      objects: objectNames(flags.objects),
      dryRun: true,
      journalDir: flags['journal-dir'],
      confirmProduction: false,
      disableAutomation: flags['disable-automation'],
      showSample: flags['show-sample'],
      ...syncTypeOf(flags),
    });
    renderRunSummary(this, result, messages, messages.getMessage('info.next', [result.runId]));
    if (result.samples) renderSamples(this, result.samples, messages);
    process.exitCode = runExitCode(result.state);
    return result;
  }
}
