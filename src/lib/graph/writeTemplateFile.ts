import { maskSpecText } from '../mapping/masking/maskKinds.js';
import type { ObjectTransform } from '../template/transformRules.js';
import { statSync } from 'node:fs';
import { rename, writeFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { MigrationPlan } from './planTypes.js';
import { HISTORY_WORD, keyParts } from '../template/matchMode.js';
import type { MatchKey, SyncObject, SyncTemplate } from '../template/syncTemplate.js';
import type { TemplateFile, TemplateObjectSpec } from '../template/templateFile.js';
import { fileErrorReason } from '../template/fileErrorReason.js';
import { templateError } from '../template/templateProblems.js';

/**
 * The template as `sf isync order --write` saves it: the normalised objects (names in describe spelling, match
 * keys and toggles explicit, fields only when the template listed them so that new fields keep being synced),
 * every option, and `order` filled with the plan's order so that the user can review and edit it.
 */
export function templateForWriting(template: SyncTemplate, plan: MigrationPlan, schemaRef?: string): TemplateFile {
  return {
    ...(schemaRef ? { $schema: schemaRef } : {}),
    objects: template.objects.map(objectSpec),
    order: plan.steps.map((step) => step.object),
    options: { ...template.options },
  };
}

function objectSpec(object: SyncObject): TemplateObjectSpec {
  return {
    name: object.name,
    ...(object.targetName ? { target: object.targetName } : {}),
    ...(object.where ? { where: object.where } : {}),
    ...(object.orderBy ? { orderBy: object.orderBy } : {}),
    ...(object.limit ? { limit: object.limit } : {}),
    ...(object.requestedFields ? { fields: object.requestedFields } : {}),
    ...(object.excludeFields.length > 0 ? { excludeFields: object.excludeFields } : {}),
    matchBy: matchBySpec(object.matchBy, object.history),
    insert: object.insert,
    update: object.update,
    ...(object.transform ? transformSpec(object.transform) : {}),
  };
}

/**
 * The rules back in the template's notation, so that a retry (and `order --write`) applies the same
 * transformations: every field rule as `fieldMap` (a field only translated or masked maps onto itself, which
 * means the same), constants as `set`, expressions as `compute`.
 */
function transformSpec(transform: ObjectTransform): Pick<TemplateObjectSpec, 'fieldMap' | 'set' | 'compute' | 'valueMap' | 'mask'> {
  const fieldMap: Record<string, string[]> = {};
  const set: NonNullable<TemplateObjectSpec['set']> = {};
  const compute: Record<string, string> = {};
  const valueMap: Record<string, Record<string, string | null>> = {};
  const mask: Record<string, string> = {};
  for (const rule of transform.rules) {
    const { from, target } = rule;
    if ('field' in from) fieldMap[from.field] = [...(fieldMap[from.field] ?? []), target];
    else if ('constant' in from) set[target] = from.constant;
    else compute[target] = from.expression;
    if (rule.valueMap) valueMap[target] = { ...rule.valueMap.values, ...(rule.valueMap.otherwise !== undefined ? { '*': rule.valueMap.otherwise } : {}) };
    if (rule.mask) mask[target] = maskSpecText(rule.mask);
  }
  const parts = { fieldMap, set, compute, valueMap, mask };
  return Object.fromEntries(Object.entries(parts).filter(([, part]) => Object.keys(part).length > 0));
}

/**
 * Back to the template notation: `Field`, `Source=Target`, a list for composite keys, `"history"` or
 * `["history", ...key]`, `false` for insert-only.
 */
export function matchBySpec(key: MatchKey | null, history: boolean): string | string[] | false {
  if (key === null) return history ? HISTORY_WORD : false;
  const parts = keyParts(key);
  if (history) return [HISTORY_WORD, ...parts];
  return parts.length === 1 ? parts[0] : parts;
}

/**
 * Refuses a `--write` path that cannot take the file, before anything else is done: a folder, or a path
 * whose folder does not exist or is a file. Node would answer each with a bare EISDIR, ENOENT or ENOTDIR.
 */
export function assertWritableTemplatePath(path: string, flag = '--write'): void {
  if (kindOf(path) === 'folder') throw templateError('error.WriteIsFolder', [flag, path], [flag, flag, join(path, 'isync.json')]);
  const folder = dirname(path);
  const folderKind = kindOf(folder);
  if (folderKind === 'missing') throw templateError('error.WriteFolderMissing', [folder, flag, path], [folder, flag]);
  if (folderKind === 'file') throw templateError('error.WriteFolderIsFile', [folder, flag, path], [flag]);
}

/**
 * A path for a new template (`template generate`, `template import`): one `assertWritableTemplatePath` takes,
 * and no existing file unless `force`: the file there may be a template written by hand.
 */
export function assertNewTemplatePath(path: string, flag: string, force: boolean): void {
  assertWritableTemplatePath(path, flag);
  if (kindOf(path) === 'file' && !force) throw templateError('error.TemplateExists', [path], [path, flag]);
}

function kindOf(path: string): 'missing' | 'file' | 'folder' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'missing';
  }
}

/**
 * Writes through a temporary file and a rename, so that an interrupted write never leaves a half template
 * (possibly the user's own input file) behind. A failure (permissions, a full disk, the path changed since
 * it was checked) is an SfError that names the file and the reason.
 */
export async function writeTemplateFile(path: string, file: TemplateFile, flag = '--write'): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(file, null, 2)}\n`, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    assertWritableTemplatePath(path, flag);
    throw templateError('error.TemplateNotWritten', [path, fileErrorReason(error)]);
  }
}
