import { expect } from 'chai';
import type { EmulatedOrg } from '../../src/orgServer.js';
import { type Call, startTestOrg } from '../http/testServer.js';

const V = '/services/data/v62.0';

type SubResult = { body: unknown; httpHeaders: Record<string, string>; httpStatusCode: number; referenceId: string };

const get = (url: string, referenceId: string): { method: string; url: string; referenceId: string } => ({ method: 'GET', url, referenceId });
const queryUrl = (i: number): string => `${V}/query?q=${encodeURIComponent(`SELECT Id FROM Account LIMIT ${i + 1}`)}`;

describe('emulator composite: describes as subrequests, call counting and limits', () => {
  let org: EmulatedOrg & { call: Call };
  beforeEach(async () => {
    org = await startTestOrg();
  });
  afterEach(async () => {
    await org.stop();
  });

  const remainingDaily = async (): Promise<number> =>
    ((await org.call('GET', '/__emulator/stats')).body as { dailyApiRequests: { Remaining: number } }).dailyApiRequests.Remaining;

  it('answers describe and describeGlobal subrequests with the bodies of the direct calls', async () => {
    const direct = {
      global: await org.call('GET', `${V}/sobjects`),
      account: await org.call('GET', `${V}/sobjects/Account/describe`),
      contact: await org.call('GET', `${V}/sobjects/Contact/describe`),
      unknown: await org.call('GET', `${V}/sobjects/Nope__c/describe`),
    };
    const res = await org.call('POST', `${V}/composite`, {
      compositeRequest: [
        // Describe Global's documented URI ends with a slash; both spellings are the same resource.
        get(`${V}/sobjects/`, 'global'),
        get(`${V}/sobjects/Account/describe`, 'account'),
        get(`${V}/sobjects/Contact/describe`, 'contact'),
        get(`${V}/sobjects/Nope__c/describe`, 'unknown'),
      ],
    });
    expect(res.status).to.equal(200);
    const responses = res.body.compositeResponse as SubResult[];
    expect(responses.map((r) => [r.referenceId, r.httpStatusCode])).to.deep.equal([
      ['global', 200],
      ['account', 200],
      ['contact', 200],
      ['unknown', 404],
    ]);
    expect(responses[0].body).to.deep.equal(direct.global.body);
    expect(responses[1].body).to.deep.equal(direct.account.body);
    expect(responses[2].body).to.deep.equal(direct.contact.body);
    expect(direct.unknown.status).to.equal(404);
    expect(responses[3].body).to.deep.equal(direct.unknown.body);
    expect(responses[3].body).to.deep.equal([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  });

  it('counts a composite request as one API call, whatever its subrequests', async () => {
    const before = await remainingDaily();
    const compositeRequest = [
      get(`${V}/sobjects`, 'global'),
      ...Array.from({ length: 19 }, (_, i) => get(`${V}/sobjects/${i % 2 ? 'Account' : 'Contact'}/describe`, `d${i}`)),
      ...Array.from({ length: 5 }, (_, i) => get(queryUrl(i), `q${i}`)),
    ];
    expect(compositeRequest).to.have.length(25);
    const res = await org.call('POST', `${V}/composite`, { compositeRequest });
    expect((res.body.compositeResponse as SubResult[]).every((r) => r.httpStatusCode === 200)).to.equal(true);
    // Subrequests are not counted as requests of their own, neither in the stats nor in the daily allowance.
    expect(org.stats().requests).to.deep.equal({ composite: 1 });
    expect(await remainingDaily()).to.equal(before - 1);
    // `GET limits` shows the same allowance (and counts itself, as on Salesforce).
    const limits = await org.call('GET', `${V}/limits`);
    expect(limits.body.DailyApiRequests.Remaining).to.equal(before - 2);
  });

  it('allows 5 query and sObject Collections subrequests and refuses a sixth', async () => {
    const five = [
      get(queryUrl(0), 'q0'),
      get(`${V}/queryAll?q=${encodeURIComponent('SELECT Id FROM Account')}`, 'q1'),
      get(queryUrl(2), 'q2'),
      { method: 'POST', url: `${V}/composite/sobjects`, referenceId: 'c3', body: { records: [{ attributes: { type: 'Account' }, Name: 'A' }] } },
      get(queryUrl(4), 'q4'),
    ];
    // Describes and single-record sObject requests do not count against the 5.
    const others = [get(`${V}/sobjects/Account/describe`, 'd'), { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'one', body: { Name: 'B' } }];
    const ok = await org.call('POST', `${V}/composite`, { compositeRequest: [...five, ...others] });
    expect(ok.status).to.equal(200);
    expect((ok.body.compositeResponse as SubResult[]).map((r) => r.httpStatusCode)).to.deep.equal([200, 200, 200, 200, 200, 200, 201]);

    const before = org.org.count('Account');
    for (const sixth of [
      get(queryUrl(5), 'q5'),
      { method: 'PATCH', url: `${V}/composite/sobjects`, referenceId: 'c5', body: { records: [] } },
      get(`${V}/query/01gxx0000000001AAA-2000`, 'more'),
    ]) {
      const refused = await org.call('POST', `${V}/composite`, { compositeRequest: [...five, sixth] });
      expect(refused.status).to.equal(400);
      expect(refused.body).to.deep.equal([
        { errorCode: 'INVALID_API_INPUT', message: 'Composite request cannot contain more than 5 query or sObject Collections subrequests' },
      ]);
    }
    // A refused composite request runs none of its subrequests.
    expect(org.org.count('Account')).to.equal(before);
  });

  it('refuses more than 25 subrequests before running any', async () => {
    const compositeRequest = Array.from({ length: 26 }, (_, i) => ({
      method: 'POST',
      url: `${V}/sobjects/Account`,
      referenceId: `r${i}`,
      body: { Name: `A${i}` },
    }));
    const res = await org.call('POST', `${V}/composite`, { compositeRequest });
    expect(res.status).to.equal(400);
    expect(res.body).to.deep.equal([{ errorCode: 'INVALID_API_INPUT', message: 'Composite request cannot exceed 25 subrequests' }]);
    expect(org.org.count('Account')).to.equal(0);
  });
});
