import { expect } from 'chai';
import { MASK_KINDS, maskSpecText, parseMask, type ParsedMask } from '../../../src/lib/mapping/masking/maskKinds.js';
import { MASK_SECRET_ENV, maskSecret, runSecret } from '../../../src/lib/mapping/masking/maskSecret.js';

function problemOf(parsed: ParsedMask): string {
  expect(parsed.ok, 'expected a problem').to.equal(false);
  return parsed.ok ? '' : parsed.problem;
}

describe('parseMask', () => {
  it('reads every simple kind by name', () => {
    for (const kind of MASK_KINDS.filter((k) => k !== 'number')) {
      expect(parseMask(kind)).to.deep.equal({ ok: true, spec: { kind } });
    }
  });

  it('reads a number range as text or as an object, negative bounds included', () => {
    expect(parseMask('number:1000-5000')).to.deep.equal({ ok: true, spec: { kind: 'number', min: 1000, max: 5000 } });
    expect(parseMask(' number : -10 - -5 ')).to.deep.equal({ ok: true, spec: { kind: 'number', min: -10, max: -5 } });
    expect(parseMask({ kind: 'number', min: 0, max: 100000 })).to.deep.equal({ ok: true, spec: { kind: 'number', min: 0, max: 100000 } });
    expect(parseMask({ kind: 'email' })).to.deep.equal({ ok: true, spec: { kind: 'email' } });
  });

  it('lists the kinds for an unknown kind and hints at the case of a near miss', () => {
    expect(problemOf(parseMask('ssn'))).to.match(/unknown mask kind "ssn".*email, firstName.*number:MIN-MAX/);
    expect(problemOf(parseMask('firstname'))).to.contain('case-sensitive: "firstName"');
  });

  it('refuses bad ranges with a reason', () => {
    expect(problemOf(parseMask('number'))).to.contain('write number:MIN-MAX');
    expect(problemOf(parseMask('number:5-1'))).to.contain('minimum (5) is above its maximum (1)');
    expect(problemOf(parseMask('number:1.5-3'))).to.contain('not a number range');
    expect(problemOf(parseMask({ kind: 'number', min: 0.5, max: 3 }))).to.contain('whole numbers');
    expect(problemOf(parseMask({ kind: 'number', min: 0 }))).to.contain('numeric "min" and "max"');
    expect(problemOf(parseMask({ kind: 'email', min: 1 }))).to.contain('only the number mask');
    expect(problemOf(parseMask({ kind: 'email', length: 1 }))).to.contain('unknown mask property length');
    expect(problemOf(parseMask({}))).to.contain('needs a "kind"');
    expect(problemOf(parseMask(42))).to.contain('not 42');
  });

  it('writes a spec back as the template would', () => {
    expect(maskSpecText({ kind: 'number', min: -1, max: 9 })).to.equal('number:-1-9');
    expect(maskSpecText({ kind: 'postalCode' })).to.equal('postalCode');
  });
});

describe('maskSecret and runSecret', () => {
  it('reads the secret from the environment, absent or blank as undefined', () => {
    expect(maskSecret({ [MASK_SECRET_ENV]: 's3cret' })).to.equal('s3cret');
    expect(maskSecret({ [MASK_SECRET_ENV]: '  ' })).to.equal(undefined);
    expect(maskSecret({})).to.equal(undefined);
  });

  it('draws a new random secret for every run', () => {
    const first = runSecret();
    expect(first).to.have.length.greaterThan(40);
    expect(runSecret()).to.not.equal(first);
  });
});
