import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TemplateFile } from '../templateFile.js';
import { templateShapeProblems } from '../templateSchema.js';
import { importError } from './importMessages.js';
import { templateSchemaRef } from '../templateSchemaRef.js';

/**
 * Refuses a path the imported template cannot be written to, before export.json is read: a folder, a folder
 * that does not exist or is a file, and an existing file without `force` (an import makes a new template, and
 * the file may be a template written by hand).
 */
export function assertImportTarget(path: string, force: boolean): void {
  const kind = kindOf(path);
  if (kind === 'folder') throw importError('OutputIsFolder', [path], [path]);
  const folder = dirname(path);
  const folderKind = kindOf(folder);
  if (folderKind === 'missing') throw importError('OutputFolderMissing', [folder, path], [folder]);
  if (folderKind === 'file') throw importError('OutputFolderIsFile', [folder, path]);
  if (kind === 'file' && !force) throw importError('OutputExists', [path], [path]);
}

/**
 * The template as it is written to `path`: `$schema` first, pointing at the shipped schema, and checked against
 * that schema (an import that made a template the schema refuses is a bug, said as such rather than written).
 * The caller writes it with graph/writeTemplateFile.ts's `writeTemplateFile`, as `order --write` does (a
 * temporary file and a rename), which template/ cannot import without a folder cycle.
 */
export async function importedTemplateFile(path: string, template: TemplateFile): Promise<TemplateFile> {
  const { $schema: _ignored, ...rest } = template;
  const file: TemplateFile = { $schema: templateSchemaRef(path), ...rest };
  const problems = await templateShapeProblems(file);
  if (problems.length > 0) throw importError('ImportedTemplateInvalid', [problems.join('; ')]);
  return file;
}

function kindOf(path: string): 'missing' | 'file' | 'folder' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'missing';
  }
}
