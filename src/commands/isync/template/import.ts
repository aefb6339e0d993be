import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { importSfdmu } from '../../../lib/template/import/importSfdmu.js';
import { readSfdmuExport } from '../../../lib/template/import/readSfdmuExport.js';
import type { ImportNote } from '../../../lib/template/import/sfdmuExport.js';
import { importedTemplateFile } from '../../../lib/template/import/importedTemplateFile.js';
import { assertNewTemplatePath, writeTemplateFile } from '../../../lib/graph/writeTemplateFile.js';
import type { TemplateFile } from '../../../lib/template/templateFile.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-isync', 'isync.template.import');

export type TemplateImportResult = {
  /** The export.json read. */
  from: string;
  /** The template file written. */
  file: string;
  /** The object set imported (1-based) and how many export.json has. */
  objectSet: number;
  objectSets: number;
  template: TemplateFile;
  /** Settings with no equivalent, left out of the template. */
  notImported: ImportNote[];
  /** Settings imported with a difference in behaviour. */
  notes: ImportNote[];
};

/** A value on one line of the report, cut short when long. */
function shown(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

export default class TemplateImport extends SfCommand<TemplateImportResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    from: Flags.string({ summary: messages.getMessage('flags.from.summary'), required: true }),
    file: Flags.string({
      char: 'f',
      summary: messages.getMessage('flags.file.summary'),
      description: messages.getMessage('flags.file.description'),
      default: 'isync-template.json',
    }),
    force: Flags.boolean({ summary: messages.getMessage('flags.force.summary') }),
    'object-set': Flags.integer({ summary: messages.getMessage('flags.object-set.summary'), min: 1, default: 1 }),
  };

  public async run(): Promise<TemplateImportResult> {
    const { flags } = await this.parse(TemplateImport);
    // Refused before anything is read, and nothing is written unless the whole import succeeded.
    assertNewTemplatePath(flags.file, '--file', flags.force);
    const exported = await readSfdmuExport(flags.from);
    const imported = importSfdmu(exported, { exportPath: flags.from, objectSet: flags['object-set'] });
    const template = await importedTemplateFile(flags.file, imported.template);
    await writeTemplateFile(flags.file, template, '--file');

    this.log(messages.getMessage('info.written', [template.objects.length, flags.from, flags.file, imported.objectSet, imported.objectSets]));
    if (imported.notImported.length > 0) {
      this.log(messages.getMessage('info.notImported', [imported.notImported.length]));
      for (const note of imported.notImported) this.warn(messages.getMessage('warning.notImported', [note.path, shown(note.value), note.why]));
    }
    if (imported.notes.length > 0) {
      this.log(messages.getMessage('info.notes', [imported.notes.length]));
      for (const note of imported.notes) this.log(`- ${messages.getMessage('warning.note', [note.path, shown(note.value), note.why])}`);
    }
    this.log(messages.getMessage('info.next', [flags.file]));
    return {
      from: flags.from,
      file: flags.file,
      objectSet: imported.objectSet,
      objectSets: imported.objectSets,
      template,
      notImported: imported.notImported,
      notes: imported.notes,
    };
  }
}
