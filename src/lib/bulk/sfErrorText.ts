import type { RecordError } from '../api/collections.js';

/**
 * Salesforce's `sf__Error` text is `CODE:message:fields --`, fields each followed by a space, e.g.
 *   `REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --`
 *   `REQUIRED_FIELD_MISSING:Required fields are missing: [Company]:--`
 *   `INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:Perfil API: valor incorreto …: MODERADOL:braseg_perfil_api__pc --`
 * Messages hold colons (and line breaks), so the code is what precedes the first colon and the fields what
 * follows the last one. Field names never hold a colon.
 */
const STRUCTURED = /^([A-Z][A-Z0-9_]*):([\s\S]*):([^:]*)--\s*$/;
const CODE_FIRST = /^([A-Z][A-Z0-9_]*):([\s\S]*)$/;

export const UNKNOWN_ERROR_CODE = 'UNKNOWN_EXCEPTION';

/** Text that does not follow the pattern keeps everything it says, in the message. */
export function parseSfError(text: string): RecordError {
  const structured = STRUCTURED.exec(text);
  if (structured) {
    const [, statusCode, message, fields] = structured;
    return { statusCode, message, fields: fields.split(/\s+/).filter((field) => field !== '') };
  }
  const codeFirst = CODE_FIRST.exec(text);
  if (codeFirst) return { statusCode: codeFirst[1], message: codeFirst[2], fields: [] };
  return { statusCode: UNKNOWN_ERROR_CODE, message: text === '' ? 'The record was not saved.' : text, fields: [] };
}
