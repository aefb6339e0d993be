import { existsSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The template JSON Schema shipped with the plugin (`schemas/isync-template.schema.json`, in package.json's
 * "files"): three folders up from this module, in `src/lib/template/` as in the build's
 * `lib/lib/template/`.
 */
export const TEMPLATE_SCHEMA_FILE = fileURLToPath(new URL('../../../schemas/isync-template.schema.json', import.meta.url));

/** The schema's published id, for a template written where the shipped file cannot be found. */
const TEMPLATE_SCHEMA_ID = 'https://github.com/sf-isync/sf-isync/schemas/isync-template.schema.json';

/**
 * `$schema` for a template written to `templatePath`: the shipped schema's path relative to the template's
 * folder (as examples/*.json write it), so that editors validate the file and show the descriptions.
 */
export function templateSchemaRef(templatePath: string): string {
  if (!existsSync(TEMPLATE_SCHEMA_FILE)) return TEMPLATE_SCHEMA_ID;
  const path = relative(dirname(resolve(templatePath)), TEMPLATE_SCHEMA_FILE).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}
