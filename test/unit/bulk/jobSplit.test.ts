import { expect } from 'chai';
import { DEFAULT_JOB_LIMITS, MAX_JOB_BASE64_BYTES, splitIntoJobs } from '../../../src/lib/bulk/jobSplit.js';

const lines = (count: number, text = 'abc\n'): string[] => Array.from({ length: count }, () => text);

describe('bulk: splitting an upload into jobs', () => {
  it('keeps everything in one job within the limits', () => {
    expect(splitIntoJobs('H\n', lines(10_000), DEFAULT_JOB_LIMITS)).to.deep.equal([{ start: 0, end: 10_000 }]);
  });

  it('caps the records per job', () => {
    expect(splitIntoJobs('H\n', lines(7), { ...DEFAULT_JOB_LIMITS, maxRecords: 3 })).to.deep.equal([
      { start: 0, end: 3 },
      { start: 3, end: 6 },
      { start: 6, end: 7 },
    ]);
  });

  it('counts the base64 size of header and lines in UTF-8 bytes', () => {
    // 12 base64 bytes = 9 raw bytes: the header (2) and one 4-byte line fit, a second line does not.
    expect(splitIntoJobs('H\n', lines(3), { ...DEFAULT_JOB_LIMITS, maxBase64Bytes: 12 })).to.have.length(3);
    // 'é' is 2 bytes: 'éé\n' is 5 bytes, header 2 + 5 = 7 <= 9 raw bytes.
    expect(splitIntoJobs('H\n', lines(2, 'éé\n'), { ...DEFAULT_JOB_LIMITS, maxBase64Bytes: 12 })).to.deep.equal([
      { start: 0, end: 1 },
      { start: 1, end: 2 },
    ]);
    expect(DEFAULT_JOB_LIMITS.maxBase64Bytes).to.equal(MAX_JOB_BASE64_BYTES);
    expect(MAX_JOB_BASE64_BYTES).to.equal(157_286_400);
  });

  it('caps the characters per job', () => {
    expect(splitIntoJobs('H\n', lines(4), { ...DEFAULT_JOB_LIMITS, maxCharacters: 10 })).to.deep.equal([
      { start: 0, end: 2 },
      { start: 2, end: 4 },
    ]);
  });

  it('gives a line too big for any job a job of its own', () => {
    expect(splitIntoJobs('H\n', ['x'.repeat(50), 'y\n'], { ...DEFAULT_JOB_LIMITS, maxCharacters: 10 })).to.deep.equal([
      { start: 0, end: 1 },
      { start: 1, end: 2 },
    ]);
  });
});
