import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { journalDirFlag, orgsOfFlags, targetOrgFlag } from '../../../commandSupport/orgFlags.js';
import { objectNames, objectsFlag } from '../../../commandSupport/objectsFlag.js';
import { warnAutomationLeftOff } from '../../../commandSupport/automationUsed.js';
import { orgApiFor } from '../../../lib/api/httpOrgApi.js';
import { orgEdition } from '../../../lib/api/orgEdition.js';
import type { AutomationItem } from '../../../lib/automation/automationTypes.js';
import { triggerTestLevel } from '../../../lib/automation/kinds/triggers.js';
import { readAutomation, type UnreadableKind } from '../../../lib/automation/readAutomation.js';
import { readTemplateFile } from '../../../lib/template/readTemplateFile.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.automation');

/** `--json` of `sf isync automation list` (schema: schemas/automation-list.schema.json). */
export type AutomationListResult = {
  target: string;
  objects: string[];
  items: AutomationItem[];
  /** Kinds the org would not list, with its answer. */
  unreadable: UnreadableKind[];
};

export default class AutomationList extends SfCommand<AutomationListResult> {
  public static readonly summary = messages.getMessage('list.summary');
  public static readonly description = messages.getMessage('list.description');
  public static readonly examples = messages.getMessages('list.examples');

  public static readonly flags = {
    'target-org': targetOrgFlag({ required: true }),
    template: Flags.file({ char: 't', summary: messages.getMessage('flags.template.summary'), exactlyOne: ['template', 'objects'] }),
    objects: objectsFlag({ summary: messages.getMessage('flags.objects.summary'), exactlyOne: ['template', 'objects'] }),
    'api-version': Flags.orgApiVersion(),
    'journal-dir': journalDirFlag,
  };

  public async run(): Promise<AutomationListResult> {
    const { flags } = await this.parse(AutomationList);
    warnAutomationLeftOff(this, flags['journal-dir']);
    // The target org's objects: a template object may load into one of another name ("target").
    const objects = flags.template
      ? (await readTemplateFile(flags.template)).objects.map((object) => object.target ?? object.name)
      : (objectNames(flags.objects) ?? []);
    const org = (await orgsOfFlags({ 'target-org': flags['target-org'] }))['target-org'];
    const api = orgApiFor(org.getConnection(flags['api-version']));
    const [inventory, edition] = await Promise.all([readAutomation(api, objects), orgEdition(api)]);
    const target = org.getUsername() ?? flags['target-org'];
    for (const entry of inventory.unreadable) this.warn(messages.getMessage('warning.Unreadable', [entry.kind, entry.message]));
    this.log(messages.getMessage('info.listed', [target, objects.length]));
    this.table({
      data: inventory.items.map((item) => ({
        object: item.object,
        kind: item.kind,
        name: item.name,
        active: item.active ? 'active' : 'inactive',
        switch: switchText(item, edition.isProduction),
        detail: item.detail,
      })),
      columns: ['object', 'kind', 'name', 'active', 'switch', 'detail'],
    });
    if (inventory.unreadable.length > 0) process.exitCode = 1;
    return { target, objects, items: inventory.items, unreadable: inventory.unreadable };
  }
}

function switchText(item: AutomationItem, production: boolean): string {
  switch (item.switchable) {
    case 'tooling':
      return 'Tooling API';
    case 'metadata':
      return 'Metadata API';
    case 'deploy':
      // In production the deploy runs the org's local tests: a trigger switch there takes minutes, not seconds.
      return production ? `Metadata deploy + ${triggerTestLevel(true)}` : 'Metadata deploy';
    case 'managed':
      return `no: managed (${item.namespace ?? ''})`;
  }
}
