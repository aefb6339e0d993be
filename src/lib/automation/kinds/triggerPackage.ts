import { metadataZip } from '../../api/metadataZip.js';

/** A trigger as the Tooling API answers it, with what a deploy of it needs. */
export type TriggerSource = { id: string; name: string; body: string; apiVersion: number; status: string };

/**
 * The metadata-format zip (package.xml, `triggers/Name.trigger` and its `-meta.xml`) that deploys the triggers
 * unchanged but for their status (see metadataZip).
 *
 * The body is deployed as the org answered it, and each trigger keeps its own API version: only `status` moves.
 */
export async function triggerPackage(triggers: readonly TriggerSource[], status: 'Active' | 'Inactive', apiVersion: string): Promise<Buffer> {
  return metadataZip(
    triggers.flatMap((trigger) => [
      { path: `triggers/${trigger.name}.trigger`, text: trigger.body },
      { path: `triggers/${trigger.name}.trigger-meta.xml`, text: metaXml(trigger, status) },
    ]),
    apiVersion
  );
}

function metaXml(trigger: TriggerSource, status: 'Active' | 'Inactive'): string {
  const version = Number.isInteger(trigger.apiVersion) ? trigger.apiVersion.toFixed(1) : String(trigger.apiVersion);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<ApexTrigger xmlns="http://soap.sforce.com/2006/04/metadata">\n' +
    `    <apiVersion>${version}</apiVersion>\n` +
    `    <status>${status}</status>\n` +
    '</ApexTrigger>\n'
  );
}
