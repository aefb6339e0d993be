import { expect } from 'chai';
import type { Connection } from '@salesforce/core';
import { ConnectionDescribeSource } from '../../../src/lib/schema/connectionDescribeSource.js';

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
