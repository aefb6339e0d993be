/** Request body helpers: reading (gzip-aware) and Salesforce's JSON parse errors. */
import type { IncomingMessage } from 'node:http';
import { gunzipSync, inflateSync } from 'node:zlib';
import { apiError, type EmulatorResponse } from './types.js';

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const encoding = (req.headers['content-encoding'] ?? '').toLowerCase();
  if (encoding === 'gzip') return gunzipSync(raw).toString('utf8');
  if (encoding === 'deflate') return inflateSync(raw).toString('utf8');
  return raw.toString('utf8');
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: EmulatorResponse };

/** Line and column of a character offset, 1-based, as Salesforce's parser reports them. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Parses a JSON body. Malformed JSON gets Salesforce's 400 JSON_PARSER_ERROR; an empty body where one is
 * required gets the text Salesforce sends for a missing body.
 */
export function parseJsonBody<T>(body: string): Parsed<T> {
  if (body.trim() === '') {
    return { ok: false, response: apiError(400, 'JSON_PARSER_ERROR', 'The request body is either invalid or incomplete.') };
  }
  try {
    return { ok: true, value: JSON.parse(body) as T };
  } catch (e) {
    // Salesforce reports Jackson's parse errors; the wording below follows Jackson's two common cases.
    const offsetText = /position (\d+)/.exec(String(e))?.[1];
    if (offsetText === undefined || Number(offsetText) >= body.length) {
      const at = position(body, body.length);
      return {
        ok: false,
        response: apiError(400, 'JSON_PARSER_ERROR', `Unexpected end-of-input: expected close marker for OBJECT at [line:${at.line}, column:${at.column}]`),
      };
    }
    const offset = Number(offsetText);
    const at = position(body, offset);
    const ch = body[offset];
    return {
      ok: false,
      response: apiError(
        400,
        'JSON_PARSER_ERROR',
        `Unexpected character ('${ch}' (code ${ch.charCodeAt(0)})): expected a valid value (number, String, array, object, 'true', 'false' or 'null') at [line:${at.line}, column:${at.column}]`
      ),
    };
  }
}
