/**
 * `tsx scripts/bench/maskSpeed.ts [--values N]`: what deterministic masking costs per value, for every mask
 * kind, on N distinct source values (default 100,000). Each kind is measured twice and the faster pass is
 * printed (the first pass includes warm-up: JIT, loading faker's locale lists). The target is well
 * under 5 µs per value, so that masking stays a small part of a sync of a million records.
 */
import { createHmac } from 'node:crypto';
import { parseArgs } from 'node:util';
import { MASK_KINDS, type MaskSpec } from '../../src/lib/mapping/masking/maskKinds.js';
import { maskValue } from '../../src/lib/mapping/masking/maskValue.js';

const { values: flags } = parseArgs({ options: { values: { type: 'string', default: '100000' } } });
const count = Number(flags.values);
const secret = 'bench-secret';

function sourceValue(kind: MaskSpec['kind'], i: number): string | number {
  switch (kind) {
    case 'email':
      return `Person.${i}@Corp${i % 97}.example.org`;
    case 'phone':
      return `+1 (415) ${String(1_000_000 + i).slice(1, 4)}-${String(i % 10_000).padStart(4, '0')}`;
    case 'number':
      return i * 17.5;
    case 'postalCode':
      return String(10_000 + (i % 90_000));
    default:
      return `Source value ${i}`;
  }
}

function microsecondsPerValue(spec: MaskSpec, sources: ReadonlyArray<string | number>): number {
  let sink = 0;
  const started = process.hrtime.bigint();
  for (const source of sources) {
    const masked = maskValue(spec, source, secret, { maxLength: 80 });
    sink += typeof masked === 'string' ? masked.length : 1;
  }
  const elapsed = Number(process.hrtime.bigint() - started) / 1000;
  if (sink < 0) console.log('unreachable');
  return elapsed / sources.length;
}

/** The HMAC alone, for scale: most of a mask's cost is this one call. */
function hmacMicroseconds(sources: readonly string[]): number {
  const key = Buffer.from(secret, 'utf8');
  let sink = 0;
  const started = process.hrtime.bigint();
  for (const source of sources) sink += createHmac('sha256', key).update(`email\u0000${source}`).digest()[0];
  const elapsed = Number(process.hrtime.bigint() - started) / 1000;
  if (sink < 0) console.log('unreachable');
  return elapsed / sources.length;
}

console.log(`masking ${count.toLocaleString('en')} distinct values per kind (µs per value, best of two passes)`);
for (const kind of MASK_KINDS) {
  const spec: MaskSpec = kind === 'number' ? { kind, min: 0, max: 100_000 } : { kind };
  const sources = Array.from({ length: count }, (_, i) => sourceValue(kind, i));
  const best = Math.min(microsecondsPerValue(spec, sources), microsecondsPerValue(spec, sources));
  console.log(`${kind.padEnd(10)} ${best.toFixed(2).padStart(6)} µs`);
}
const emails = Array.from({ length: count }, (_, i) => String(sourceValue('email', i)));
console.log(`${'(HMAC only)'.padEnd(10)} ${Math.min(hmacMicroseconds(emails), hmacMicroseconds(emails)).toFixed(2).padStart(6)} µs`);
