/**
 * Tooling `DeployRequest`: one row per deploy the org knows, as `/tooling/query` serves it (e.g.
 * `SELECT Id, Status, CreatedDate FROM DeployRequest WHERE Status IN ('Pending','InProgress')`). Clients use it
 * to find deploys they lost the id of; sf isync does, after a process killed between deploy() and journaling
 * the id. Columns as the sf CLI's community plugins and monitoring tools query them (UNVERIFIED against the
 * Tooling reference page: see the emulator README).
 */
import type { SetupObject } from '../automation/setupSource.js';
import { formatDatetime } from '../org/fieldValues.js';
import type { FieldDescribe } from '../schema/model.js';
import { READ_ONLY, standardField } from '../schema/standardObjectBuilder.js';
import { idField } from '../schema/systemFields.js';
import type { StoredRecord } from '../soql/types.js';
import type { DeployRecord } from './deployTypes.js';

const STATUSES = ['Pending', 'InProgress', 'Succeeded', 'SucceededPartial', 'Failed', 'Canceling', 'Canceled'];

const ro = (field: FieldDescribe): FieldDescribe => ({ ...field, ...READ_ONLY });

function deployRequestFields(): FieldDescribe[] {
  const count = (name: string): FieldDescribe => ro(standardField({ kind: 'int', name, digits: 9 }));
  const when = (name: string): FieldDescribe => ro(standardField({ kind: 'datetime', name }));
  return [
    idField('Deploy Request ID'),
    when('CreatedDate'),
    ro(standardField({ kind: 'lookup', name: 'CreatedById', referenceTo: 'User', relationshipName: 'CreatedBy' })),
    when('StartDate'),
    when('CompletedDate'),
    ro(standardField({ kind: 'picklist', name: 'Status', values: STATUSES })),
    ro(standardField({ kind: 'text', name: 'StateDetail', length: 255 })),
    ro(standardField({ kind: 'boolean', name: 'CheckOnly' })),
    ro(standardField({ kind: 'boolean', name: 'RunTestsEnabled' })),
    ro(standardField({ kind: 'text', name: 'ErrorStatusCode', length: 255 })),
    ro(standardField({ kind: 'textarea', name: 'ErrorMessage', length: 32000 })),
    count('NumberComponentsTotal'),
    count('NumberComponentsDeployed'),
    count('NumberComponentErrors'),
    count('NumberTestsTotal'),
    count('NumberTestsCompleted'),
    count('NumberTestErrors'),
  ];
}

/** The deploy keeps SOAP's `…Z` datetimes; a SOQL row carries Salesforce's `…+0000`. */
const wire = (iso: string | undefined): string | null => (iso === undefined ? null : formatDatetime(new Date(iso)));

function deployRequestRow(record: DeployRecord): StoredRecord {
  return {
    Id: record.id,
    IsDeleted: false,
    CreatedDate: wire(record.createdDate),
    CreatedById: record.createdBy.id,
    StartDate: wire(record.startDate),
    CompletedDate: wire(record.completedDate),
    Status: record.status,
    StateDetail: record.stateDetail ?? null,
    CheckOnly: record.options.checkOnly,
    RunTestsEnabled: record.runTestsEnabled,
    ErrorStatusCode: record.error?.statusCode ?? null,
    ErrorMessage: record.error?.message ?? null,
    NumberComponentsTotal: record.numberComponentsTotal,
    NumberComponentsDeployed: record.numberComponentsDeployed,
    NumberComponentErrors: record.numberComponentErrors,
    NumberTestsTotal: record.numberTestsTotal,
    NumberTestsCompleted: record.numberTestsCompleted,
    NumberTestErrors: record.numberTestErrors,
  };
}

/** The Tooling object over a queue's deploys, oldest first. */
export function deployRequestObject(deploys: () => readonly DeployRecord[]): SetupObject {
  const fields = deployRequestFields();
  return { name: 'DeployRequest', fields, rows: () => deploys().map(deployRequestRow) };
}
