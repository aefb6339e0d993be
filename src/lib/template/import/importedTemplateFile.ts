import type { TemplateFile } from '../templateFile.js';
import { templateShapeProblems } from '../templateSchema.js';
import { importError } from './importMessages.js';
import { templateSchemaRef } from '../templateSchemaRef.js';


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

