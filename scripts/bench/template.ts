/**
 * The bench template (`bench-template.json`): the objects of the `bench` dataset with the fields its records
 * fill, read once and given to every tool, so that they all move the same objects, fields and lookups.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type BenchObject = { name: string; fields: string[]; where?: string };

export type BenchTemplate = {
  /** The file itself, which `sf isync execute -t` reads. */
  path: string;
  objects: BenchObject[];
  /** From this many records in an object, writes go through Bulk API 2.0 (the template's option). */
  bulkThreshold: number;
};

export const BENCH_TEMPLATE_PATH = join(dirname(fileURLToPath(import.meta.url)), 'bench-template.json');

/** The engine's default when a template sets none (schemas/isync-template.schema.json). */
const DEFAULT_BULK_THRESHOLD = 10_000;

type TemplateFile = { objects: Array<{ name: string; fields?: string[]; where?: string }>; options?: { bulkThreshold?: number } };

export function readBenchTemplate(path = BENCH_TEMPLATE_PATH): BenchTemplate {
  const file = JSON.parse(readFileSync(path, 'utf8')) as TemplateFile;
  const objects = file.objects.map(({ name, fields, where }) => {
    // Both tools must write the same fields: a template that left them to each tool's defaults would not.
    if (!fields?.length) throw new Error(`${path}: ${name} needs an explicit "fields" list for the benchmark`);
    return { name, fields, ...(where ? { where } : {}) };
  });
  return { path, objects, bulkThreshold: file.options?.bulkThreshold ?? DEFAULT_BULK_THRESHOLD };
}
