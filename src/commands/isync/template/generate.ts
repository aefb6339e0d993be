import { templateSchemaRef } from '../../../lib/template/templateSchemaRef.js';
import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { orgsOfFlags, sourceOrgFlag } from '../../../commandSupport/orgFlags.js';
import { objectNames, objectsFlag } from '../../../commandSupport/objectsFlag.js';
import { warnAutomationLeftOff } from '../../../commandSupport/automationUsed.js';
import { BAD_COMMAND_LINE_EXIT } from '../../../commandSupport/exitCodes.js';
import { ConnectionDescribeSource } from '../../../lib/schema/connectionDescribeSource.js';
import { BUILT_IN_REFERENCE_KEYS } from '../../../lib/transform/referenceKeys.js';
import { assertNewTemplatePath, writeTemplateFile } from '../../../lib/graph/writeTemplateFile.js';
import type { TemplateFile } from '../../../lib/template/templateFile.js';
import {
  assertChildLevels,
  DEFAULT_CHILD_LEVELS,
  generateTemplate,
  type GeneratedObject,
  type SkippedObject,
} from '../../../lib/template/generate/generateTemplate.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.template.generate');

export type TemplateGenerateResult = {
  sourceOrgId: string;
  sourceUsername: string;
  /** The file written. */
  file: string;
  /** The template as written. */
  template: TemplateFile;
  /** Per object: kind (object, child, parent), level, via, match key and why. */
  objects: GeneratedObject[];
  /** Related objects left out, and why. */
  notAdded: SkippedObject[];
  warnings: string[];
};

/** `--children N`: a whole number of levels in range, else a bad command line (exit 2) with the way out. */
const childrenFlag = Flags.custom<number>({
  parse: (value: string) =>
    Promise.resolve(value).then((text) => {
      const levels = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
      assertChildLevels(levels, BAD_COMMAND_LINE_EXIT, text);
      return levels;
    }),
});

function viaText(object: Pick<GeneratedObject, 'kind' | 'via'>): string {
  const { via } = object;
  if (!via) return '';
  if (object.kind === 'parent') return messages.getMessage('via.parent', [via.lookup]);
  return via.relationship ? messages.getMessage('via.child', [via.from, via.relationship, via.lookup]) : messages.getMessage('via.childUnnamed', [via.lookup]);
}

/** One line per reason: `Not added: Task, Event. Why: <reason>.` */
function notAddedLines(notAdded: readonly SkippedObject[]): string[] {
  const byWhy = new Map<string, string[]>();
  for (const entry of notAdded) byWhy.set(entry.why, [...(byWhy.get(entry.why) ?? []), entry.name]);
  return [...byWhy].map(([why, names]) => messages.getMessage('info.notAdded', [names.join(', '), why]));
}

export default class TemplateGenerate extends SfCommand<TemplateGenerateResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'source-org': sourceOrgFlag({ required: true }),
    'api-version': Flags.orgApiVersion(),
    objects: objectsFlag({
      summary: messages.getMessage('flags.objects.summary'),
      description: messages.getMessage('flags.objects.description'),
      required: true,
    }),
    children: childrenFlag({
      summary: messages.getMessage('flags.children.summary'),
      description: messages.getMessage('flags.children.description'),
      default: DEFAULT_CHILD_LEVELS,
    }),
    parents: Flags.boolean({
      summary: messages.getMessage('flags.parents.summary'),
      description: messages.getMessage('flags.parents.description'),
    }),
    force: Flags.boolean({ summary: messages.getMessage('flags.force.summary') }),
    file: Flags.file({
      char: 'f',
      summary: messages.getMessage('flags.file.summary'),
      description: messages.getMessage('flags.file.description'),
      default: 'isync-template.json',
    }),
  };

  public async run(): Promise<TemplateGenerateResult> {
    const { flags } = await this.parse(TemplateGenerate);
    warnAutomationLeftOff(this, undefined);
    // A --file path that cannot take the file is refused before the org is asked anything.
    assertNewTemplatePath(flags.file, '--file', flags.force);
    const { 'source-org': source } = await orgsOfFlags({ 'source-org': flags['source-org'] });
    const generated = await generateTemplate({
      source: new ConnectionDescribeSource(source.getConnection(flags['api-version'])),
      objects: objectNames(flags.objects) ?? [],
      children: flags.children,
      parents: flags.parents,
      resolvedByKey: Object.keys(BUILT_IN_REFERENCE_KEYS),
      schemaRef: templateSchemaRef(flags.file),
    });
    await writeTemplateFile(flags.file, generated.template, '--file');

    const username = source.getUsername() ?? flags['source-org'];
    const withParents = flags.parents ? messages.getMessage('header.withParents') : '';
    this.styledHeader(messages.getMessage('header.template', [generated.objects.length, username, flags.children, withParents]));
    this.table({
      data: generated.objects.map((object) => ({
        object: object.name,
        level: object.level ?? messages.getMessage('level.parent'),
        via: viaText(object),
        matchBy: object.matchBy,
        why: object.why,
      })),
      columns: (['object', 'level', 'via', 'matchBy', 'why'] as const).map((key) => ({ key, name: messages.getMessage(`column.${key}`) })),
      overflow: 'wrap',
    });
    notAddedLines(generated.notAdded).forEach((line) => this.log(line));
    generated.warnings.forEach((warning) => this.warn(warning));
    this.log(messages.getMessage('info.written', [flags.file, flags['source-org'], flags.file, flags['source-org'], flags.file]));

    return {
      sourceOrgId: source.getOrgId(),
      sourceUsername: source.getUsername() ?? '',
      file: flags.file,
      template: generated.template,
      objects: generated.objects,
      notAdded: generated.notAdded,
      warnings: generated.warnings,
    };
  }
}
