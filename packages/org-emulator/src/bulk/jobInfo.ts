/**
 * Job info bodies, key for key and in Salesforce's order. Each call answers with a different subset (checked
 * against the Bulk API 2.0 guide's samples and recorded responses):
 * - create ingest: head + contentUrl, lineEnding, columnDelimiter (no jobType, no counters);
 * - PATCH (UploadComplete / Aborted): head only, ending at apiVersion;
 * - GET ingest: head + jobType, contentUrl while Open, lineEnding, columnDelimiter, counters, timings;
 * - create query: head + lineEnding, columnDelimiter; GET query: + jobType V2Query, counters, isPkChunkingSupported;
 * - list: head + jobType, (contentUrl while Open), lineEnding, columnDelimiter.
 * `head` = id, operation, object, createdById, createdDate, systemModstamp, state, externalIdFieldName (upsert
 * only), concurrencyMode, contentType, apiVersion.
 */
import type { EmulatorResponse } from '../http/types.js';
import type { IngestJob, Job, QueryJob } from './types.js';

type Info = Record<string, unknown>;

/** Salesforce's job timestamps: UTC, whole seconds, `+0000`. */
export function formatJobDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}.000+0000`;
}

export function contentUrl(job: IngestJob): string {
  return `services/data/v${job.apiVersion}/jobs/ingest/${job.id}/batches`;
}

function head(job: Job): Info {
  const info: Info = {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: job.createdById,
    createdDate: formatJobDate(job.createdDate),
    systemModstamp: formatJobDate(job.systemModstamp),
    state: job.state,
  };
  if (job.kind === 'ingest' && job.externalIdFieldName !== undefined) {
    info.externalIdFieldName = job.externalIdFieldName;
  }
  info.concurrencyMode = 'Parallel';
  info.contentType = 'CSV';
  info.apiVersion = Number(job.apiVersion);
  return info;
}

function csvFormat(job: Job): Info {
  return { lineEnding: job.lineEnding, columnDelimiter: job.columnDelimiter };
}

function withErrorMessage(info: Info, job: Job): Info {
  return job.errorMessage === undefined ? info : { ...info, errorMessage: job.errorMessage };
}

export function createdIngestInfo(job: IngestJob): Info {
  return { ...head(job), contentUrl: contentUrl(job), ...csvFormat(job) };
}

export function stateChangeInfo(job: Job): Info {
  return head(job);
}

export function ingestListEntry(job: IngestJob): Info {
  const openUrl = job.state === 'Open' ? { contentUrl: contentUrl(job) } : {};
  return { ...head(job), jobType: 'V2Ingest', ...openUrl, ...csvFormat(job) };
}

export function ingestInfo(job: IngestJob): Info {
  return withErrorMessage(
    {
      ...ingestListEntry(job),
      numberRecordsProcessed: job.numberRecordsProcessed,
      numberRecordsFailed: job.numberRecordsFailed,
      retries: 0,
      totalProcessingTime: job.totalProcessingTime,
      apiActiveProcessingTime: job.totalProcessingTime,
      apexProcessingTime: 0,
    },
    job
  );
}

export function createdQueryInfo(job: QueryJob): Info {
  return { ...head(job), ...csvFormat(job) };
}

export function queryListEntry(job: QueryJob): Info {
  return { ...head(job), jobType: 'V2Query', ...csvFormat(job) };
}

export function queryInfo(job: QueryJob): Info {
  return withErrorMessage(
    {
      ...queryListEntry(job),
      numberRecordsProcessed: job.numberRecordsProcessed,
      retries: 0,
      totalProcessingTime: job.totalProcessingTime,
      isPkChunkingSupported: true,
    },
    job
  );
}

/**
 * A JSON response written by hand so `apiVersion` keeps its decimal (`62.0`), as Salesforce writes it;
 * JSON.stringify would drop it (`62`).
 */
export function jsonResponse(status: number, body: unknown): EmulatorResponse {
  const text = JSON.stringify(body).replace(/"apiVersion":(\d+)(?=[,}])/g, '"apiVersion":$1.0');
  return { status, headers: { 'content-type': 'application/json;charset=UTF-8' }, body: text };
}
