import { Readable } from 'node:stream';
import type { VirtualTreeContainer as VirtualTree } from '@salesforce/source-deploy-retrieve';

/** A source-format file of a package: `triggers/Name.trigger`, `objects/Account/fields/Tier__c.field-meta.xml`. */
export type SourceFile = { path: string; text: string };

const ROOT = '/isync/package';

/**
 * The metadata-format zip (package.xml and each component's files) of source-format files held in memory. SDR
 * writes the package (file layout, package.xml, the zip), so nothing touches the disk and no sfdx project is
 * needed: child components such as `objects/Account/fields/Tier__c.field-meta.xml` are merged into their
 * parent's `objects/Account.object`, as a deploy expects them.
 */
export async function metadataZip(files: readonly SourceFile[], apiVersion: string): Promise<Buffer> {
  // Loaded on the first deploy only: SDR and its metadata registry take a moment to load.
  const sdr = await import('@salesforce/source-deploy-retrieve');
  const tree = new (streamingTree(sdr.VirtualTreeContainer))(directories(files));
  const components = sdr.ComponentSet.fromSource({ fsPaths: [ROOT], tree });
  // Set, or SDR would look for a version in sfdx-project.json, the sf config, and at last ask an org.
  components.sourceApiVersion = apiVersion;
  components.apiVersion = apiVersion;
  const { zipBuffer } = await new sdr.MetadataConverter().convert(components, 'metadata', { type: 'zip' });
  if (!zipBuffer) throw new Error('source-deploy-retrieve made no zip of the package.');
  return zipBuffer;
}

/** The virtual tree's folders: each folder of the files, with its files and sub-folders as children. */
function directories(files: readonly SourceFile[]): Array<{ dirPath: string; children: Array<string | { name: string; data: Buffer }> }> {
  const folders = new Map<string, Array<string | { name: string; data: Buffer }>>([[ROOT, []]]);
  const folder = (path: string): Array<string | { name: string; data: Buffer }> => {
    let children = folders.get(path);
    if (!children) {
      children = [];
      folders.set(path, children);
      const parent = path.slice(0, path.lastIndexOf('/'));
      folder(parent).push(path.slice(parent.length + 1));
    }
    return children;
  };
  for (const file of files) {
    const full = `${ROOT}/${file.path}`;
    const at = full.lastIndexOf('/');
    folder(full.slice(0, at)).push({ name: full.slice(at + 1), data: Buffer.from(file.text, 'utf8') });
  }
  return [...folders].map(([dirPath, children]) => ({ dirPath, children }));
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
