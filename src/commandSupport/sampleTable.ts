import type { Messages } from '@salesforce/core';
import type { SfCommand } from '@salesforce/sf-plugins-core';
import type { SampleRecord } from '../lib/load/writeSamples.js';
import { scalarText } from '../lib/util/scalarText.js';

/** `scan --show-sample`: one table per object, a row per record, a column per field it would send. */
export function renderSamples(command: SfCommand<unknown>, samples: Record<string, SampleRecord[]>, messages: Messages<string>): void {
  for (const [object, records] of Object.entries(samples)) {
    command.styledHeader(messages.getMessage('info.sampleHeader', [object, records.length]));
    const fields = [...new Set(records.flatMap((record) => Object.keys(record.values)))];
    const data = records.map((record) => {
      const row: Record<string, string> = { operation: record.operation, sourceId: record.sourceId };
      for (const field of fields) row[field] = record.values[field] === null || record.values[field] === undefined ? '' : scalarText(record.values[field]);
      return row;
    });
    // Fields keep their API names as headers (the default would turn `Code__c` into "Code C").
    const columns = [{ key: 'operation', name: 'Operation' }, { key: 'sourceId', name: 'Source Id' }, ...fields.map((field) => ({ key: field, name: field }))];
    command.table({ data, columns, overflow: 'wrap' });
  }
}
