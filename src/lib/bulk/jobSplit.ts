import { SALESFORCE_LIMITS } from '../api/salesforceLimits.js';

/**
 * Splits an upload into jobs that Salesforce accepts: one job holds at most 150 MB of data after base64
 * encoding (the Bulk API 2.0 guide: "up to 150MB (after base64 encoding)") and 150,000,000 characters, and
 * the caller may ask for fewer records per job.
 */
export const MAX_JOB_BASE64_BYTES = 150 * 1024 * 1024;
export const MAX_JOB_CHARACTERS = SALESFORCE_LIMITS.bulkJobUploadCharacters;

export type JobLimits = { maxRecords: number; maxBase64Bytes: number; maxCharacters: number };

export const DEFAULT_JOB_LIMITS: JobLimits = {
  maxRecords: Number.POSITIVE_INFINITY,
  maxBase64Bytes: MAX_JOB_BASE64_BYTES,
  maxCharacters: MAX_JOB_CHARACTERS,
};

/** A job's lines: `lines.slice(start, end)`. */
export type JobSlice = { start: number; end: number };

/** Base64 turns every 3 bytes into 4, so this many raw bytes fit. */
function rawByteAllowance(maxBase64Bytes: number): number {
  return Math.floor(maxBase64Bytes / 4) * 3;
}

/**
 * Greedy packing in record order; every job repeats the header. A record too big for a job on its own still
 * gets a job: Salesforce then fails that job, and its record is reported unprocessed like any other.
 */
export function splitIntoJobs(headerLine: string, lines: readonly string[], limits: JobLimits): JobSlice[] {
  const maxBytes = rawByteAllowance(limits.maxBase64Bytes);
  const headerBytes = Buffer.byteLength(headerLine, 'utf8');
  const slices: JobSlice[] = [];
  let start = 0;
  let bytes = headerBytes;
  let characters = headerLine.length;
  for (let index = 0; index < lines.length; index++) {
    const lineBytes = Buffer.byteLength(lines[index], 'utf8');
    const lineCharacters = lines[index].length;
    const full =
      index - start >= limits.maxRecords || bytes + lineBytes > maxBytes || characters + lineCharacters > limits.maxCharacters;
    if (full && index > start) {
      slices.push({ start, end: index });
      start = index;
      bytes = headerBytes;
      characters = headerLine.length;
    }
    bytes += lineBytes;
    characters += lineCharacters;
  }
  if (lines.length > start) slices.push({ start, end: lines.length });
  return slices;
}
