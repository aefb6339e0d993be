import { expect } from 'chai';
import type { Connection } from '@salesforce/core';
import { ConnectionDescribeSource } from '../../../src/lib/schema/connectionDescribeSource.js';
import { mapWithConcurrency } from '../../../src/lib/schema/mapWithConcurrency.js';

describe('mapWithConcurrency', () => {
  it('keeps the input order and never exceeds the bound', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const result = await mapWithConcurrency([5, 1, 4, 2, 3], 2, async (n) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, n));
      inFlight--;
      return n * 10;
    });
    expect(result).to.deep.equal([50, 10, 40, 20, 30]);
    expect(maxInFlight).to.equal(2);
  });
});

describe('ConnectionDescribeSource', () => {
  it('describes each object once per run, sharing concurrent requests, and retries failures', async () => {
    const calls: string[] = [];
    let failNext = true;
    const connection = {
      describe: (name: string) => {
        calls.push(name);
        if (name === 'Flaky__c' && failNext) {
          failNext = false;
          return Promise.reject(new Error('socket hang up'));
        }
        return Promise.resolve({ name, fields: [] });
      },
      describeGlobal: () => {
        calls.push('global');
        return Promise.resolve({ sobjects: [] });
      },
    } as unknown as Connection;
    const source = new ConnectionDescribeSource(connection);
    await Promise.all([source.describe('Account'), source.describe('Account'), source.describeGlobal(), source.describeGlobal()]);
    await source.describe('Account');
    try {
      await source.describe('Flaky__c');
      expect.fail('expected the first describe to fail');
    } catch (error) {
      expect((error as Error).message).to.equal('socket hang up');
    }
    expect((await source.describe('Flaky__c')).name).to.equal('Flaky__c');
    expect(calls).to.deep.equal(['Account', 'global', 'Flaky__c', 'Flaky__c']);
  });
});
