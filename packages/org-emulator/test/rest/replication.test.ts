import { expect } from 'chai';
import { type EmulatedOrg, startOrg } from '../../src/index.js';

const V = '/services/data/v62.0';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('emulator replication (getDeleted, getUpdated) and SystemModstamp filters', () => {
  let org: EmulatedOrg;
  let clock: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON bodies
  const get = async (path: string): Promise<{ status: number; body: any }> => {
    const res = await fetch(`${org.instanceUrl}${path}`, { headers: { Authorization: `Bearer ${org.accessToken}` } });
    const text = await res.text();
    return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
  };
  const iso = (ms: number): string => new Date(ms).toISOString();
  const none = { allOrNone: false };

  beforeEach(async () => {
    clock = Date.parse('2026-12-07T03:00:30Z');
    org = await startOrg({ now: () => new Date(clock) });
  });
  afterEach(async () => {
    await org.stop();
  });

  const insertAccount = (name: string): string => org.org.engine.insert('Account', [{ Name: name }], none)[0].id!;

  it('getDeleted lists what the recycle bin holds in the window, seconds truncated', async () => {
    const acme = insertAccount('Acme');
    clock += 2 * MINUTE; // 03:02:30
    org.org.engine.delete([acme], none);
    clock += 5 * MINUTE; // 03:07:30
    const answer = await get(`${V}/sobjects/Account/deleted/?start=${encodeURIComponent('2026-12-07T03:02:59+0000')}&end=${iso(clock)}`);
    expect(answer.status).to.equal(200);
    expect(answer.body).to.deep.equal({
      deletedRecords: [{ id: acme, deletedDate: '2026-12-07T03:02:30.000+0000' }],
      earliestDateAvailable: '2026-11-22T03:07:00.000+0000',
      latestDateCovered: '2026-12-07T03:07:00.000+0000',
    });
    const later = await get(`${V}/sobjects/Account/deleted/?start=2026-12-07T03:03:00Z&end=${iso(clock)}`);
    expect(later.body.deletedRecords).to.deep.equal([]);
  });

  it('getUpdated lists live records whose SystemModstamp is in the window; deletes and undeletes move it', async () => {
    const acme = insertAccount('Acme');
    const globex = insertAccount('Globex');
    clock += 3 * MINUTE;
    org.org.engine.update('Account', [{ Id: globex, Name: 'Globex Corp' }], none);
    clock += 3 * MINUTE;
    const updated = await get(`${V}/sobjects/Account/updated/?start=2026-12-07T03:01:00Z&end=2026-12-07T04:00:00Z`);
    expect(updated.body).to.deep.equal({ ids: [globex], latestDateCovered: '2026-12-07T03:06:00.000+0000' });
    org.org.engine.delete([acme], none);
    clock += MINUTE;
    org.org.engine.undelete([acme], none);
    const stamp = org.org.get(acme)!.SystemModstamp as string;
    expect(stamp).to.equal('2026-12-07T03:07:30.000+0000');
    expect(org.org.get(acme)!.LastModifiedDate).to.equal('2026-12-07T03:00:30.000+0000');
  });

  it('refuses start not before end, a start outside the window, and unknown objects', async () => {
    const same = await get(`${V}/sobjects/Account/updated/?start=2026-12-07T03:00:10Z&end=2026-12-07T03:00:50Z`);
    expect(same.status).to.equal(400);
    expect(same.body[0].errorCode).to.equal('INVALID_REPLICATION_DATE');
    const tooOldForDeleted = await get(`${V}/sobjects/Account/deleted/?start=${iso(clock - 16 * DAY)}&end=${iso(clock)}`);
    expect(tooOldForDeleted.body[0].errorCode).to.equal('INVALID_REPLICATION_DATE');
    const fineForUpdated = await get(`${V}/sobjects/Account/updated/?start=${iso(clock - 16 * DAY)}&end=${iso(clock)}`);
    expect(fineForUpdated.status).to.equal(200);
    const tooOldForUpdated = await get(`${V}/sobjects/Account/updated/?start=${iso(clock - 31 * DAY)}&end=${iso(clock)}`);
    expect(tooOldForUpdated.body[0].errorCode).to.equal('INVALID_REPLICATION_DATE');
    expect((await get(`${V}/sobjects/Nope__c/deleted/?start=${iso(clock - DAY)}&end=${iso(clock)}`)).status).to.equal(404);
  });

  it('filters SystemModstamp with >, >= and < in query, queryAll (IsDeleted = true) and a Bulk queryAll job', async () => {
    clock = Date.parse('2026-12-07T02:59:00Z');
    const early = insertAccount('Early');
    clock = Date.parse('2026-12-07T03:00:00Z');
    const onTheMark = insertAccount('OnTheMark');
    clock += MINUTE;
    const late = insertAccount('Late');
    org.org.engine.delete([late], none);
    const ids = async (resource: string, where: string): Promise<string[]> => {
      const answer = await get(`${V}/${resource}/?q=${encodeURIComponent(`SELECT Id FROM Account WHERE ${where} ORDER BY Id`)}`);
      return (answer.body.records as Array<{ Id: string }>).map((r) => r.Id);
    };
    expect(await ids('query', 'SystemModstamp > 2026-12-07T03:00:00Z')).to.deep.equal([]);
    expect(await ids('query', 'SystemModstamp >= 2026-12-07T03:00:00Z')).to.deep.equal([onTheMark]);
    expect(await ids('query', 'SystemModstamp < 2026-12-07T03:00:00Z')).to.deep.equal([early]);
    expect(await ids('queryAll', 'SystemModstamp > 2026-12-07T03:00:00Z AND IsDeleted = true')).to.deep.equal([late]);

    const create = await fetch(`${org.instanceUrl}${V}/jobs/query`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${org.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ operation: 'queryAll', query: 'SELECT Id, IsDeleted FROM Account WHERE SystemModstamp > 2026-12-07T03:00:00Z' }),
    });
    const job = (await create.json()) as { id: string };
    let state = '';
    for (let i = 0; i < 100 && state !== 'JobComplete'; i++) {
      state = ((await get(`${V}/jobs/query/${job.id}`)).body as { state: string }).state;
      if (state !== 'JobComplete') await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const csv = await (await fetch(`${org.instanceUrl}${V}/jobs/query/${job.id}/results`, { headers: { Authorization: `Bearer ${org.accessToken}` } })).text();
    expect(csv.trim().split('\n')).to.deep.equal(['"Id","IsDeleted"', `"${late}","true"`]);
  });
});
