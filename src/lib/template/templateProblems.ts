import { Messages, SfError } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.template');

/** One thing wrong in a template, located well enough that the user can find and fix it. */
export type TemplateProblem = {
  /** Where in the template: `Contact › matchBy`, `order`... */
  location: string;
  what: string;
  fix: string;
};

/** Builds a problem from the `problem.<key>` message and its `problem.<key>.fix` companion. */
export function templateProblem(
  location: string,
  key: string,
  tokens: Array<string | number>,
  fixTokens: Array<string | number> = []
): TemplateProblem {
  return {
    location,
    what: messages.getMessage(`problem.${key}`, tokens),
    fix: messages.getMessage(`problem.${key}.fix`, fixTokens),
  };
}

/** ` Did you mean "X"?`, or nothing when there is no close candidate. */
export function didYouMeanSuffix(suggestion: string | undefined): string {
  // Messages are trimmed when loaded, so the separating space is added here.
  return suggestion ? ` ${messages.getMessage('didYouMean', [suggestion])}` : '';
}

/** Describes a template source in errors: the file path, or the --objects flag. */
export function templateLabel(file: string | undefined): string {
  return file ?? '(--objects)';
}

/** One error listing every problem, so that a single run shows everything to fix. */
export function templateInvalidError(file: string | undefined, problems: readonly TemplateProblem[]): SfError {
  const lines = problems.map((p) => `- ${messages.getMessage('problem.line', [p.location, p.what, p.fix])}`);
  const error = messages.createError('error.TemplateInvalid', [templateLabel(file), problems.length, lines.join('\n')]);
  error.setData({ problems: [...problems] });
  return error;
}

/** Lets other template modules render the shared message bundle without loading it again. */
export function templateMessage(key: string, tokens: Array<string | number> = []): string {
  return messages.getMessage(key, tokens);
}

export function templateError(key: string, tokens: Array<string | number>, actionTokens: string[] = []): SfError {
  return messages.createError(key, tokens, actionTokens);
}
