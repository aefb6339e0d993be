import { expect } from 'chai';
import { MASK_KINDS, type MaskSpec } from '../../../src/lib/mapping/masking/maskKinds.js';
import { MASKED_EMAIL_DOMAIN, REDACTED_TEXT, maskValue } from '../../../src/lib/mapping/masking/maskValue.js';
import { fakeValuePools } from '../../../src/lib/mapping/masking/fakeValuePools.js';

const SECRET = 'test-secret';
const OTHER_SECRET = 'another-secret';
const EMAIL = /^[a-z]+(\.[a-z]+)?\.\d{6}@example\.com$/;

function specOf(kind: (typeof MASK_KINDS)[number]): MaskSpec {
  return kind === 'number' ? { kind, min: 0, max: 100000 } : { kind };
}

function maskAll(spec: MaskSpec, values: readonly string[], secret = SECRET): unknown[] {
  return values.map((value) => maskValue(spec, value, secret));
}

describe('maskValue', () => {
  const sources = ['Ada.Lovelace@analytical.org', 'Grace Hopper', '+44 20 7946 0018', '12345', 'Acme Corp'];

  it('is deterministic: the same value and secret always mask the same way', () => {
    for (const kind of MASK_KINDS) {
      expect(maskAll(specOf(kind), sources), kind).to.deep.equal(maskAll(specOf(kind), sources));
    }
  });

  it('depends on the secret and hides the source value', () => {
    for (const kind of MASK_KINDS.filter((k) => k !== 'redact' && k !== 'null')) {
      const masked = maskAll(specOf(kind), sources);
      const underOther = maskAll(specOf(kind), sources, OTHER_SECRET);
      expect(masked.filter((value, i) => value === underOther[i]).length, kind).to.be.lessThan(2);
      for (const source of sources) expect(masked, kind).to.not.include(source);
    }
  });

  it('keeps null as null and empty as empty, except the null kind which always gives null', () => {
    for (const kind of MASK_KINDS) {
      expect(maskValue(specOf(kind), null, SECRET), kind).to.equal(null);
      expect(maskValue(specOf(kind), undefined, SECRET), kind).to.equal(null);
      expect(maskValue(specOf(kind), '', SECRET), kind).to.equal(kind === 'null' ? null : '');
    }
    expect(maskValue({ kind: 'null' }, 'secret stuff', SECRET)).to.equal(null);
  });

  it('masks emails as valid emails on a reserved domain, case and spaces not mattering', () => {
    const masked = maskValue({ kind: 'email' }, 'A@x.com', SECRET);
    expect(masked).to.match(EMAIL);
    expect(String(masked).endsWith(`@${MASKED_EMAIL_DOMAIN}`)).to.equal(true);
    expect(maskValue({ kind: 'email' }, ' a@X.COM ', SECRET)).to.equal(masked);
    expect(maskValue({ kind: 'email' }, 'b@x.com', SECRET)).to.not.equal(masked);
  });

  it('gives distinct emails to distinct sources (no collision in 100,000)', () => {
    const masked = new Set<unknown>();
    for (let i = 0; i < 100_000; i++) masked.add(maskValue({ kind: 'email' }, `user${i}@corp.example.org`, SECRET));
    expect(masked.size).to.equal(100_000);
  });

  it('shortens an email to fit the field and keeps it valid while it can', () => {
    const full = String(maskValue({ kind: 'email' }, 'someone@x.com', SECRET));
    const short = String(maskValue({ kind: 'email' }, 'someone@x.com', SECRET, { maxLength: full.length - 1 }));
    expect(short.length).to.be.lessThan(full.length);
    expect(short).to.match(EMAIL);
    expect(full.endsWith(short)).to.equal(true);
    expect(maskValue({ kind: 'email' }, 'someone@x.com', SECRET, { maxLength: 18 })).to.match(/^\d{6}@example\.com$/);
    expect(String(maskValue({ kind: 'email' }, 'someone@x.com', SECRET, { maxLength: 10 }))).to.have.length(10);
  });

  it('masks phones into the fictional 555-01xx range, by their digits', () => {
    const masked = maskValue({ kind: 'phone' }, '+1 (415) 555-2671', SECRET);
    expect(masked).to.match(/^\([2-9]\d\d\) 555-01\d\d$/);
    expect(maskValue({ kind: 'phone' }, '14155552671', SECRET)).to.equal(masked);
    expect(maskValue({ kind: 'phone' }, '+1 (415) 555-2671', SECRET, { maxLength: 10 })).to.match(/^[2-9]\d\d55501\d\d$/);
  });

  it('picks names, companies and places from faker English data', () => {
    const { firstNames, lastNames, cities, streetSuffixes } = fakeValuePools();
    expect(firstNames).to.include(maskValue({ kind: 'firstName' }, 'Ada', SECRET));
    expect(lastNames).to.include(maskValue({ kind: 'lastName' }, 'Lovelace', SECRET));
    const [first, last] = String(maskValue({ kind: 'name' }, 'Ada Lovelace', SECRET)).split(' ');
    expect(firstNames).to.include(first);
    expect(lastNames).to.include(last);
    expect(cities).to.include(maskValue({ kind: 'city' }, 'London', SECRET));
    const street = String(maskValue({ kind: 'street' }, '221B Baker Street', SECRET));
    expect(street).to.match(/^\d{1,4} \S.* \S+$/);
    expect(streetSuffixes).to.include(street.split(' ').at(-1));
    expect(maskValue({ kind: 'company' }, 'Acme Corp', SECRET)).to.match(/^[A-Z][A-Za-z' -]+(, [A-Za-z' ]+ and [A-Za-z' ]+| [A-Za-z ]+|-[A-Za-z']+)$/);
    expect(maskValue({ kind: 'postalCode' }, 'SW1A 1AA', SECRET)).to.match(/^\d{5}$/);
  });

  it('normalises: names trimmed (case kept), places and companies case-insensitive', () => {
    expect(maskValue({ kind: 'lastName' }, ' Lovelace ', SECRET)).to.equal(maskValue({ kind: 'lastName' }, 'Lovelace', SECRET));
    expect(maskValue({ kind: 'company' }, 'ACME corp', SECRET)).to.equal(maskValue({ kind: 'company' }, 'acme Corp', SECRET));
    expect(maskValue({ kind: 'postalCode' }, 'sw1a1aa', SECRET)).to.equal(maskValue({ kind: 'postalCode' }, 'SW1A 1AA', SECRET));
  });

  it('uses the kind as domain separation: the same value masks unrelatedly as first and last name', () => {
    const { firstNames, lastNames } = fakeValuePools();
    const values = Array.from({ length: 50 }, (_, i) => `Person${i}`);
    const firstIndexes = values.map((v) => firstNames.indexOf(String(maskValue({ kind: 'firstName' }, v, SECRET))));
    const lastIndexes = values.map((v) => lastNames.indexOf(String(maskValue({ kind: 'lastName' }, v, SECRET))));
    expect(firstIndexes.filter((index, i) => index % lastNames.length === lastIndexes[i]).length).to.be.lessThan(5);
  });

  it('draws numbers uniformly in the range, the same for 1000 and "1000.0"', () => {
    const spec: MaskSpec = { kind: 'number', min: 1000, max: 5000 };
    const masked = Array.from({ length: 20_000 }, (_, i) => maskValue(spec, i, SECRET) as number);
    expect(masked.every((n) => Number.isInteger(n) && n >= 1000 && n <= 5000)).to.equal(true);
    const lowHalf = masked.filter((n) => n < 3000).length;
    expect(lowHalf).to.be.within(9_500, 10_500);
    expect(maskValue(spec, 1000, SECRET)).to.equal(maskValue(spec, '1000.0', SECRET));
    expect(maskValue({ kind: 'number', min: 7, max: 7 }, 123, SECRET)).to.equal(7);
    expect(maskValue({ kind: 'number', min: -5, max: 5 }, 3.25, SECRET)).to.be.within(-5, 5);
  });

  it('redacts with a fixed text, cut to the field length', () => {
    expect(maskValue({ kind: 'redact' }, 'Long private story', SECRET)).to.equal(REDACTED_TEXT);
    expect(maskValue({ kind: 'redact' }, 'Long private story', SECRET, { maxLength: 4 })).to.equal('[red');
  });

  it('cuts any text to the field length; a length of 0 means no limit', () => {
    for (const kind of ['name', 'company', 'street', 'city', 'firstName'] as const) {
      expect(String(maskValue({ kind }, 'Some Source Value', SECRET, { maxLength: 3 })).length, kind).to.be.at.most(3);
    }
    expect(maskValue({ kind: 'city' }, 'London', SECRET, { maxLength: 0 })).to.equal(maskValue({ kind: 'city' }, 'London', SECRET));
  });

  it('masks numbers and booleans given to text kinds, and refuses objects without echoing them', () => {
    expect(maskValue({ kind: 'phone' }, 4155552671, SECRET)).to.equal(maskValue({ kind: 'phone' }, '4155552671', SECRET));
    expect(() => maskValue({ kind: 'email' }, { secret: 'x@y.com' }, SECRET))
      .to.throw(TypeError, 'cannot mask a value of type object')
      .with.property('message')
      .that.does.not.contain('x@y.com');
  });
});
