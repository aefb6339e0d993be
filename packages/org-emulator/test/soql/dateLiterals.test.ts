import { expect } from 'chai';
import { dateFunctionRange, parseDate, parseDateTime } from '../../src/soql/dateLiterals.js';

const day = (text: string): number => parseDate(text) as number;
/** Wednesday 2024-02-14, 15:00 UTC. */
const now = new Date('2024-02-14T15:00:00Z');

function range(name: string, n?: number): [number, number] {
  const { startDay, endDay } = dateFunctionRange({ name, n }, now);
  return [startDay, endDay];
}

describe('soql date literals', () => {
  it('parses dates and rejects impossible ones', () => {
    expect(parseDate('1970-01-02')).to.equal(1);
    expect(parseDate('2024-02-30')).to.equal(undefined);
  });

  it('parses dateTimes with Z, offsets, millis and the stored +0000 form', () => {
    const base = Date.UTC(2024, 0, 31, 10, 0, 0);
    expect(parseDateTime('2024-01-31T10:00:00Z')).to.equal(base);
    expect(parseDateTime('2024-01-31T10:00:00.000+0000')).to.equal(base);
    expect(parseDateTime('2024-01-31T12:30:00+02:30')).to.equal(base);
    expect(parseDateTime('2024-01-31T10:00:00.25Z')).to.equal(base + 250);
    expect(parseDateTime('2024-01-31T25:00:00Z')).to.equal(undefined);
  });

  it('computes day ranges as Salesforce documents them', () => {
    expect(range('TODAY')).to.deep.equal([day('2024-02-14'), day('2024-02-15')]);
    expect(range('YESTERDAY')).to.deep.equal([day('2024-02-13'), day('2024-02-14')]);
    expect(range('TOMORROW')).to.deep.equal([day('2024-02-15'), day('2024-02-16')]);
    // LAST_N_DAYS:1 is yesterday and today; NEXT_N_DAYS:n starts tomorrow.
    expect(range('LAST_N_DAYS', 1)).to.deep.equal([day('2024-02-13'), day('2024-02-15')]);
    expect(range('NEXT_N_DAYS', 2)).to.deep.equal([day('2024-02-15'), day('2024-02-17')]);
    expect(range('LAST_90_DAYS')).to.deep.equal([day('2023-11-16'), day('2024-02-15')]);
    expect(range('THIS_WEEK')).to.deep.equal([day('2024-02-11'), day('2024-02-18')]);
    expect(range('THIS_MONTH')).to.deep.equal([day('2024-02-01'), day('2024-03-01')]);
    expect(range('LAST_MONTH')).to.deep.equal([day('2024-01-01'), day('2024-02-01')]);
    expect(range('NEXT_N_MONTHS', 2)).to.deep.equal([day('2024-03-01'), day('2024-05-01')]);
    expect(range('THIS_QUARTER')).to.deep.equal([day('2024-01-01'), day('2024-04-01')]);
    expect(range('THIS_YEAR')).to.deep.equal([day('2024-01-01'), day('2025-01-01')]);
    expect(range('LAST_N_YEARS', 2)).to.deep.equal([day('2022-01-01'), day('2024-01-01')]);
  });
});
