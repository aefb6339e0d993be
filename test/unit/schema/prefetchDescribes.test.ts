/**
 * `ConnectionDescribeSource.prefetch`: describes fetched as `/composite` requests of 25 subrequests, over a fake
 * connection that answers like Salesforce and records every request it gets.
 */
import { expect } from 'chai';
import type { Connection } from '@salesforce/core';
import { ConnectionOrgApi } from '../../../src/lib/api/orgApi.js';
import { ConnectionDescribeSource } from '../../../src/lib/schema/connectionDescribeSource.js';
import { prepareSync } from '../../../src/lib/run/prepareSync.js';
import { sampleSchema } from '../template/sampleSchema.js';
import { stubDescribeSource, stubSoqlChecker } from '../template/stubOrg.js';

type Subrequest = { method: string; url: string; referenceId: string };
type FakeOrg = {
  connection: Connection;
  /** Every request: `composite(<subrequest paths>)`, `describe <name>` or `global`. */
  calls: string[];
  /** Subrequests answered with this status instead (by object name). */
  failWith: Map<string, number>;
  /** The next composite requests fail as a whole. */
  compositeFailures: number;
};

/** The describe source under test over the fake connection: its Composite calls go through `connection.request`. */
function describeSourceOf(org: FakeOrg): ConnectionDescribeSource {
  return new ConnectionDescribeSource(org.connection, new ConnectionOrgApi(org.connection));
}

const NOT_FOUND = [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }];

function fakeOrg(objects: string[]): FakeOrg {
  const known = new Map(objects.map((name) => [name.toLowerCase(), name]));
  const describeOf = (name: string): { name: string; fields: [] } | undefined => {
    const canonical = known.get(name.toLowerCase());
    return canonical ? { name: canonical, fields: [] } : undefined;
  };
  const global = { sobjects: objects.map((name) => ({ name })) };
  const org: FakeOrg = {
    calls: [],
    failWith: new Map(),
    compositeFailures: 0,
    connection: {
      getApiVersion: () => '62.0',
      describe: (name: string) => {
        org.calls.push(`describe ${name}`);
        const describe = describeOf(name);
        return describe ? Promise.resolve(describe) : Promise.reject(notFoundAsJsforceThrowsIt());
      },
      describeGlobal: () => {
        org.calls.push('global');
        return Promise.resolve(global);
      },
      request: (request: { method: string; url: string; body: string }) => {
        expect(request).to.include({ method: 'POST', url: '/services/data/v62.0/composite' });
        const { compositeRequest } = JSON.parse(request.body) as { compositeRequest: Subrequest[] };
        expect(compositeRequest.length).to.be.at.most(25);
        const paths = compositeRequest.map((sub) => sub.url.replace('/services/data/v62.0', ''));
        org.calls.push(`composite(${paths.join(' ')})`);
        if (org.compositeFailures > 0) {
          org.compositeFailures--;
          return Promise.reject(Object.assign(new Error('Bad Request'), { errorCode: 'ERROR_HTTP_400' }));
        }
        const compositeResponse = compositeRequest.map((sub, i) => {
          const name = /^\/sobjects\/(\w+)\/describe$/.exec(paths[i])?.[1];
          if (!name) return { body: global, httpHeaders: {}, httpStatusCode: 200, referenceId: sub.referenceId };
          const describe = describeOf(name);
          const status = org.failWith.get(name) ?? (describe ? 200 : 404);
          const body = status === 200 ? describe : status === 404 ? NOT_FOUND : [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'boom' }];
          return { body, httpHeaders: {}, httpStatusCode: status, referenceId: sub.referenceId };
        });
        return Promise.resolve({ compositeResponse });
      },
    } as unknown as Connection,
  };
  return org;
}

/** What jsforce throws for a 404 describe (`HttpApiError`). */
function notFoundAsJsforceThrowsIt(): Error {
  return Object.assign(new Error(NOT_FOUND[0].message), { name: 'NOT_FOUND', errorCode: 'NOT_FOUND', data: NOT_FOUND[0] });
}

const names = (count: number): string[] => Array.from({ length: count }, (_, i) => `Object${i}__c`);
const compositeCalls = (org: FakeOrg): string[] => org.calls.filter((call) => call.startsWith('composite('));

describe('ConnectionDescribeSource.prefetch', () => {
  it('fetches the global describe and 24 describes in one composite call, then answers from memory', async () => {
    const org = fakeOrg(names(24));
    const source = describeSourceOf(org);
    await source.prefetch(names(24));
    expect(org.calls).to.have.length(1);
    expect(org.calls[0]).to.equal(
      `composite(/sobjects ${names(24)
        .map((n) => `/sobjects/${n}/describe`)
        .join(' ')})`
    );
    const describes = await Promise.all(names(24).map((name) => source.describe(name)));
    expect(describes.map((d) => d.name)).to.deep.equal(names(24));
    expect((await source.describeGlobal()).sobjects).to.have.length(24);
    expect(org.calls).to.have.length(1);
  });

  it('makes one call for 25 objects, two for 26 to 50, once the global describe is known', async () => {
    for (const [count, calls] of [
      [25, 1],
      [26, 2],
      [50, 2],
      [51, 3],
    ] as const) {
      const org = fakeOrg(names(count));
      const source = describeSourceOf(org);
      await source.describeGlobal();
      await source.prefetch(names(count));
      expect(compositeCalls(org), `${count} objects`).to.have.length(calls);
      await Promise.all(names(count).map((name) => source.describe(name)));
      expect(org.calls, `${count} objects`).to.have.length(calls + 1);
    }
  });

  it('counts the global describe among the 25 subrequests when it is not known yet', async () => {
    const org = fakeOrg(names(25));
    const source = describeSourceOf(org);
    await source.prefetch(names(25));
    expect(compositeCalls(org).map((call) => call.split(' ').length)).to.deep.equal([25, 1]);
  });

  it('skips objects already cached (in any case) and names that are not API names', async () => {
    const org = fakeOrg(['Account', 'Contact']);
    const source = describeSourceOf(org);
    await source.describe('Account');
    await source.prefetch(['account', 'CONTACT', 'Contact', 'bad name', '../limits']);
    expect(org.calls).to.deep.equal(['describe Account', 'composite(/sobjects /sobjects/Contact/describe)']);
    expect((await source.describe('Contact')).name).to.equal('Contact');
    expect(org.calls).to.have.length(2);
    await source.prefetch(['Contact', 'Account']);
    expect(org.calls).to.have.length(2);
  });

  it('turns a NOT_FOUND subrequest into the error the describe alone fails with, without another call', async () => {
    const org = fakeOrg(['Account']);
    const source = describeSourceOf(org);
    await source.prefetch(['Account', 'Nope__c']);
    const alone = await describeSourceOf(org)
      .describe('Nope__c')
      .then(
        () => expect.fail('expected NOT_FOUND'),
        (e: unknown) => e as Error & { errorCode: string; data: unknown }
      );
    const callsBefore = org.calls.length;
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await source.describe('Nope__c').then(
        () => expect.fail('expected NOT_FOUND'),
        (e: unknown) => e as Error & { errorCode: string; data: unknown }
      );
      expect(error).to.be.instanceOf(Error);
      expect({ name: error.name, message: error.message, errorCode: error.errorCode, data: error.data }).to.deep.equal({
        name: alone.name,
        message: alone.message,
        errorCode: alone.errorCode,
        data: alone.data,
      });
    }
    expect(org.calls.length).to.equal(callsBefore);
  });

  it('describes on its own an object whose subrequest failed otherwise, and everything when the composite call fails', async () => {
    const org = fakeOrg(['Account', 'Contact']);
    org.failWith.set('Contact', 500);
    const source = describeSourceOf(org);
    await source.prefetch(['Account', 'Contact']);
    expect((await source.describe('Contact')).name).to.equal('Contact');
    expect(org.calls).to.deep.equal(['composite(/sobjects /sobjects/Account/describe /sobjects/Contact/describe)', 'describe Contact']);

    const broken = fakeOrg(['Account', 'Contact']);
    broken.compositeFailures = 1;
    const fallback = describeSourceOf(broken);
    await fallback.prefetch(['Account', 'Contact']);
    expect((await fallback.describeGlobal()).sobjects).to.have.length(2);
    expect((await fallback.describe('Account')).name).to.equal('Account');
    expect(broken.calls.slice(1).sort()).to.deep.equal(['describe Account', 'describe Contact', 'global']);
  });

  it('lets describe calls made while a prefetch is in flight share its answers', async () => {
    const org = fakeOrg(['Account', 'Contact']);
    const source = describeSourceOf(org);
    const prefetch = source.prefetch(['Account', 'Contact']);
    const [account, global] = await Promise.all([source.describe('Account'), source.describeGlobal(), prefetch]);
    expect(account.name).to.equal('Account');
    expect(global.sobjects).to.have.length(2);
    expect(org.calls).to.have.length(1);
  });
});

describe('prepareSync prefetches describes', () => {
  it("asks both orgs for the template's objects at once, then the source for the lookup targets outside it", async () => {
    const source = stubDescribeSource(sampleSchema());
    const target = stubDescribeSource(sampleSchema());
    await prepareSync({ file: { objects: [{ name: 'contact' }, { name: 'Invoice__c', matchBy: 'Id' }] }, source, target, checkSoql: stubSoqlChecker() });
    // Contact.AccountId and Invoice__c.Account__c point to Account, outside the template: the planner needs its
    // match key. Account.OwnerId's User needs no describe (well-known keys).
    expect(source.prefetchCalls).to.deep.equal([['contact', 'Invoice__c'], ['Account']]);
    expect(target.prefetchCalls).to.deep.equal([['contact', 'Invoice__c']]);
    expect(source.describeCalls.sort()).to.deep.equal(['Account', 'Contact', 'Invoice__c']);
  });
});
