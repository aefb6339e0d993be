import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../fixtures.js';
import type { EmulatedOrg } from '../../src/orgServer.js';
import { requestUrl } from '../../src/http/server.js';
import { type Call, startTestOrg } from './testServer.js';

const V = '/services/data/v62.0';
const fixture = (path: string): unknown => JSON.parse(readFileSync(fixturePath(path), 'utf8'));

describe('emulator HTTP server', () => {
  let org: EmulatedOrg & { call: Call };
  before(async () => {
    org = await startTestOrg();
  });
  after(async () => {
    await org.stop();
  });

  it('rejects a missing or wrong bearer token with INVALID_SESSION_ID', async () => {
    const expected = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];
    expect(await org.call('GET', `${V}/limits`, undefined, { token: null }))
      .to.include({ status: 401 })
      .and.have.deep.property('body', expected);
    expect((await org.call('GET', `${V}/limits`, undefined, { token: 'nope' })).status).to.equal(401);
  });

  it('answers unknown paths and versions with NOT_FOUND, wrong methods with 405', async () => {
    const notFound = [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }];
    expect((await org.call('GET', `${V}/nothing/here`)).body).to.deep.equal(notFound);
    expect((await org.call('GET', '/services/data/v20.0/limits')).status).to.equal(404);
    expect((await org.call('GET', `${V}/sobjects/Nope__c/describe`)).body).to.deep.equal(notFound);
    expect((await org.call('PUT', `${V}/limits`)).status).to.equal(405);
  });

  it("refuses a URI over Salesforce's 16,384-byte limit with 414, and URI plus headers over it with 431", async () => {
    const ids = Array.from({ length: 800 }, (_, i) => `'001000000000${String(i).padStart(3, '0')}AAA'`).join(',');
    const long = `${V}/query?q=${encodeURIComponent(`SELECT Id FROM Account WHERE Id IN (${ids})`)}`;
    expect(long.length).to.be.greaterThan(16_384);
    expect((await org.call('GET', long)).status).to.equal(414);
    const fits = `${V}/query?q=${encodeURIComponent(`SELECT Id FROM Account WHERE Id IN (${ids.slice(0, 12_000)})`.replace(/,'[^']*$/, ')'))}`;
    expect(fits.length).to.be.lessThan(16_000);
    expect((await org.call('GET', fits, undefined, { headers: { 'X-Padding': 'x'.repeat(4_000) } })).status).to.equal(431);
    // The same long query in the body of a Composite request is fine.
    const composite = await org.call('POST', `${V}/composite`, { compositeRequest: [{ method: 'GET', url: long, referenceId: 'q' }] });
    expect(composite.status).to.equal(200);
  });

  it('serves the versions list without auth, matching the recorded list', async () => {
    const res = await org.call('GET', '/services/data', undefined, { token: null });
    expect(res.status).to.equal(200);
    const recorded = fixture('versions/netcoreforce__versions.json') as Array<{ version: string }>;
    for (const entry of recorded) expect(res.body).to.deep.include(entry);
  });

  it('serves userinfo and the identity URL for the running user', async () => {
    const info = await org.call('GET', '/services/oauth2/userinfo');
    expect(info.body).to.include({ user_id: org.userId, organization_id: org.orgId, preferred_username: org.username });
    const resources = await org.call('GET', `${V}/`);
    const identityPath = new URL(resources.body.identity as string).pathname;
    const identity = await org.call('GET', identityPath);
    expect(identity.body).to.include({ user_id: org.userId, organization_id: org.orgId, username: org.username });
    const recorded = fixture('oauth/swiftly__identity_MockIdentity.json') as Record<string, unknown>;
    expect(Object.keys(identity.body as object)).to.include.members(Object.keys(recorded).filter((k) => k !== 'mobile_phone'));
    const user = await org.call('GET', `${V}/sobjects/User/${org.userId}`);
    expect(user.body.Username).to.equal(org.username);
  });

  it('parses malformed JSON into JSON_PARSER_ERROR, accepts gzip bodies, pretty prints', async () => {
    const bad = await org.call('POST', `${V}/sobjects/Account`, '{"Name": ', { raw: true });
    expect(bad.status).to.equal(400);
    expect(bad.body[0].errorCode).to.equal('JSON_PARSER_ERROR');
    const zipped = await org.call('POST', `${V}/sobjects/Account`, { Name: 'Zipped' }, { gzip: true });
    expect(zipped.status).to.equal(201);
    const pretty = await org.call('GET', `${V}/sobjects/Account/${zipped.body.id}?fields=Name`, undefined, { headers: { 'X-PrettyPrint': '1' } });
    expect(pretty.text).to.contain('"Name" : "Zipped"');
  });

  it('tolerates a trailing slash', async () => {
    expect((await org.call('GET', `${V}/limits/`)).status).to.equal(200);
  });

  it('collapses repeated slashes in the path (the sf CLI sends //services/data after an access-token login)', async () => {
    expect((await org.call('GET', `/${V}//limits`)).status).to.equal(200);
    const query = await org.call('GET', `/${V}/query?q=${encodeURIComponent("SELECT Id FROM Account WHERE Name = 'a//b'")}`);
    expect(query.status).to.equal(200);
    expect(requestUrl('//services/data/v62.0/query?q=a//b').pathname).to.equal('/services/data/v62.0/query');
    expect(requestUrl('//services/data/v62.0/query?q=a//b').searchParams.get('q')).to.equal('a//b');
  });

  it('counts DailyApiRequests down with every call', async () => {
    const first = (await org.call('GET', `${V}/limits`)).body.DailyApiRequests;
    const second = (await org.call('GET', `${V}/limits`)).body.DailyApiRequests;
    expect(second.Max).to.equal(15000);
    expect(second.Remaining).to.equal(first.Remaining - 1);
    const recorded = fixture('limits/camel__limits.json') as object;
    expect(Object.keys((await org.call('GET', `${V}/limits`)).body as object)).to.include.members(Object.keys(recorded));
  });

  it('reports stats and resets them without auth', async () => {
    const stats = await org.call('GET', '/__emulator/stats', undefined, { token: null });
    expect(stats.body.requests.limits).to.be.greaterThan(0);
    expect(stats.body.concurrency.peak).to.be.greaterThan(0);
    await org.call('POST', '/__emulator/reset', undefined, { token: null });
    expect((await org.call('GET', '/__emulator/stats')).body.requests).to.deep.equal({});
  });

  it('says when the first request came, when the first write committed and when the last write was answered', async () => {
    await org.call('POST', '/__emulator/reset', undefined, { token: null });
    const before = Date.now();
    await org.call('GET', `${V}/limits`);
    let stats = (await org.call('GET', '/__emulator/stats')).body as {
      firstRequestAt: number;
      firstWriteAt: number | null;
      lastWriteAnsweredAt: number | null;
    };
    expect(stats.firstRequestAt).to.be.at.least(before);
    expect([stats.firstWriteAt, stats.lastWriteAnsweredAt], 'a read is no write').to.deep.equal([null, null]);
    const created = await org.call('POST', `${V}/sobjects/Account`, { Name: 'Stats' });
    expect(created.status).to.equal(201);
    await org.call('GET', `${V}/limits`);
    stats = (await org.call('GET', '/__emulator/stats')).body as typeof stats;
    expect(stats.firstWriteAt).to.be.at.least(stats.firstRequestAt);
    expect(stats.lastWriteAnsweredAt).to.be.at.least(stats.firstWriteAt!);
    await org.call('POST', '/__emulator/reset', undefined, { token: null });
    stats = (await org.call('GET', '/__emulator/stats')).body as typeof stats;
    expect([stats.firstWriteAt, stats.lastWriteAnsweredAt]).to.deep.equal([null, null]);
  });

  it('gives distinct orgs distinct ids, usernames and tokens', async () => {
    const other = await startTestOrg();
    try {
      expect(other.orgId).to.not.equal(org.orgId);
      expect(other.username).to.not.equal(org.username);
      expect(other.accessToken).to.not.equal(org.accessToken);
      expect(other.accessToken).to.match(/^00D[A-Za-z0-9]{12}!/);
      expect((await other.call('GET', `${V}/limits`, undefined, { token: org.accessToken })).status).to.equal(401);
    } finally {
      await other.stop();
    }
  });
});
