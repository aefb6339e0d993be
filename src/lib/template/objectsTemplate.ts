import type { TemplateFile } from './templateFile.js';
import { templateError } from './templateProblems.js';

/**
 * The template that `--objects Account --objects Contact` stands for: those objects with every default (all
 * writable fields, match key = first external id field else the name field, insert and update on).
 */
export function templateFromObjectList(objects: readonly string[]): TemplateFile {
  const names = objects.map((name) => name.trim()).filter(Boolean);
  if (names.length === 0) throw templateError('error.NoObjects', []);
  return { objects: names.map((name) => ({ name })) };
}
