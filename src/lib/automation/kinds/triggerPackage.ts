import { Readable } from 'node:stream';
import type { VirtualTreeContainer as VirtualTree } from '@salesforce/source-deploy-retrieve';

/** A trigger as the Tooling API answers it, with what a deploy of it needs. */
export type TriggerSource = { id: string; name: string; body: string; apiVersion: number; status: string };

const SOURCE_DIR = '/isync/triggers';

/**
 * The metadata-format zip (package.xml, `triggers/Name.trigger` and its `-meta.xml`) that deploys the triggers
 * unchanged but for their status. SDR writes the package (file layout, package.xml, the zip) from source-format
 * files held in memory, so nothing touches the disk and no sfdx project is needed.
 *
 * The body is deployed as the org answered it, and each trigger keeps its own API version: only `status` moves.
 */
export async function triggerPackage(triggers: readonly TriggerSource[], status: 'Active' | 'Inactive', apiVersion: string): Promise<Buffer> {
  // Loaded on the first trigger switch only: SDR and its metadata registry take a moment to load.
  const sdr = await import('@salesforce/source-deploy-retrieve');
  const tree = new (streamingTree(sdr.VirtualTreeContainer))([
    {
      dirPath: SOURCE_DIR,
      children: triggers.flatMap((trigger) => [
        { name: `${trigger.name}.trigger`, data: Buffer.from(trigger.body, 'utf8') },
        { name: `${trigger.name}.trigger-meta.xml`, data: Buffer.from(metaXml(trigger, status), 'utf8') },
      ]),
    },
  ]);
  const components = sdr.ComponentSet.fromSource({ fsPaths: [SOURCE_DIR], tree });
  // Set, or SDR would look for a version in sfdx-project.json, the sf config, and at last ask an org.
  components.sourceApiVersion = apiVersion;
  components.apiVersion = apiVersion;
  const { zipBuffer } = await new sdr.MetadataConverter().convert(components, 'metadata', { type: 'zip' });
  if (!zipBuffer) throw new Error('source-deploy-retrieve made no zip of the triggers.');
  return zipBuffer;
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

/**
 * SDR's VirtualTreeContainer reads files but does not stream them ("Method not implemented" in 13.x), and its
 * converter streams every file it copies: a stream of the file's bytes is all it needs.
 */
function streamingTree(base: typeof VirtualTree): typeof VirtualTree {
  return class StreamingVirtualTree extends base {
    public override stream(fsPath: string): Readable {
      return Readable.from([this.readFileSync(fsPath)]);
    }
  };
}
