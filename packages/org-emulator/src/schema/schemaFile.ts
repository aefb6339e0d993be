/**
 * `loadSchemaFile(path)`: the schema of an org started with `--schema FILE` — the default schema with the
 * file's changes (format in README.md). Any problem in the file throws a `SchemaFileError` listing every
 * mistake found, each with its JSON path.
 */
import { readFileSync } from 'node:fs';
import { applySchemaFile } from './applySchemaFile.js';
import { defaultSchema } from './defaultSchema.js';
import { finalizeSchema } from './finalizeSchema.js';
import type { Problems } from './jsonChecks.js';
import type { SchemaDef } from './model.js';
import { recordedParentRelationships } from './recordedDescribes.js';
import { validateSchemaFile } from './schemaFileFormat.js';

export class SchemaFileError extends Error {
  public constructor(
    public readonly file: string,
    public readonly problems: string[]
  ) {
    super(`Invalid schema file ${file}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'SchemaFileError';
  }
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SchemaFileError(file, [`cannot be read: ${(error as Error).message}`]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SchemaFileError(file, [`is not valid JSON: ${(error as Error).message}`]);
  }
}

export function loadSchemaFile(file: string): SchemaDef {
  const problems: Problems = [];
  const changes = validateSchemaFile(readJson(file), problems);
  // Structural mistakes first: applying a half-valid file would only add confusing follow-up errors.
  if (problems.length > 0) throw new SchemaFileError(file, problems);
  const objects = applySchemaFile(defaultSchema().objects, changes, problems);
  if (problems.length > 0) throw new SchemaFileError(file, problems);
  try {
    return finalizeSchema(objects, recordedParentRelationships());
  } catch (error) {
    throw new SchemaFileError(file, [(error as Error).message]);
  }
}
