import { expect } from 'chai';
import { summarizeIsyncJson } from './isync.js';
import { summarizeSfdmuLog } from './sfdmu.js';

describe('bench: what each tool says of its run', () => {
  it('isync: the state, the totals and the first failures of the --json document', () => {
    const json = {
      status: 0,
      result: { state: 'partial', totals: { inserted: 990, failed: 10 }, failures: [{ object: 'Case', code: 'REQUIRED_FIELD_MISSING', count: 10 }] },
    };
    expect(summarizeIsyncJson(JSON.stringify(json))).to.equal('partial (inserted 990, failed 10); failures: Case REQUIRED_FIELD_MISSING x10');
  });

  it('isync: an error document, or no JSON at all', () => {
    expect(summarizeIsyncJson(JSON.stringify({ status: 1, name: 'NoOrg', message: 'No org src' }))).to.equal('error: No org src');
    expect(summarizeIsyncJson('Segmentation fault')).to.equal('no JSON on stdout (18 bytes)');
  });

  it('SFDMU: its success line, with the failed records its log counts (it exits 0 regardless)', () => {
    expect(summarizeSfdmuLog('...\nCommand succeeded.\n')).to.equal('Command succeeded.');
    const log = '{Case} 3 records failed\n{Task} 2 records failed\nCommand succeeded.\n';
    expect(summarizeSfdmuLog(log)).to.equal('Command succeeded. Its log reports 5 failed records.');
    expect(summarizeSfdmuLog('Execution of the command sfdmu:run has been finished. Exit code 4 (COMMAND_EXECUTION_ERROR).\n')).to.equal(
      'Execution of the command sfdmu:run has been finished. Exit code 4 (COMMAND_EXECUTION_ERROR).'
    );
  });
});
