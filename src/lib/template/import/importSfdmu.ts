/**
 * `sf isync template import`: an SFDMU export.json into a sync template, and the list of every setting that
 * the template does not carry as it is. Pure: reading the file and writing the template are the caller's.
 *
 * Object sets: SFDMU runs each set as a migration of its own, one after the other (its ScriptLoader prepends
 * the root `objects` as the first set), and a later set may name an object of an earlier one again with other
 * settings. A template is one run, so one set is imported (the first by default, `objectSet` for another) and
 * the others are listed as not imported: each can be imported into a template of its own.
 */
import type { TemplateFile, TemplateObjectSpec, TemplateOptionsSpec } from '../templateFile.js';
import { importError } from './importMessages.js';
import { importObject, type ObjectContext } from './sfdmuObject.js';
import { SCRIPT_NOT_IMPORTED, UNKNOWN_SETTING } from './sfdmuSettings.js';
import { isRecord, shownValue, type ImportNote, type SfdmuExport, type SfdmuImport } from './sfdmuExport.js';

export type ImportOptions = {
  /** The file's path, for messages. */
  exportPath: string;
  /** The object set to import, 1-based (default 1). */
  objectSet?: number;
};

type ObjectSet = { path: string; objects: unknown[] };

const HANDLED = new Set(['objects', 'objectSets', 'bulkThreshold', 'restApiBatchSize', 'allOrNone', 'keepObjectOrderWhileExecute', 'excludedObjects']);

export function importSfdmu(exported: SfdmuExport, options: ImportOptions): SfdmuImport {
  const sets = objectSets(exported);
  const chosen = options.objectSet ?? 1;
  if (!Number.isInteger(chosen) || chosen < 1 || chosen > sets.length) throw importError('ObjectSetMissing', [options.exportPath, sets.length, chosen], [sets.length]);
  const ctx: ObjectContext = { exportPath: options.exportPath, notImported: [], notes: [] };

  sets.forEach((set, index) => {
    if (index === chosen - 1) return;
    const names = set.objects.map((object) => (isRecord(object) && typeof object.query === 'string' ? /\bFROM\s+(\w+)/i.exec(object.query)?.[1] : undefined) ?? '?');
    ctx.notImported.push({
      path: set.path,
      setting: 'objectSets',
      value: names,
      why: `object set ${index + 1} of ${sets.length} is a separate SFDMU run; a template is one run: import it into a template of its own with --object-set ${index + 1}`,
    });
  });

  const excludedObjects = new Set(Array.isArray(exported.excludedObjects) ? exported.excludedObjects.filter((name): name is string => typeof name === 'string').map((name) => name.toLowerCase()) : []);
  const objects: TemplateObjectSpec[] = [];
  sets[chosen - 1].objects.forEach((raw, index) => {
    const path = `${sets[chosen - 1].path}[${index}]`;
    if (!isRecord(raw)) throw importError('ObjectNotObject', [path, options.exportPath]);
    const spec = importObject(raw, path, ctx);
    if (!spec) return;
    if (excludedObjects.has(spec.name.toLowerCase())) {
      ctx.notes.push({ path, setting: 'excludedObjects', value: spec.name, why: `${spec.name} is in "excludedObjects": left out of the template` });
      return;
    }
    if (objects.some((object) => object.name.toLowerCase() === spec.name.toLowerCase())) {
      ctx.notImported.push({ path, setting: 'query', value: spec.name, why: `${spec.name} is already imported from an earlier entry: a template names each object once` });
      return;
    }
    objects.push(spec);
  });
  if (objects.length === 0) throw importError('NothingToImport', [options.exportPath, ctx.notImported.length + ctx.notes.length], [ctx.notes.concat(ctx.notImported).map((n) => `${n.path}: ${n.why}`).join('; ')]);

  const template: TemplateFile = { objects };
  const order = scriptSettings(exported, objects, ctx);
  if (order.order) template.order = order.order;
  if (Object.keys(order.options).length > 0) template.options = order.options;
  return { template, notImported: ctx.notImported, notes: ctx.notes, objectSet: chosen, objectSets: sets.length };
}

/** The root `objects` (when it has any) as the first set, then every `objectSets[]` entry, as SFDMU runs them. */
function objectSets(exported: SfdmuExport): ObjectSet[] {
  const sets: ObjectSet[] = [];
  if (Array.isArray(exported.objects) && exported.objects.length > 0) sets.push({ path: 'objects', objects: exported.objects });
  if (Array.isArray(exported.objectSets)) {
    exported.objectSets.forEach((set, index) => {
      const objects = isRecord(set) && Array.isArray(set.objects) ? set.objects : [];
      if (objects.length > 0) sets.push({ path: `objectSets[${index}].objects`, objects });
    });
  }
  return sets;
}

function scriptSettings(exported: SfdmuExport, objects: TemplateObjectSpec[], ctx: ObjectContext): { order?: string[]; options: TemplateOptionsSpec } {
  const options: TemplateOptionsSpec = {};
  const note = (list: ImportNote[], setting: string, why: string): void => void list.push({ path: setting, setting, value: shownValue(setting, exported[setting]), why });
  const { bulkThreshold, restApiBatchSize, allOrNone, keepObjectOrderWhileExecute } = exported;
  if (bulkThreshold !== undefined) {
    if (Number.isSafeInteger(bulkThreshold) && (bulkThreshold as number) >= 1) options.bulkThreshold = bulkThreshold as number;
    else note(ctx.notImported, 'bulkThreshold', 'not a whole number of at least 1');
  }
  if (restApiBatchSize !== undefined && restApiBatchSize !== null) {
    if (Number.isSafeInteger(restApiBatchSize) && (restApiBatchSize as number) >= 1 && (restApiBatchSize as number) <= 200) options.batchSize = restApiBatchSize as number;
    else note(ctx.notImported, 'restApiBatchSize', "options.batchSize takes 1-200 (Salesforce's sObject Collections limit)");
  }
  if (allOrNone === true) {
    options.continueOnError = false;
    note(ctx.notes, 'allOrNone', 'imported as "continueOnError": false: the run stops at the first failed batch, but what earlier batches wrote stays (`sf isync rollback` undoes the run)');
  } else if (allOrNone !== undefined && allOrNone !== false) note(ctx.notImported, 'allOrNone', 'not true or false');
  let order: string[] | undefined;
  if (keepObjectOrderWhileExecute === true) {
    order = objects.map((object) => object.name);
    note(ctx.notes, 'keepObjectOrderWhileExecute', 'imported as "order" (the objects in export.json\'s order): sf isync uses it as given when no required lookup points to an object loaded later, and defers the nillable lookups that do; `sf isync order` checks it');
  }
  if (Array.isArray(exported.excludedObjects) && exported.excludedObjects.length > 0 && !ctx.notes.some((n) => n.setting === 'excludedObjects')) {
    note(ctx.notes, 'excludedObjects', 'none of these objects is in the imported set');
  }
  for (const setting of Object.keys(exported)) {
    if (HANDLED.has(setting)) continue;
    note(ctx.notImported, setting, SCRIPT_NOT_IMPORTED[setting] ?? UNKNOWN_SETTING);
  }
  return { order, options };
}
