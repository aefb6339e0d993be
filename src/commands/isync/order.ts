import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import type { MigrationPlan } from '../../lib/graph/planTypes.js';
import { useConfiguredMaskSecret } from '../../commandSupport/maskSecretConfig.js';
import { prepareSyncWithConnections } from '../../lib/run/prepareSync.js';
import { isInsertOnly, type SyncTemplate } from '../../lib/template/syncTemplate.js';
import { matchText } from '../../lib/template/matchMode.js';
import { assertWritableTemplatePath, templateForWriting, writeTemplateFile } from '../../lib/graph/writeTemplateFile.js';
import { orgsOfFlags, sourceOrgFlag, targetOrgFlag } from '../../commandSupport/orgFlags.js';
import { warnAutomationLeftOff } from '../../commandSupport/automationUsed.js';
import { objectNames, objectsFlag } from '../../commandSupport/objectsFlag.js';
import { ORDER_COLUMNS, orderRow, type OrderRow } from '../../lib/graph/planTable.js';
import type { PlanStep } from '../../lib/graph/planTypes.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.order');

export type OrderResult = {
  sourceOrgId: string;
  sourceUsername: string;
  targetOrgId: string | null;
  /** The template file, or null with --objects. */
  templateFile: string | null;
  template: SyncTemplate;
  plan: MigrationPlan;
  warnings: string[];
  /** The file written by --write, or null. */
  written: string | null;
};

/** A plan row with how the object is matched; an insert-only object says so, since it never matches or updates. */
function operationRow(step: PlanStep, template: SyncTemplate): OrderRow {
  const object = template.objects.find((candidate) => candidate.name === step.object);
  const row = orderRow(step, messages.getMessage('operation.matchOnly'), object ? matchText(object) : '');
  return object && isInsertOnly(object) ? { ...row, operation: messages.getMessage('operation.insertOnly') } : row;
}

export default class Order extends SfCommand<OrderResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'source-org': sourceOrgFlag({ required: true }),
    'target-org': targetOrgFlag(),
    'api-version': Flags.orgApiVersion(),
    template: Flags.file({
      char: 't',
      summary: messages.getMessage('flags.template.summary'),
      description: messages.getMessage('flags.template.description'),
      exactlyOne: ['template', 'objects'],
    }),
    objects: objectsFlag({
      summary: messages.getMessage('flags.objects.summary'),
      description: messages.getMessage('flags.objects.description'),
      exactlyOne: ['template', 'objects'],
    }),
    write: Flags.file({
      summary: messages.getMessage('flags.write.summary'),
      description: messages.getMessage('flags.write.description'),
    }),
  };

  public async run(): Promise<OrderResult> {
    const { flags } = await this.parse(Order);
    // order has no --journal-dir: the runs it warns about are those of the default journal folder.
    warnAutomationLeftOff(this, undefined);
    // A --write path that cannot take the file is refused before the orgs are asked anything.
    if (flags.write) assertWritableTemplatePath(flags.write);
    const { 'source-org': source, 'target-org': target } = await orgsOfFlags({ 'source-org': flags['source-org'], 'target-org': flags['target-org'] });
    // A masked match key needs the secret: the template check looks for it where execute does.
    await useConfiguredMaskSecret();
    const prepared = await prepareSyncWithConnections({
      templateFile: flags.template,
      objects: objectNames(flags.objects),
      source: source.getConnection(flags['api-version']),
      target: target?.getConnection(flags['api-version']),
    });
    if (flags.write) {
      await writeTemplateFile(flags.write, templateForWriting(prepared.template, prepared.plan, prepared.file.$schema));
    }

    const { plan } = prepared;
    this.styledHeader(messages.getMessage('header.plan', [plan.steps.length, plan.ordering]));
    this.table({
      data: plan.steps.map((step) => operationRow(step, prepared.template)),
      columns: [...ORDER_COLUMNS],
      overflow: 'wrap',
    });
    prepared.warnings.forEach((warning) => this.warn(warning));
    if (flags.write) this.log(messages.getMessage('info.written', [flags.write]));

    return {
      sourceOrgId: source.getOrgId(),
      sourceUsername: source.getUsername() ?? '',
      targetOrgId: target?.getOrgId() ?? null,
      templateFile: flags.template ?? null,
      template: prepared.template,
      plan,
      warnings: prepared.warnings,
      written: flags.write ?? null,
    };
  }
}
