import { expect } from 'chai';
import type { OrgApi } from '../../../src/lib/api/orgApi.js';
import { preflight } from '../../../src/lib/run/preflight.js';
import { startReadsAhead } from '../../../src/lib/run/readsAhead.js';
import { RecordCounts } from '../../../src/lib/load/recordCounts.js';
import type { ObjectSyncSpec } from '../../../src/lib/transform/recordTransformer.js';
import { field } from '../engine/describeKit.js';
import { nameKeyedSpec } from '../engine/engineRunKit.js';

type RecordTypeRow = { DeveloperName: string; SobjectType: string };

/** An org that counts every query's object by a table, and answers its limits and record types; notes each call. */
class CountingOrg implements OrgApi {
  public readonly apiVersion = '62.0';
  public readonly sent: string[] = [];

  public constructor(
    private readonly counts: Record<string, number>,
    private readonly recordTypes: RecordTypeRow[] = []
  ) {}

  public request<T>(_method: string, path: string, body?: unknown): Promise<T> {
    if (path === '/composite') {
      const subrequests = (body as { compositeRequest: Array<{ url: string; referenceId: string }> }).compositeRequest;
      const compositeResponse = subrequests.map(({ url, referenceId }) => ({
        referenceId,
        httpStatusCode: 200,
        body: this.answer(url.replace(/^\/services\/data\/v[\d.]+/, '')),
      }));
      return Promise.resolve({ compositeResponse } as T);
    }
    return Promise.resolve(this.answer(path) as T);
  }

  private answer(path: string): unknown {
    this.sent.push(decodeURIComponent(path));
    if (path === '/limits') return { DailyApiRequests: { Max: 15_000, Remaining: 14_000 } };
    const soql = decodeURIComponent(path.replace('/query?q=', ''));
    if (soql.startsWith('SELECT DeveloperName, Name, SobjectType FROM RecordType')) {
      return { totalSize: this.recordTypes.length, done: true, records: this.recordTypes };
    }
    const object = /FROM (\w+)/.exec(soql)![1];
    return { totalSize: this.counts[object] ?? 0, done: true, records: [] };
  }
}

const withRecordType = (spec: ObjectSyncSpec): ObjectSyncSpec => ({
  ...spec,
  fields: [...spec.fields, field('RecordTypeId', { type: 'reference', referenceTo: ['RecordType'] })],
});

describe('reads ahead: what the template alone decides is read with the describes', () => {
  const file = {
    objects: [{ name: 'Account', where: "Industry = 'Energy'" }, { name: 'contact' }, { name: 'Not an object' }],
  };

  it('sends the record counts of both orgs, their daily limits, the record types and the validation rules, for the names that can be objects', async () => {
    const source = new CountingOrg({ Account: 7, contact: 12 });
    const target = new CountingOrg({ Account: 0, contact: 3 });
    const ahead = startReadsAhead(file, source, target);
    expect(await ahead.limits.source).to.deep.equal({ Max: 15_000, Remaining: 14_000 });
    await Promise.all([ahead.recordTypes.source, ahead.recordTypes.target]);
    await Promise.all([ahead.validationRules.source, ahead.validationRules.target]);
    const recordTypes = "SELECT DeveloperName, Name, SobjectType FROM RecordType WHERE SobjectType IN ('Account','contact')";
    const rules =
      '/tooling/query?q=SELECT Id, ValidationName, Active, ErrorMessage, NamespacePrefix, ManageableState, EntityDefinition.QualifiedApiName ' +
      "FROM ValidationRule WHERE EntityDefinition.QualifiedApiName IN ('Account','contact')";
    expect([...source.sent].sort()).to.deep.equal(
      [
        "/query?q=SELECT COUNT() FROM Account WHERE (Industry = 'Energy')",
        '/query?q=SELECT COUNT() FROM contact',
        `/query?q=${recordTypes}`,
        '/limits',
        rules,
      ].sort()
    );
    expect([...target.sent].sort()).to.deep.equal(
      ['/query?q=SELECT COUNT() FROM Account', '/query?q=SELECT COUNT() FROM contact', `/query?q=${recordTypes}`, '/limits', rules].sort()
    );
  });

  it("answers the run's counts from those sent ahead; an object spelled otherwise by its describe is counted again", async () => {
    const source = new CountingOrg({ Account: 7, contact: 12, Contact: 12 });
    const target = new CountingOrg({ Account: 0, contact: 3, Contact: 3 });
    const ahead = startReadsAhead(file, source, target);
    const account = { ...nameKeyedSpec('Account'), object: { ...nameKeyedSpec('Account').object, where: "Industry = 'Energy'" } };
    const counts = RecordCounts.from([account, nameKeyedSpec('Contact')], ahead.counts);
    expect([await counts.source('Account'), await counts.target('Account'), await counts.source('Contact'), await counts.target('Contact')]).to.deep.equal([
      7, 0, 12, 3,
    ]);
    const countsSent = (org: CountingOrg): string[] => org.sent.filter((sent) => sent.includes('COUNT()'));
    expect(countsSent(source)).to.deep.equal([
      "/query?q=SELECT COUNT() FROM Account WHERE (Industry = 'Energy')",
      '/query?q=SELECT COUNT() FROM contact',
      '/query?q=SELECT COUNT() FROM Contact',
    ]);
    expect(countsSent(target)).to.have.length(3);
  });

  it('the preflight compares the record types read ahead (names in any case) and asks nothing more', async () => {
    const source = new CountingOrg({}, [
      { SobjectType: 'Account', DeveloperName: 'Partner' },
      { SobjectType: 'Account', DeveloperName: 'Customer' },
      { SobjectType: 'Contact', DeveloperName: 'Vendor' },
    ]);
    const target = new CountingOrg({}, [
      { SobjectType: 'Account', DeveloperName: 'partner' },
      { SobjectType: 'Contact', DeveloperName: 'Vendor' },
    ]);
    const ahead = startReadsAhead(file, source, target);
    await Promise.all([ahead.recordTypes.source, ahead.recordTypes.target]);
    const sentBefore = source.sent.length + target.sent.length;
    const problems = await preflight([withRecordType(nameKeyedSpec('Account')), nameKeyedSpec('Contact')], source, target, ahead.recordTypes);
    // Contact does not sync its record type: its rows are not compared; Account's Customer is missing in the target.
    expect(problems.map((problem) => problem.what)).to.deep.equal(['Record type Customer of Account exists in the source but not in the target.']);
    expect(source.sent.length + target.sent.length).to.equal(sentBefore);
  });

  it('the preflight asks for itself when an object was not among those read ahead', async () => {
    const source = new CountingOrg({}, [{ SobjectType: 'Case', DeveloperName: 'Support' }]);
    const target = new CountingOrg({}, []);
    const ahead = startReadsAhead(file, source, target);
    const problems = await preflight([withRecordType(nameKeyedSpec('Case'))], source, target, ahead.recordTypes);
    expect(problems.map((problem) => problem.what)).to.deep.equal(['Record type Support of Case exists in the source but not in the target.']);
    expect(source.sent).to.include("/query?q=SELECT DeveloperName, Name, SobjectType FROM RecordType WHERE SobjectType IN ('Case')");
  });

  it('sends no record type query for a template without a name that can be an object', async () => {
    const source = new CountingOrg({});
    const target = new CountingOrg({});
    const ahead = startReadsAhead({ objects: [{ name: 'Not an object' }] }, source, target);
    expect(await ahead.recordTypes.source).to.deep.equal([]);
    await ahead.limits.target;
    expect(source.sent).to.deep.equal(['/limits']);
  });
});
