import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { TemplateFile } from './templateFile.js';
import { didYouMeanSuffix, templateMessage } from './templateProblems.js';
import { didYouMean } from './didYouMean.js';

let validator: Promise<ValidateFunction<TemplateFile>> | undefined;

/**
 * The validator of schemas/isync-template.schema.json: ajv's standalone code, generated from the schema by
 * `npm run generate:validator` (allErrors: every shape problem in one run; verbose: parentSchema for "did you
 * mean" on typos; a unit test fails when it is out of step with the schema). Compiling the schema here took
 * ~70 ms of CPU, during which the requests a command had just sent waited to leave. Loaded on first use: only
 * the commands that read a template need it.
 */
function templateValidator(): Promise<ValidateFunction<TemplateFile>> {
  validator ??= import('./templateValidator.generated.js').then((generated) => generated.validate as ValidateFunction<TemplateFile>);
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
