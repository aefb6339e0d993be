import { Messages } from '@salesforce/core';
import type { SfCommand } from '@salesforce/sf-plugins-core';
import type { CompareResult } from '../lib/compare/runCompare.js';
import { atLeast, SEVERITIES, type SchemaFix, type Severity } from '../lib/compare/schemaDifference.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.compare');

/** How each severity reads in the table: what a person scanning it needs first. */
const SEVERITY_TEXT: Record<Severity, string> = { blocking: 'BLOCKING', dataLoss: 'data loss', info: 'info' };

/** The comparison for people: the fix's steps, then the differences at or above `severity`, worst first. */
export function renderComparison(command: SfCommand<unknown>, result: CompareResult, severity: Severity, journalRoot: string): void {
  if (result.fix) renderFix(command, result, journalRoot);
  const { counts } = result;
  command.log(messages.getMessage('info.compared', [result.objects.length, result.source, result.target, counts.blocking, counts.dataLoss, counts.info]));
  const shown = atLeast(severity);
  const rows = result.differences
    .filter((difference) => shown.has(difference.severity))
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity))
    .map((difference) => ({
      severity: SEVERITY_TEXT[difference.severity],
      object: difference.object,
      field: difference.field ?? '',
      difference: difference.what,
      fix: difference.fix,
      '--fix': difference.autoFix ? 'yes' : '',
    }));
  if (rows.length === 0) command.log(messages.getMessage('info.noDifferences', [severity]));
  else command.table({ data: rows, columns: ['severity', 'object', 'field', 'difference', 'fix', '--fix'] });
  if (counts.blocking > 0) command.log(messages.getMessage('info.next'));
}

function renderFix(command: SfCommand<unknown>, result: CompareResult, journalRoot: string): void {
  const fix = result.fix!;
  if (fix.settled.length > 0) command.log(messages.getMessage('info.settled', [fix.settled.join(', ')]));
  for (const { fix: item, reason } of fix.notDeployable) command.warn(messages.getMessage('info.notDeployable', [`${fixText(item)}: ${reason}`]));
  if (fix.deployed.length === 0) command.log(messages.getMessage('info.nothingToFix'));
  else if (fix.dryRun) {
    command.log(messages.getMessage('info.wouldDeploy', [fix.deployed.length, result.target]));
    for (const item of fix.deployed) command.log(`  ${fixText(item)}`);
  } else if (fix.record) {
    command.log(messages.getMessage('info.deployed', [fix.deployed.length, result.target, fix.record.deployId ?? '', journalRoot]));
    for (const item of fix.deployed) command.log(`  ${fixText(item)}`);
  }
}

function fixText(fix: SchemaFix): string {
  switch (fix.type) {
    case 'CustomField':
      return `custom field ${fix.targetObject}.${fix.field}`;
    case 'PicklistValues':
      return `picklist values of ${fix.targetObject}.${fix.field}: ${fix.values.join(', ')}`;
    case 'RecordType':
      return `record type ${fix.targetObject}.${fix.developerName}`;
  }
}
