import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { TemplateFile } from './templateFile.js';
import { didYouMeanSuffix, templateMessage } from './templateProblems.js';
import { didYouMean } from './didYouMean.js';

/**
 * The JSON Schema that ships with the plugin. Three levels up from this file is the package root both from
 * src/lib/template (tsx, tests) and from lib/lib/template (the built plugin).
 */
export const TEMPLATE_SCHEMA_URL = new URL('../../../schemas/isync-template.schema.json', import.meta.url);

let validator: Promise<ValidateFunction<TemplateFile>> | undefined;

/**
 * The schema's validator, loaded and compiled on first use rather than when the plugin loads: a command
 * reads its template while its first requests are on their way, so the 80 ms this takes are not added to
 * every command's start.
 */
function templateValidator(): Promise<ValidateFunction<TemplateFile>> {
  validator ??= import('ajv/dist/2020.js').then(({ Ajv2020 }) => {
    const schema = JSON.parse(readFileSync(TEMPLATE_SCHEMA_URL, 'utf8')) as Record<string, unknown>;
    // allErrors: report every shape problem in one run; verbose: gives parentSchema for "did you mean" on typos.
    return new Ajv2020({ allErrors: true, verbose: true, allowUnionTypes: true }).compile<TemplateFile>(schema);
  });
  return validator;
}

/** Checks the shape of a parsed template; returns one readable line per problem (empty when it is valid). */
export async function templateShapeProblems(value: unknown): Promise<string[]> {
  const validate = await templateValidator();
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => `${pathOf(error, value)}: ${describeError(error)}`);
}

/** `objects[2] (Contact).matchBy` rather than ajv's `/objects/2/matchBy`: users find objects by name. */
function pathOf(error: ErrorObject, root: unknown): string {
  const segments = error.instancePath.split('/').slice(1);
  if (segments.length === 0) return '(top level)';
  let node: unknown = root;
  const parts: string[] = [];
  for (const segment of segments) {
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
    if (/^\d+$/.test(segment)) {
      const name = node !== null && typeof node === 'object' ? (node as { name?: unknown }).name : undefined;
      parts[parts.length - 1] += typeof name === 'string' ? `[${segment}] (${name})` : `[${segment}]`;
    } else {
      parts.push(segment);
    }
  }
  return parts.join('.');
}

function describeError(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') {
    const property = (error.params as { additionalProperty: string }).additionalProperty;
    const allowed = Object.keys((error.parentSchema as { properties?: Record<string, unknown> }).properties ?? {});
    const suggestion = didYouMean(property, allowed);
    const unknown = templateMessage('schema.additionalProperty', [property]);
    return suggestion
      ? unknown + didYouMeanSuffix(suggestion)
      : `${unknown} ${templateMessage('schema.additionalPropertyAllowed', [allowed.join(', ')])}`;
  }
  if (error.keyword === 'pattern') return templateMessage('schema.pattern');
  // `"matchBy": true` (the schema allows only false among booleans): say what matchBy takes instead of "must NOT be valid".
  if (error.keyword === 'not' && error.instancePath.endsWith('/matchBy')) return templateMessage('schema.matchByTrue');
  return error.message ?? error.keyword;
}
