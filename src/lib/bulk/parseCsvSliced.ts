import { setImmediate as nextTurn } from 'node:timers/promises';
import { parse, type Options } from 'csv-parse';

/** Characters parsed in one turn of the event loop: a few milliseconds of work. */
export const SLICE_CHARS = 64 * 1024;

/**
 * Parses CSV text a slice at a time, letting the event loop run between slices. A Bulk results page of 10,000
 * rows takes 75-100 ms to parse in one go, and during that time no response of the run is handled: with 25
 * requests in flight, every one of them waited (measured at 100,000 records: stretches of 150-250 ms with
 * the process busy, each a page parse). The stream parser keeps its state between slices, so a quoted field
 * may span them; a slice never ends inside a surrogate pair, so no character is cut in two.
 */
export async function parseCsvSliced<Row>(text: string, options: Options, sliceChars = SLICE_CHARS): Promise<Row[]> {
  const parser = parse(options);
  const rows: Row[] = [];
  let failure: Error | undefined;
  parser.on('data', (row: Row) => rows.push(row));
  const ended = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('error', (error: Error) => {
      failure ??= error;
      resolve();
    });
  });
  for (let at = 0; at < text.length && failure === undefined; ) {
    const end = sliceEnd(text, at, sliceChars);
    parser.write(text.slice(at, end));
    at = end;
    // A turn of the event loop between slices: the point of slicing.
    if (at < text.length) await nextTurn();
  }
  if (failure === undefined) parser.end();
  await ended;
  if (failure !== undefined) throw failure;
  return rows;
}

/** Where a slice from `at` ends: `sliceChars` on, moved back off a high surrogate (its pair is the next char). */
function sliceEnd(text: string, at: number, sliceChars: number): number {
  const end = Math.min(text.length, at + Math.max(2, sliceChars));
  const last = text.charCodeAt(end - 1);
  return end < text.length && last >= 0xd800 && last <= 0xdbff ? end - 1 : end;
}
