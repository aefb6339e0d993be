/**
 * Test helper (not a test): deploy zips made by @salesforce/source-deploy-retrieve from source-format files held
 * in memory, as the product's `sf isync compare --fix` makes them (src/lib/automation/kinds/triggerPackage.ts
 * builds its trigger zips the same way): `objects/Account/fields/Foo__c.field-meta.xml`,
 * `objects/Account/recordTypes/X.recordType-meta.xml`, `permissionsets/X.permissionset-meta.xml`, converted to
 * the metadata format (package.xml, `objects/Account.object`, `permissionsets/X.permissionset`).
 */
import { Readable } from 'node:stream';

const ROOT = '/isync-test';
const NS = 'http://soap.sforce.com/2006/04/metadata';

export type SourceFile = { path: string; xml: string };

const xmlFile = (root: string, inner: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${NS}">\n${inner}\n</${root}>\n`;

/** `objects/<Object>/fields/<Name>.field-meta.xml` with the given elements (after fullName). */
export const fieldSource = (objectName: string, name: string, inner: string): SourceFile => ({
  path: `objects/${objectName}/fields/${name}.field-meta.xml`,
  xml: xmlFile('CustomField', `    <fullName>${name}</fullName>\n${inner}`),
});

export const recordTypeSource = (objectName: string, name: string, inner: string): SourceFile => ({
  path: `objects/${objectName}/recordTypes/${name}.recordType-meta.xml`,
  xml: xmlFile('RecordType', `    <fullName>${name}</fullName>\n${inner}`),
});

export const permissionSetSource = (name: string, inner: string): SourceFile => ({
  path: `permissionsets/${name}.permissionset-meta.xml`,
  xml: xmlFile('PermissionSet', inner),
});

/** A picklist's `<valueSet>`: restricted or not, values (the first `defaultValue` one marked default). */
export function valueSet(values: string[], restricted: boolean, defaultValue?: string): string {
  const entries = values.map((v) => `<value><fullName>${v}</fullName><default>${v === defaultValue}</default><label>${v}</label></value>`).join('');
  return `<valueSet><restricted>${restricted}</restricted><valueSetDefinition><sorted>false</sorted>${entries}</valueSetDefinition></valueSet>`;
}

/** The metadata-format zip SDR converts the source files to. */
export async function sdrZip(files: SourceFile[], apiVersion = '62.0'): Promise<Buffer> {
  const sdr = await import('@salesforce/source-deploy-retrieve');
  // SDR's VirtualTreeContainer does not stream files (13.x); its converter streams every file it copies.
  class StreamingTree extends sdr.VirtualTreeContainer {
    public override stream(fsPath: string): Readable {
      return Readable.from([this.readFileSync(fsPath)]);
    }
  }
  // Every folder lists its files and its subfolders (by name), up to the root.
  const dirs = new Map<string, Array<string | { name: string; data: Buffer }>>();
  const add = (dir: string, child: string | { name: string; data: Buffer }): void => {
    const known = dirs.get(dir);
    if (!known) {
      dirs.set(dir, [child]);
      const at = dir.lastIndexOf('/');
      if (dir !== ROOT) add(dir.slice(0, at), dir.slice(at + 1));
    } else if (typeof child !== 'string' || !known.includes(child)) known.push(child);
  };
  for (const file of files) {
    const at = file.path.lastIndexOf('/');
    add(`${ROOT}/${file.path.slice(0, at)}`, { name: file.path.slice(at + 1), data: Buffer.from(file.xml, 'utf8') });
  }
  const tree = new StreamingTree([...dirs].map(([dirPath, children]) => ({ dirPath, children })));
  const components = sdr.ComponentSet.fromSource({ fsPaths: [ROOT], tree });
  components.sourceApiVersion = apiVersion;
  components.apiVersion = apiVersion;
  const { zipBuffer } = await new sdr.MetadataConverter().convert(components, 'metadata', { type: 'zip' });
  if (!zipBuffer) throw new Error('source-deploy-retrieve made no zip');
  return zipBuffer;
}
