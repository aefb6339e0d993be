/**
 * The Metadata API deploy on the wire: `deploy` of an ApexTrigger with another status, `checkDeployStatus` until
 * done, and the trigger's effect on saves, its `Status` in data and Tooling queries; the DeployResult's members
 * in the WSDL's order; refusals as component failures with nothing applied; checkOnly; the org's queue and
 * cancelDeploy.
 */
import { expect } from 'chai';
import { startOrg, type EmulatedOrg } from '../../src/index.js';
import { call, query, toolingQuery, V } from '../automation/automationKit.js';
import { member, metadataCall, orgBody, startDeploy, statusBody, triggerZip, waitForDeploy } from './deployKit.js';

const STAMP = 'apex:ContactTrigger';
/** Slower than FAST: each phase lasts long enough to be seen (and canceled) on a busy machine. */
const SEEN = { queuedMs: 60, runMs: 120, testMs: 2 };

describe('emulator Metadata API deploy (ApexTrigger status) on the wire', () => {
  let org: EmulatedOrg;
  before(async () => {
    org = await startOrg({ dataset: 'demo', deployTiming: SEEN });
  });
  after(async () => {
    await org.stop();
  });
  beforeEach(async () => {
    await call(org, 'POST', '/__emulator/reset?data=true');
  });

  const newContactStamp = async (): Promise<unknown> => {
    const created = await call(org, 'POST', `${V}/sobjects/Contact`, { LastName: `Deploy ${Date.now()}` });
    expect(created.status).to.equal(201);
    return org.org.get(created.body.id)!.JigsawContactId;
  };
  /** Polls until the deploy reaches a status (without details). */
  const untilStatus = async (id: string, status: string): Promise<void> => {
    for (let i = 0; i < 500; i++) {
      if (member((await metadataCall(org, statusBody(id, false))).text, 'status') === status) return;
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    throw new Error(`deploy ${id} never was ${status}`);
  };
  const contactTrigger = async (status: string): Promise<Buffer> => triggerZip([{ name: 'ContactTrigger', body: orgBody(org, 'ContactTrigger'), status }]);

  it('answers deploy() with an AsyncResult, then runs Pending -> InProgress -> Succeeded on its own', async () => {
    const answer = await metadataCall(
      org,
      `<deploy><ZipFile>${(await contactTrigger('Inactive')).toString('base64')}</ZipFile><DeployOptions><singlePackage>true</singlePackage></DeployOptions></deploy>`
    );
    expect(answer.status).to.equal(200);
    expect(answer.text).to.match(
      /<soapenv:Body><deployResponse><result><done>false<\/done><id>0Af\w{15}<\/id><state>Queued<\/state><\/result><\/deployResponse><\/soapenv:Body>/
    );
    const id = member(answer.text, 'id')!;
    const first = await metadataCall(org, statusBody(id, false));
    expect(member(first.text, 'status')).to.equal('Pending');
    expect(member(first.text, 'done')).to.equal('false');
    const seen = new Set<string>();
    let last = '';
    for (let i = 0; i < 200 && member(last, 'done') !== 'true'; i++) {
      last = (await metadataCall(org, statusBody(id, false))).text;
      seen.add(member(last, 'status')!);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect([...seen]).to.include.members(['InProgress', 'Succeeded']);
    expect(last).to.not.contain('<details>');
  });

  it('deploys Inactive: the trigger stops stamping, data and Tooling queries show it; Active stamps again', async () => {
    expect(await newContactStamp()).to.equal(STAMP);
    const before = org.stats().requests;
    const off = await waitForDeploy(org, await startDeploy(org, await contactTrigger('Inactive')));
    expect(member(off, 'status')).to.equal('Succeeded');
    expect(member(off, 'success')).to.equal('true');
    expect(await newContactStamp()).to.equal(undefined);
    const rows = await call(org, 'GET', query("SELECT Name, Status FROM ApexTrigger WHERE TableEnumOrId = 'Contact'"));
    expect(rows.body.records[0].Status).to.equal('Inactive');
    const tooling = await call(org, 'GET', toolingQuery("SELECT Status, Metadata FROM ApexTrigger WHERE Name = 'ContactTrigger'"));
    expect(tooling.body.records[0].Status).to.equal('Inactive');
    expect(tooling.body.records[0].Metadata.status).to.equal('Inactive');

    const on = await waitForDeploy(org, await startDeploy(org, await contactTrigger('Active')));
    expect(member(on, 'status')).to.equal('Succeeded');
    expect(await newContactStamp()).to.equal(STAMP);
    const after = org.stats().requests;
    expect((after.metadataDeploy ?? 0) - (before.metadataDeploy ?? 0)).to.equal(2);
    expect(after.metadataDeployStatus! - (before.metadataDeployStatus ?? 0)).to.be.at.least(2);
  });

  it('answers a DeployResult with the WSDL members in the WSDL order, details when asked', async () => {
    const id = await startDeploy(org, await contactTrigger('Inactive'));
    const done = await waitForDeploy(org, id);
    const result = /<checkDeployStatusResponse><result>(.*)<\/result><\/checkDeployStatusResponse>/.exec(done)![1];
    const top = result.replace(/<details>.*<\/details>/, '<details></details>');
    const names = [...top.matchAll(/<(\w+)>/g)].map((m) => m[1]);
    expect(names).to.deep.equal([
      'checkOnly',
      'completedDate',
      'createdBy',
      'createdByName',
      'createdDate',
      'details',
      'done',
      'id',
      'ignoreWarnings',
      'lastModifiedDate',
      'numberComponentErrors',
      'numberComponentsDeployed',
      'numberComponentsTotal',
      'numberTestErrors',
      'numberTestsCompleted',
      'numberTestsTotal',
      'rollbackOnError',
      'runTestsEnabled',
      'startDate',
      'status',
      'success',
    ]);
    expect(member(result, 'createdBy')).to.equal(org.userId);
    expect(member(result, 'createdByName')).to.equal('Emulated Admin');
    expect(member(result, 'numberComponentsTotal')).to.equal('1');
    expect(member(result, 'numberComponentsDeployed')).to.equal('1');
    expect(member(result, 'runTestsEnabled')).to.equal('false');
    expect(member(result, 'rollbackOnError')).to.equal('true');
    const triggerId = org.org.automation.triggers.find((t) => t.name === 'ContactTrigger')!.id;
    expect(result).to.contain(
      '<details><componentSuccesses><changed>true</changed><componentType>ApexTrigger</componentType><created>false</created>' +
        `<createdDate>${member(result, 'createdDate')}</createdDate><deleted>false</deleted><fileName>triggers/ContactTrigger.trigger</fileName>` +
        `<fullName>ContactTrigger</fullName><id>${triggerId}</id><success>true</success></componentSuccesses>` +
        '<componentSuccesses><changed>true</changed><componentType></componentType><created>false</created>' +
        `<createdDate>${member(result, 'createdDate')}</createdDate><deleted>false</deleted><fileName>package.xml</fileName>` +
        '<fullName>package.xml</fullName><success>true</success></componentSuccesses>' +
        '<runTestResult><numFailures>0</numFailures><numTestsRun>0</numTestsRun><totalTime>0.0</totalTime></runTestResult></details>'
    );
    // The same status again is no change.
    const again = await waitForDeploy(org, await startDeploy(org, await contactTrigger('Inactive')));
    expect(again).to.contain('<componentSuccesses><changed>false</changed><componentType>ApexTrigger</componentType>');
  });

  it('refuses what it cannot apply as component failures and, rolling back, applies nothing', async () => {
    const zip = await triggerZip(
      [
        { name: 'ContactTrigger', body: orgBody(org, 'ContactTrigger'), status: 'Inactive' },
        { name: 'NoSuchTrigger', body: 'trigger NoSuchTrigger on Account (before insert) {}', status: 'Inactive' },
        { name: 'Missing', meta: null },
      ],
      { extra: { ApexClass: ['SomeClass'] }, manifest: true }
    );
    const done = await waitForDeploy(org, await startDeploy(org, zip));
    expect(member(done, 'status')).to.equal('Failed');
    expect(member(done, 'success')).to.equal('false');
    expect(member(done, 'numberComponentErrors')).to.equal('3');
    expect(done).to.contain(
      '<fileName>package.xml</fileName><fullName>SomeClass</fullName><problem>The emulator deploys ApexTrigger, CustomField, RecordType and PermissionSet only: ApexClass is not emulated</problem>'
    );
    expect(done).to.contain('<fileName>triggers/NoSuchTrigger.trigger</fileName><fullName>NoSuchTrigger</fullName><problem>The emulator compiles no Apex');
    expect(done).to.contain(
      '<componentType>ApexTrigger</componentType><created>false</created><createdDate>' +
        `${member(done, 'createdDate')}</createdDate><deleted>false</deleted><fileName>package.xml</fileName><fullName>Missing</fullName>` +
        "<problem>An object 'Missing' of type ApexTrigger was named in package.xml, but was not found in zipped directory</problem>" +
        '<problemType>Error</problemType><success>false</success>'
    );
    expect(done).to.not.contain('<fullName>package.xml</fullName>');
    expect(org.org.automation.triggers.find((t) => t.name === 'ContactTrigger')!.status, 'rolled back').to.equal('Active');
    expect(await newContactStamp()).to.equal(STAMP);
  });

  it('refuses a changed body, a missing file, a managed trigger, a bad status and a zip without package.xml', async () => {
    org.org.automation.addTrigger({ objectName: 'Account', name: 'Packaged', status: 'Active', events: ['BeforeInsert'], namespacePrefix: 'isv' });
    const managedBody = orgBody(org, 'Packaged');
    const cases: Array<[Buffer, string]> = [
      [
        await triggerZip([{ name: 'ContactTrigger', body: 'trigger ContactTrigger on Contact (before insert) { }', status: 'Inactive' }]),
        'differs from the org',
      ],
      [await triggerZip([{ name: 'ContactTrigger', status: 'Inactive' }]), 'The file triggers/ContactTrigger.trigger is missing'],
      [await triggerZip([{ name: 'isv__Packaged', body: managedBody, status: 'Inactive' }]), 'Cannot modify managed object: entity=ApexTrigger'],
      [
        await triggerZip([{ name: 'ContactTrigger', body: orgBody(org, 'ContactTrigger'), status: 'Off' }]),
        "'Off' is not a valid value for the enum 'ApexCodeUnitStatus'",
      ],
      [await triggerZip([{ name: 'ContactTrigger', body: orgBody(org, 'ContactTrigger'), status: 'Inactive' }], { manifest: false }), 'No package.xml found'],
      [
        await triggerZip([{ name: 'ContactTrigger', body: orgBody(org, 'ContactTrigger'), status: 'Inactive' }], { root: 'unpackaged/' }),
        'No package.xml found',
      ],
    ];
    for (const [zip, problem] of cases) {
      const done = await waitForDeploy(org, await startDeploy(org, zip));
      expect(member(done, 'status'), problem).to.equal('Failed');
      expect(member(done, 'problem'), problem).to.contain(problem);
    }
    expect(org.org.automation.triggers.every((t) => t.status === 'Active')).to.equal(true);
  });

  it('reads a package under a folder with singlePackage false, and applies what passed without rollbackOnError', async () => {
    const folder = await triggerZip([{ name: 'ContactTrigger', body: orgBody(org, 'ContactTrigger'), status: 'Inactive' }], { root: 'unpackaged/' });
    const inFolder = await waitForDeploy(org, await startDeploy(org, folder, { singlePackage: false }));
    expect(member(inFolder, 'status')).to.equal('Succeeded');
    expect(inFolder).to.contain('<fileName>unpackaged/triggers/ContactTrigger.trigger</fileName>');
    await call(org, 'POST', '/__emulator/reset?data=true');

    const mixed = await triggerZip([
      { name: 'ContactTrigger', body: orgBody(org, 'ContactTrigger'), status: 'Inactive' },
      { name: 'Ghost', body: 'trigger Ghost on Contact (before insert) {}', status: 'Inactive' },
    ]);
    const partial = await waitForDeploy(org, await startDeploy(org, mixed, { rollbackOnError: false }));
    expect(partial).to.match(/<status>SucceededPartial<\/status><success>true<\/success><\/result>/);
    expect(member(partial, 'rollbackOnError')).to.equal('false');
    expect(await newContactStamp()).to.equal(undefined);
  });

  it('validates without applying when checkOnly', async () => {
    const done = await waitForDeploy(org, await startDeploy(org, await contactTrigger('Inactive'), { checkOnly: true }));
    expect(member(done, 'checkOnly')).to.equal('true');
    expect(member(done, 'status')).to.equal('Succeeded');
    expect(await newContactStamp()).to.equal(STAMP);
  });

  it('runs one deploy at a time: a later one waits Pending; cancelDeploy cancels a pending and a running one', async () => {
    const first = await startDeploy(org, await contactTrigger('Inactive'));
    const second = await startDeploy(org, await contactTrigger('Active'));
    await untilStatus(first, 'InProgress');
    expect(member((await metadataCall(org, statusBody(second, false))).text, 'status')).to.equal('Pending');
    const canceled = await metadataCall(org, `<cancelDeploy><String>${second}</String></cancelDeploy>`);
    expect(canceled.text).to.contain(`<cancelDeployResponse><result><done>true</done><id>${second}</id></result></cancelDeployResponse>`);
    const secondDone = await waitForDeploy(org, second);
    expect(member(secondDone, 'status')).to.equal('Canceled');
    expect(member(secondDone, 'canceledBy')).to.equal(org.userId);
    expect(member(await waitForDeploy(org, first), 'status')).to.equal('Succeeded');
    expect(await newContactStamp(), 'the canceled Active deploy applied nothing').to.equal(undefined);

    const running = await startDeploy(org, await contactTrigger('Active'));
    await untilStatus(running, 'InProgress');
    const cancelRunning = await metadataCall(org, `<cancelDeploy><String>${running}</String></cancelDeploy>`);
    expect(member(cancelRunning.text, 'done')).to.equal('false');
    expect(member((await metadataCall(org, statusBody(running, false))).text, 'status')).to.equal('Canceling');
    expect(member(await waitForDeploy(org, running), 'status')).to.equal('Canceled');
    expect(await newContactStamp()).to.equal(undefined);
    const late = await metadataCall(org, `<cancelDeploy><String>${running}</String></cancelDeploy>`);
    expect(late.status).to.equal(500);
  });

  it('faults an unknown deploy id, a bad option value and a call without a zip', async () => {
    const unknown = await metadataCall(org, statusBody('0Af000000000000AAA'));
    expect(unknown.status).to.equal(500);
    expect(unknown.text).to.contain('<faultcode>sf:INVALID_CROSS_REFERENCE_KEY</faultcode>');
    const badLevel = await metadataCall(
      org,
      `<deploy><ZipFile>UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==</ZipFile><DeployOptions><testLevel>Sometimes</testLevel></DeployOptions></deploy>`
    );
    expect(badLevel.text).to.contain("'Sometimes' is not a valid value for the enum 'TestLevel'");
    const noZip = await metadataCall(org, '<deploy><DeployOptions/></deploy>');
    expect(noZip.status).to.equal(500);
  });

  it('fails a deploy whose zip cannot be read as a whole (errorStatusCode, errorMessage)', async () => {
    const done = await waitForDeploy(org, await startDeploy(org, Buffer.from('not a zip at all')));
    expect(member(done, 'status')).to.equal('Failed');
    expect(member(done, 'errorStatusCode')).to.equal('UNKNOWN_EXCEPTION');
    expect(member(done, 'errorMessage')).to.match(/^Unable to read the zip file/);
  });

  it('lists the deploys on Tooling DeployRequest, filterable by Status and CreatedDate (a lost id is found again)', async () => {
    const since = new Date(Date.now() - 1000).toISOString().replace('Z', '+0000').replace('.000', '');
    const first = await startDeploy(org, await contactTrigger('Inactive'));
    const second = await startDeploy(org, await contactTrigger('Active'));
    const running = async (): Promise<Array<Record<string, unknown>>> => {
      const soql = `SELECT Id, Status, CreatedDate, CreatedBy.Name, CheckOnly, NumberComponentsTotal FROM DeployRequest WHERE Status IN ('Pending','InProgress') AND CreatedDate >= ${since.slice(0, 19)}Z ORDER BY CreatedDate`;
      const answer = await call(org, 'GET', toolingQuery(soql));
      expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
      return (answer.body as { records: Array<Record<string, unknown>> }).records;
    };
    const both = await running();
    expect(both.map((row) => row.Id)).to.deep.equal([first, second]);
    expect(both[0]).to.include({ Status: 'Pending', CheckOnly: false });
    expect(String(both[0].CreatedDate)).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    expect((both[0].attributes as { type: string }).type).to.equal('DeployRequest');
    await waitForDeploy(org, second);
    expect(await running(), 'finished deploys are no longer Pending or InProgress').to.deep.equal([]);
    const all = await call(org, 'GET', toolingQuery(`SELECT Id, Status, CompletedDate FROM DeployRequest WHERE Id = '${first}'`));
    expect(all.body.records[0]).to.include({ Status: 'Succeeded' });
    expect(all.body.records[0].CompletedDate).to.be.a('string');
    expect((await call(org, 'GET', `${V}/query?q=${encodeURIComponent('SELECT Id FROM DeployRequest')}`)).status, 'not a data API object').to.equal(400);
  });

  it('answers deploy() late under deployAnswerDelayMs, its deploy already listed on DeployRequest', async () => {
    await call(org, 'POST', '/__emulator/faults', { deployAnswerDelayMs: 400 });
    try {
      const started = Date.now();
      const answered = startDeploy(org, await contactTrigger('Inactive'));
      await new Promise((resolve) => setTimeout(resolve, 150));
      const listed = await call(org, 'GET', toolingQuery("SELECT Id FROM DeployRequest WHERE Status IN ('Pending','InProgress')"));
      expect(listed.body.records, 'queued before the answer').to.have.length(1);
      const id = await answered;
      expect(Date.now() - started).to.be.at.least(400);
      expect(listed.body.records[0].Id).to.equal(id);
      await waitForDeploy(org, id);
    } finally {
      await call(org, 'POST', '/__emulator/faults', {});
    }
  });
});
