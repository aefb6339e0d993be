/**
 * Reads a deploy's zip (jszip) in the Metadata API's file format: `package.xml` (the manifest: `<types>` with
 * `<members>` and `<name>`) and each component's files, e.g. `triggers/<Name>.trigger` and
 * `triggers/<Name>.trigger-meta.xml`. With `singlePackage` true the manifest must sit at the zip's root; with
 * false, each top folder holding a `package.xml` is a package (a root manifest is accepted too).
 * Package-level problems use Salesforce's texts: `No package.xml found`, and `An object 'X' of type T was named
 * in package.xml, but was not found in zipped directory` (community: jsforce/gulp-jsforce-deploy #7,
 * forcedotcom/cli #2182).
 */
import JSZip from 'jszip';
import { parseXml, XmlError } from '../soap/xmlTree.js';
import type { DeployMessage } from './deployTypes.js';

/** One component named by a manifest, with its files' text (absent when the zip lacks the file). */
export type PackageMember = {
  type: string;
  fullName: string;
  /** The path prefix of its package: '' or `unpackaged/`. */
  root: string;
  /** `triggers/<Name>.trigger`, `objects/<Object>.object`, `permissionsets/<Name>.permissionset` (without the root). */
  fileName: string;
  body?: string;
  meta?: string;
};

export type ReadPackage = { members: PackageMember[]; problems: DeployMessage[] };

export class UnreadableZip extends Error {}

/** Where each metadata type the emulator knows keeps its files (Apex has a `-meta.xml` beside its body). */
const FOLDERS: Record<string, { folder: string; suffix: string }> = {
  ApexTrigger: { folder: 'triggers', suffix: 'trigger' },
  ApexClass: { folder: 'classes', suffix: 'cls' },
  PermissionSet: { folder: 'permissionsets', suffix: 'permissionset' },
};

/**
 * Child types of CustomObject: `Account.Foo__c` (CustomField) or `Account.Wholesale` (RecordType) lives in
 * its object's file, `objects/Account.object`, as `<fields>` / `<recordTypes>` (what SDR converts
 * `objects/Account/fields/Foo__c.field-meta.xml` to).
 */
const OBJECT_CHILD_TYPES = new Set(['CustomField', 'RecordType']);

/** A member's file (without the root): `triggers/X.trigger`, `objects/Account.object`...; '' for unknown types. */
function memberFile(type: string, fullName: string): string {
  if (OBJECT_CHILD_TYPES.has(type)) return `objects/${fullName.split('.')[0]}.object`;
  const place = FOLDERS[type];
  return place ? `${place.folder}/${fullName}.${place.suffix}` : '';
}

export const packageProblem = (fileName: string, fullName: string, componentType: string, problem: string, createdDate: string): DeployMessage => ({
  changed: false,
  componentType,
  created: false,
  createdDate,
  deleted: false,
  fileName,
  fullName,
  problem,
  problemType: 'Error',
  success: false,
});

export async function readPackage(zipBytes: Buffer, singlePackage: boolean, createdDate: string): Promise<ReadPackage> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(zipBytes);
  } catch (e) {
    throw new UnreadableZip(e instanceof Error ? e.message : String(e));
  }
  const files = new Map<string, string>();
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir) files.set(entry.name.replace(/^\.\//, ''), await entry.async('string'));
  }
  const roots = manifestRoots([...files.keys()], singlePackage);
  if (roots.length === 0) return { members: [], problems: [packageProblem('package.xml', 'package.xml', '', 'No package.xml found', createdDate)] };
  const members: PackageMember[] = [];
  const problems: DeployMessage[] = [];
  for (const root of roots) {
    const manifest = readManifest(files.get(`${root}package.xml`)!);
    if (typeof manifest === 'string') {
      problems.push(packageProblem(`${root}package.xml`, 'package.xml', '', manifest, createdDate));
      continue;
    }
    for (const { type, names } of manifest) {
      for (const fullName of expandWildcard(type, names, root, files)) {
        const fileName = memberFile(type, fullName);
        members.push({ type, fullName, root, fileName, body: files.get(`${root}${fileName}`), meta: files.get(`${root}${fileName}-meta.xml`) });
      }
    }
  }
  return { members, problems };
}

function manifestRoots(paths: string[], singlePackage: boolean): string[] {
  if (paths.includes('package.xml')) return [''];
  if (singlePackage) return [];
  return paths.filter((path) => /^[^/]+\/package\.xml$/.test(path)).map((path) => path.slice(0, -'package.xml'.length));
}

/** `<types><members>…</members><name>…</name></types>`; a string is the problem of an unreadable manifest. */
function readManifest(xml: string): Array<{ type: string; names: string[] }> | string {
  try {
    const root = parseXml(xml);
    if (root.name !== 'Package') return `Error parsing file: the root element is ${root.name}, not Package`;
    return root.children
      .filter((child) => child.name === 'types')
      .map((types) => ({
        type: types.children.find((child) => child.name === 'name')?.text.trim() ?? '',
        names: types.children.filter((child) => child.name === 'members').map((child) => child.text.trim()),
      }));
  } catch (e) {
    if (e instanceof XmlError) return `Error parsing file: ${e.message}`;
    throw e;
  }
}

/** `*` stands for every component of the type the zip holds files for. */
function expandWildcard(type: string, names: string[], root: string, files: Map<string, string>): string[] {
  const place = FOLDERS[type];
  if (!names.includes('*') || !place) return names.filter((name) => name !== '*');
  const pattern = new RegExp(`^${root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${place.folder}/([^/]+)\\.${place.suffix}(?:-meta\\.xml)?$`);
  const found = new Set(names.filter((name) => name !== '*'));
  for (const path of files.keys()) {
    const m = pattern.exec(path);
    if (m) found.add(m[1]);
  }
  return [...found];
}
