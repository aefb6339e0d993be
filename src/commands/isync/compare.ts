import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { journalDirFlag, orgsOfFlags, sourceOrgFlag, targetOrgFlag } from '../../commandSupport/orgFlags.js';
import { objectNames, objectsFlag } from '../../commandSupport/objectsFlag.js';
import { renderComparison } from '../../commandSupport/comparisonTable.js';
import { runCompare, type CompareResult } from '../../lib/compare/runCompare.js';
import { SEVERITIES, type Severity } from '../../lib/compare/schemaDifference.js';
import { journalRoot } from '../../lib/journal/paths.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.compare');

export type { CompareResult } from '../../lib/compare/runCompare.js';

export default class Compare extends SfCommand<CompareResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'source-org': sourceOrgFlag({ required: true }),
    'target-org': targetOrgFlag({ required: true, summary: messages.getMessage('flags.target-org.summary') }),
    template: Flags.file({ char: 't', summary: messages.getMessage('flags.template.summary'), exactlyOne: ['template', 'objects', 'all'] }),
    objects: objectsFlag({ summary: messages.getMessage('flags.objects.summary'), exactlyOne: ['template', 'objects', 'all'] }),
    all: Flags.boolean({ summary: messages.getMessage('flags.all.summary'), exactlyOne: ['template', 'objects', 'all'] }),
    severity: Flags.option({ summary: messages.getMessage('flags.severity.summary'), options: SEVERITIES, default: 'info' as Severity })(),
    fix: Flags.boolean({ summary: messages.getMessage('flags.fix.summary') }),
    'dry-run': Flags.boolean({ summary: messages.getMessage('flags.dry-run.summary') }),
    'confirm-production': Flags.boolean({ summary: messages.getMessage('flags.confirm-production.summary') }),
    'journal-dir': journalDirFlag,
  };

  public async run(): Promise<CompareResult> {
    const { flags } = await this.parse(Compare);
    const root = journalRoot(flags['journal-dir']);
    const orgs = await orgsOfFlags({ 'source-org': flags['source-org'], 'target-org': flags['target-org'] });
    const result = await runCompare({
      sourceOrg: orgs['source-org'],
      targetOrg: orgs['target-org'],
      templateFile: flags.template,
      objects: objectNames(flags.objects),
      all: flags.all,
      // --dry-run alone shows what --fix would deploy.
      fix: flags.fix || flags['dry-run'],
      dryRun: flags['dry-run'],
      confirmProduction: flags['confirm-production'],
      journalRoot: root,
      onStep: (text) => this.log(text),
    });
    renderComparison(this, result, flags.severity, root);
    // A comparison that finds a blocking difference fails, so that a pipeline stops before the sync.
    if (result.counts.blocking > 0) process.exitCode = 1;
    return result;
  }
}
