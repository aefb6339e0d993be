import { expect } from 'chai';
import { sinceValue, syncTypeOf } from '../../../src/commandSupport/syncTypeFlags.js';

describe('--since and --sync-type', () => {
  const now = Date.parse('2026-12-07T12:00:00Z');
  it('reads dates, zoned date-times and "last"', () => {
    expect(sinceValue('2026-12-01', now)).to.equal('2026-12-01T00:00:00.000Z');
    expect(sinceValue('2026-12-01T09:30:00+01:00', now)).to.equal('2026-12-01T08:30:00.000Z');
    expect(sinceValue('2026-12-01T08:30Z', now)).to.equal('2026-12-01T08:30:00.000Z');
    expect(sinceValue('last', now)).to.equal('last');
  });

  it('refuses what is not a date, a date-time without its zone, and the future, with exit 2', () => {
    for (const [value, name] of [
      ['yesterday', 'SinceNotADateError'],
      ['2026-12-01T08:30:00', 'SinceNotADateError'],
      ['2026-13-01', 'SinceNotADateError'],
      ['2026-12-08', 'SinceInFutureError'],
    ]) {
      expect(() => sinceValue(value, now), value)
        .to.throw()
        .with.property('name', name);
      expect(() => sinceValue(value, now), value)
        .to.throw()
        .with.property('exitCode', 2);
    }
  });

  it('--since is a delta; --since last is the last sync dates; --sync-type full with --since is refused', () => {
    expect(syncTypeOf({ since: '2026-12-01T00:00:00.000Z' })).to.deep.equal({
      syncType: 'delta',
      since: '2026-12-01T00:00:00.000Z',
      includeDeleted: undefined,
    });
    expect(syncTypeOf({ since: 'last', 'include-deleted': true })).to.deep.equal({ syncType: 'delta', since: undefined, includeDeleted: true });
    expect(syncTypeOf({})).to.deep.equal({ syncType: undefined, since: undefined, includeDeleted: undefined });
    expect(() => syncTypeOf({ since: 'last', 'sync-type': 'full' }))
      .to.throw()
      .with.property('name', 'SinceWithFullError');
  });
});
