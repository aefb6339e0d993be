import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileErrorReason } from './fileErrorReason.js';
import { jsonErrorOffset } from './jsonErrorOffset.js';
import type { TemplateFile } from './templateFile.js';
import { templateError } from './templateProblems.js';
import { templateShapeProblems } from './templateSchema.js';

/**
 * Reads a template file and checks its shape against the JSON Schema. Each failure is an SfError that says
 * which file and what to do: missing file, unreadable file, invalid JSON (with line and column), wrong shape
 * (every schema violation at once). Checks against the orgs come later, in `normaliseTemplate`. `onParsed`
 * sees the parsed JSON before its shape is checked, to start work that needs no more than that.
 */
export async function readTemplateFile(path: string, onParsed?: (value: unknown) => void): Promise<TemplateFile> {
  const text = await readText(path);
  const value = parseJson(path, text);
  // Before the shape check, which waits for the validator's module on first use.
  onParsed?.(value);
  const problems = await templateShapeProblems(value);
  if (problems.length === 0) return value as TemplateFile;
  throw templateError('error.TemplateSchemaInvalid', [path, problems.length, problems.map((p) => `- ${p}`).join('\n')]);
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ENOTDIR: a part of the path is a file (`sync.json/t.json`), so there is no such template either.
    if (code === 'ENOENT' || code === 'ENOTDIR') throw templateError('error.TemplateNotFound', [path], [path]);
    if (code === 'EISDIR') throw templateError('error.TemplateIsFolder', [path], [join(path, 'isync.json'), join(path, 'isync.json')]);
    throw templateError('error.TemplateUnreadable', [path, fileErrorReason(error)]);
  }
}

function parseJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const { reason, line, column } = locateJsonError(text, (error as Error).message);
    throw templateError('error.TemplateNotJson', [path, reason, line, column]);
  }
}

/**
 * Line and column of a JSON syntax error. V8 usually reports the offset ("... in JSON at position 42 (line 3
 * column 7)") but not always (Node 22's "Unexpected token ']', ..."x"..." is not valid JSON" has none), so the
 * offset comes from V8 when it gives one, else from scanning the text; the line and column are computed from it
 * so that they do not depend on the Node version's wording. The reason drops V8's excerpt of the text.
 */
export function locateJsonError(text: string, message: string): { reason: string; line: number; column: number } {
  const match = /^(.*?)(?: in JSON)? at position (\d+)/.exec(message);
  const unexpectedToken = /^(Unexpected token '.+?'), .*is not valid JSON$/s.exec(message);
  const reason = (match?.[1] ?? unexpectedToken?.[1] ?? message.replace(/ \(line \d+ column \d+\)$/, '')).trim();
  const offset = match ? Number(match[2]) : jsonErrorOffset(text) ?? text.length;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { reason, line, column };
}
