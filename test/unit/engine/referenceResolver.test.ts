import { expect } from 'chai';
import type { OrgApi } from '../../../src/lib/api/orgApi.js';
import { BUILT_IN_REFERENCE_KEYS } from '../../../src/lib/transform/referenceKeys.js';
import { PRELOAD_MAX_ROWS, ReferenceResolver } from '../../../src/lib/transform/referenceResolver.js';

const U1 = '005AAAAA0000001AAA';
const U2 = '005AAAAA0000002AAA';
const U3 = '005AAAAA0000003AAA';

/** An org that answers queries from a fixed table of users, recording each SOQL, a tick later. */
class Org implements OrgApi {
  public readonly apiVersion = '62.0';
  public readonly soql: string[] = [];
  public constructor(private readonly users: Array<Record<string, unknown>>) {}

  public request<T>(_method: string, path: string): Promise<T> {
    const soql = decodeURIComponent(path.replace('/query?q=', ''));
    this.soql.push(soql);
    const wanted = (field: string): string[] => [...(new RegExp(`${field} IN \\(([^)]*)\\)`).exec(soql)?.[1] ?? '').matchAll(/'([^']*)'/g)].map((m) => m[1]);
    const limit = Number(/ LIMIT (\d+)$/.exec(soql)?.[1] ?? Infinity);
    const records = soql.includes(' WHERE ')
      ? this.users.filter((user) =>
          ['Id', 'Username', 'Email'].some((field) =>
            wanted(field).some((value) => String(user[field]).slice(0, value.length === 15 ? 15 : undefined) === value)
          )
        )
      : this.users.slice(0, limit);
    return new Promise((resolve) => setImmediate(() => resolve({ totalSize: records.length, done: true, records } as T)));
  }
}

/** Target users: one sharing an Email with U1 but not its Username, U1 by Username, U2 by Email. */
const TARGET_USERS = [
  { Id: '005TTTTT0000009AAA', Username: 'other@tgt', Email: 'a@example.com' },
  { Id: '005TTTTT0000001AAA', Username: 'a@org', Email: 'a.new@example.com' },
  { Id: '005TTTTT0000002AAA', Username: 'b@tgt', Email: 'b@example.com' },
];

const keysOf = (object: string): Array<{ source: string[]; target: string[] }> => BUILT_IN_REFERENCE_KEYS[object] ?? [];

describe('ReferenceResolver', () => {
  it('looks an id up once when objects running side by side ask for it at the same time', async () => {
    const source = new Org([
      { Id: U1, Username: 'a@src', Email: 'a@example.com' },
      { Id: U2, Username: 'b@src', Email: 'b@example.com' },
      { Id: U3, Username: 'c@src', Email: 'c@example.com' },
    ]);
    const target = new Org([{ Id: '005TTTTT0000001AAA', Username: 'a@tgt', Email: 'a@example.com' }]);
    const resolver = new ReferenceResolver(source, target, keysOf);
    await Promise.all([resolver.resolve('User', [U1, U2]), resolver.resolve('User', [U2, U3])]);
    expect(source.soql).to.have.length(2);
    expect(source.soql[1])
      .to.contain(`'${U3.slice(0, 15)}'`)
      .and.not.contain(U2.slice(0, 15));
    expect([resolver.cached(U1), resolver.cached(U2), resolver.cached(U3)]).to.deep.equal(['005TTTTT0000001AAA', null, null]);
  });

  it('asks the target once for every alternative of the key, and a Username match wins over an Email match', async () => {
    const source = new Org([
      { Id: U1, Username: 'a@org', Email: 'a@example.com' },
      { Id: U2, Username: 'b@src', Email: 'b@example.com' },
    ]);
    const target = new Org(TARGET_USERS);
    const resolver = new ReferenceResolver(source, target, keysOf);
    await resolver.resolve('User', [U1, U2]);
    expect(target.soql).to.deep.equal([
      "SELECT Id, Username, Email FROM User WHERE Username IN ('a@org','b@src') OR Email IN ('a@example.com','b@example.com')",
    ]);
    expect([resolver.cached(U1), resolver.cached(U2)]).to.deep.equal(['005TTTTT0000001AAA', '005TTTTT0000002AAA']);
  });

  it('preloads a small object whole from both orgs: lookups asked meanwhile wait for it and query nothing', async () => {
    const source = new Org([
      { Id: U1, Username: 'a@org', Email: 'a@example.com' },
      { Id: U2, Username: 'b@src', Email: 'b@example.com' },
      { Id: U3, Username: 'c@src', Email: 'c@example.com' },
    ]);
    const target = new Org(TARGET_USERS);
    const resolver = new ReferenceResolver(source, target, keysOf);
    const preload = resolver.preload('User');
    await Promise.all([preload, resolver.resolve('User', [U1, U2, U3])]);
    expect(source.soql).to.deep.equal([`SELECT Id, Username, Email FROM User LIMIT ${PRELOAD_MAX_ROWS}`]);
    expect(target.soql).to.deep.equal([`SELECT Id, Username, Email FROM User LIMIT ${PRELOAD_MAX_ROWS}`]);
    // The Username match wins over the Email one, as record by record; a user missing from the target is known missing.
    expect([resolver.cached(U1), resolver.cached(U2), resolver.cached(U3)]).to.deep.equal(['005TTTTT0000001AAA', '005TTTTT0000002AAA', null]);
  });

  it('leaves an object too large to preload to the lookups of the records in hand', async () => {
    const many = Array.from({ length: PRELOAD_MAX_ROWS }, (_, i) => ({
      Id: `005AAAAA${String(i).padStart(7, '0')}AAA`,
      Username: `u${i}@src`,
      Email: `u${i}@example.com`,
    }));
    const source = new Org(many);
    const target = new Org([{ Id: '005TTTTT0000001AAA', Username: 'u1@src', Email: 'x@example.com' }]);
    const resolver = new ReferenceResolver(source, target, keysOf);
    await resolver.preload('User');
    expect(resolver.cached(many[1].Id)).to.equal(undefined);
    await resolver.resolve('User', [many[1].Id]);
    expect(resolver.cached(many[1].Id)).to.equal('005TTTTT0000001AAA');
    expect(source.soql[1]).to.contain('WHERE Id IN');
  });
});

describe('ReferenceResolver with history (the id map of earlier runs)', () => {
  const C1 = '500AAAAA0000001AAA';
  const C2 = '500AAAAA0000002AAA';
  const T1 = '500TTTTT0000001AAA';
  const GONE = '500TTTTT0000009AAA';
  const history = (entries: Record<string, string>): { get(id: string): string | undefined; size: number } => ({
    get: (id) => entries[id.slice(0, 15)],
    size: Object.keys(entries).length,
  });

  it('finds a keyless parent through the map, checked in the target; a mapping to a deleted record finds nothing', async () => {
    const source = new Org([]);
    const target = new Org([{ Id: T1 }]);
    const map = history({ [C1.slice(0, 15)]: T1, [C2.slice(0, 15)]: GONE });
    const resolver = new ReferenceResolver(source, target, () => [], { lookup: map, appliesTo: () => true });
    expect(resolver.canResolve('Case')).to.equal(true);
    await resolver.resolve('Case', [C1, C2]);
    expect([resolver.cached(C1), resolver.cached(C2)]).to.deep.equal([T1, null]);
    expect(target.soql).to.deep.equal([`SELECT Id, SystemModstamp FROM Case WHERE Id IN ('${T1}','${GONE}')`]);
    expect(source.soql, 'a keyless object has no key to read in the source').to.deep.equal([]);
  });

  it('tries the map before the key, and the key for what the map does not find', async () => {
    const source = new Org([{ Id: U2, Username: 'b@src', Email: 'b@example.com' }]);
    const target = new Org([...TARGET_USERS, { Id: '005TTTTT0000005AAA', Username: 'renamed@tgt', Email: 'renamed@example.com' }]);
    const map = history({ [U1.slice(0, 15)]: '005TTTTT0000005AAA' });
    const resolver = new ReferenceResolver(source, target, keysOf, { lookup: map, appliesTo: () => true });
    await resolver.resolve('User', [U1, U2]);
    expect([resolver.cached(U1), resolver.cached(U2)]).to.deep.equal(['005TTTTT0000005AAA', '005TTTTT0000002AAA']);
    expect(source.soql).to.have.length(1);
    expect(source.soql[0]).to.contain(U2.slice(0, 15)).and.not.contain(U1.slice(0, 15));
  });

  it('leaves objects the map does not apply to (insert-only objects) to their keys alone', async () => {
    const map = history({ [C1.slice(0, 15)]: T1 });
    const resolver = new ReferenceResolver(new Org([]), new Org([{ Id: T1 }]), () => [], { lookup: map, appliesTo: (object) => object !== 'Case' });
    expect(resolver.canResolve('Case')).to.equal(false);
    await resolver.resolve('Case', [C1]);
    expect(resolver.cached(C1)).to.equal(null);
  });
});

describe('ReferenceResolver and the template transformations', () => {
  it('finds a record outside the run by its key as the template writes it (masked), reading what the mask reads', async () => {
    const source = new Org([{ Id: U1, Username: 'a@src', Email: 'real@corp.com' }]);
    const target = new Org([{ Id: '005TTTTT0000001AAA', Username: 'a@tgt', Email: 'masked@example.com' }]);
    const byEmail = (): Array<{ source: string[]; target: string[] }> => [{ source: ['Email'], target: ['Email'] }];
    const resolver = new ReferenceResolver(source, target, byEmail, undefined, {
      sourceFields: () => ['Username'],
      transformed: (object, row) => (object === 'User' ? { ...row, Email: row.Email === 'real@corp.com' ? 'masked@example.com' : null } : undefined),
    });
    await resolver.resolve('User', [U1]);
    expect(resolver.cached(U1)).to.equal('005TTTTT0000001AAA');
    expect(source.soql[0]).to.match(/^SELECT Id, Email, Username FROM User WHERE/);
    expect(target.soql[0]).to.contain("'masked@example.com'").and.not.contain('real@corp.com');
  });
});
