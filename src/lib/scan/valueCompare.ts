import { scalarText } from '../util/scalarText.js';

/**
 * Field-by-field comparison of a value about to be written with the value the target holds, by describe type,
 * so that a re-run writes nothing when nothing changed. Salesforce returns values in canonical forms that
 * differ from what a client may send (datetimes with +0000, numbers with trailing zeros, text '' as null), so
 * values are normalised before comparing.
 */
export function sameValue(fieldType: string, written: unknown, stored: unknown): boolean {
  const a = normalise(fieldType, written);
  const b = normalise(fieldType, stored);
  if (a === null || b === null) return a === b;
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return a === b;
}

function normalise(fieldType: string, value: unknown): string | number | boolean | null {
  if (value === undefined || value === null || value === '') return null;
  // Compound values (addresses, geolocations) compare by their JSON; everything else is a JSON scalar.
  const text = scalarText(value);
  switch (fieldType) {
    case 'int':
    case 'long':
    case 'double':
    case 'currency':
    case 'percent': {
      const number = typeof value === 'number' ? value : Number(text);
      return Number.isNaN(number) ? text : number;
    }
    case 'boolean':
      return value === true || value === 'true';
    case 'datetime': {
      const time = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
      return Number.isNaN(time) ? text : time;
    }
    case 'date':
      return text.slice(0, 10);
    case 'multipicklist':
      return text
        .split(';')
        .map((part) => part.trim())
        .filter((part) => part.length > 0)
        .sort()
        .join(';');
    case 'reference':
    case 'id':
      return to15(text);
    default:
      return text;
  }
}

/** 15- and 18-character forms of one Salesforce id compare equal (the 3 extra characters are a checksum). */
function to15(id: string): string {
  return id.length === 18 ? id.slice(0, 15) : id;
}
