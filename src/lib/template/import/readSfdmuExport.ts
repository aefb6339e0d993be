import { readFile } from 'node:fs/promises';
import { fileErrorReason } from '../fileErrorReason.js';
import { locateJsonError } from '../readTemplateFile.js';
import { importError } from './importMessages.js';
import { isRecord, type SfdmuExport } from './sfdmuExport.js';

/**
 * Reads an SFDMU export.json: a missing file, a folder, an unreadable file, text that is not JSON (with its
 * line and column, as template files are reported) and JSON that is not an export.json (no `objects` nor
 * `objectSets` array) are each an SfError naming the file and what to do. The objects themselves are checked
 * as they are imported.
 */
export async function readSfdmuExport(path: string): Promise<SfdmuExport> {
  const text = await readText(path);
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    const { reason, line, column } = locateJsonError(text, (error as Error).message);
    throw importError('ExportNotJson', [path, reason, line, column]);
  }
  const problem = shapeProblem(value);
  if (problem) throw importError('NotSfdmuExport', [path, problem]);
  return value as SfdmuExport;
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw importError('ExportNotFound', [path]);
    if (code === 'EISDIR') throw importError('ExportIsFolder', [path], [path]);
    throw importError('ExportUnreadable', [path, fileErrorReason(error)]);
  }
}

/** Why the JSON is not an export.json, or undefined when it has the outline of one. */
function shapeProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return `it is ${Array.isArray(value) ? 'an array' : `a ${value === null ? 'null' : typeof value}`}, not an object`;
  const { objects, objectSets } = value;
  if (objects === undefined && objectSets === undefined) return 'it has neither "objects" nor "objectSets"';
  if (objects !== undefined && !Array.isArray(objects)) return '"objects" is not an array';
  if (objectSets !== undefined && !Array.isArray(objectSets)) return '"objectSets" is not an array';
  const sets = (objectSets as unknown[] | undefined) ?? [];
  const badSet = sets.findIndex((set) => !isRecord(set) || (set.objects !== undefined && !Array.isArray(set.objects)));
  if (badSet >= 0) return `objectSets[${badSet}] is not an object with an "objects" array`;
  const all = [...((objects as unknown[] | undefined) ?? []), ...sets.flatMap((set) => (set as { objects?: unknown[] }).objects ?? [])];
  if (all.length === 0) return '"objects" is empty';
  const badObject = ((objects as unknown[] | undefined) ?? []).findIndex((object) => !isRecord(object));
  if (badObject >= 0) return `objects[${badObject}] is not an object`;
  return undefined;
}
