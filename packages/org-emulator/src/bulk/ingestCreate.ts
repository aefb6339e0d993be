/**
 * `POST /jobs/ingest`: validates the job as Salesforce does (enums first, then the object, then the upsert
 * key) and stores an Open job.
 */
import type { EmulatorRequest, EmulatorResponse } from '../http/types.js';
import { externalIdMissing, notAnExternalId, unknownObject } from './bulkErrors.js';
import { createdIngestInfo, jsonResponse } from './jobInfo.js';
import { parseJsonObject, readCsvOptions, readEnum, type Checked, type JsonObject } from './jobRequest.js';
import type { JobStore } from './jobStore.js';
import { INGEST_OPERATIONS, type BulkDeps, type IngestOperation, type ObjectFields } from './types.js';

/** The canonical external id field name of an upsert job. */
function readExternalIdField(body: JsonObject, object: ObjectFields): Checked<string> {
  const raw = body.externalIdFieldName;
  if (raw === undefined || raw === null) return { ok: false, response: externalIdMissing(object.name) };
  const name = typeof raw === 'string' ? raw : JSON.stringify(raw);
  const field = object.fields.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
  if (!field || !(field.externalId || field.idLookup)) {
    return { ok: false, response: notAnExternalId(name, object.name) };
  }
  return { ok: true, value: field.name };
}

export function createIngestJob(req: EmulatorRequest, store: JobStore, deps: BulkDeps): EmulatorResponse {
  const body = parseJsonObject(req.body);
  if (!body.ok) return body.response;
  const operation = readEnum<IngestOperation>(body.value, 'operation', INGEST_OPERATIONS);
  if (!operation.ok) return operation.response;
  const csv = readCsvOptions(body.value);
  if (!csv.ok) return csv.response;
  const objectName = typeof body.value.object === 'string' ? body.value.object : '';
  const object = deps.describeObject(objectName);
  if (!object) return unknownObject(objectName);
  let externalIdFieldName: string | undefined;
  if (operation.value === 'upsert') {
    const externalId = readExternalIdField(body.value, object);
    if (!externalId.ok) return externalId.response;
    externalIdFieldName = externalId.value;
  }
  const now = deps.now();
  const job = {
    kind: 'ingest' as const,
    id: store.newId(),
    operation: operation.value,
    object: object.name,
    externalIdFieldName,
    createdById: deps.userId,
    createdDate: now,
    systemModstamp: now,
    state: 'Open' as const,
    apiVersion: req.apiVersion,
    ...csv.value,
    numberRecordsProcessed: 0,
    numberRecordsFailed: 0,
    totalProcessingTime: 0,
    outcomes: [],
  };
  store.add(job);
  return jsonResponse(200, createdIngestInfo(job));
}
