import { expect } from 'chai';
import { correlateResults } from '../../../src/lib/bulk/correlate.js';
import { CorrelationIndex } from '../../../src/lib/bulk/correlationIndex.js';

const job = { id: '750A', state: 'JobComplete' as const, object: 'Account', operation: 'upsert' };

describe('bulk: correlating result rows', () => {
  it('finds a record by its exact cell first, then by numeric value when Salesforce re-formatted it', () => {
    const index = new CorrelationIndex('Ext__c', [
      { key: 'a', values: { Ext__c: '0012' } },
      { key: 'b', values: { Ext__c: 912260031 } },
    ]);
    expect(index.keyOf('0012')).to.equal('a');
    expect(index.keyOf('12')).to.equal('a');
    expect(index.keyOf('9.12260031E8')).to.equal('b');
    expect(index.keyOf('13')).to.equal(undefined);
    expect(index.keyOf(undefined)).to.equal(undefined);
  });

  it('never guesses between records whose values are the same number', () => {
    const index = new CorrelationIndex('Ext__c', [
      { key: 'a', values: { Ext__c: '012' } },
      { key: 'b', values: { Ext__c: '12' } },
    ]);
    expect(index.keyOf('12')).to.equal('b');
    expect(index.keyOf('12.0')).to.equal(undefined);
  });

  it('settles a record by its first row, ignores rows of no record and marks records without a row in doubt', () => {
    const index = new CorrelationIndex('Ext__c', [
      { key: 'a', values: { Ext__c: 'A' } },
      { key: 'b', values: { Ext__c: 'B' } },
    ]);
    const outcomes = correlateResults(
      job,
      {
        successful: [
          { sf__Id: '001A', sf__Created: 'false', Ext__c: 'A' },
          { sf__Id: '001Z', sf__Created: 'true', Ext__c: 'Z' },
        ],
        failed: [{ sf__Id: '', sf__Error: 'UNKNOWN_EXCEPTION:late duplicate:--', Ext__c: 'A' }],
        unprocessed: [],
      },
      index
    );
    expect([...outcomes.keys()]).to.deep.equal(['a', 'b']);
    expect(outcomes.get('a')).to.deep.equal({ ok: true, targetId: '001A', created: false });
    expect(outcomes.get('b')).to.deep.equal({
      ok: false,
      targetId: null,
      created: false,
      error: {
        statusCode: 'ISYNC_IN_DOUBT',
        message: 'Bulk API job 750A ended JobComplete without a result for this record: check the target before sending it again.',
        fields: [],
      },
    });
  });
});
