import { expect } from 'chai';
import type { OrgApi } from '../../../src/lib/api/orgApi.js';
import { BUILT_IN_REFERENCE_KEYS } from '../../../src/lib/transform/referenceKeys.js';
import { ReferenceResolver } from '../../../src/lib/transform/referenceResolver.js';

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
    const records = this.users.filter((user) =>
      ['Id', 'Username', 'Email'].some((field) => wanted(field).some((value) => String(user[field]).slice(0, value.length === 15 ? 15 : undefined) === value))
    );
    return new Promise((resolve) => setImmediate(() => resolve({ totalSize: records.length, done: true, records } as T)));
  }
}

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
    expect(source.soql[1]).to.contain(`'${U3.slice(0, 15)}'`).and.not.contain(U2.slice(0, 15));
    expect([resolver.cached(U1), resolver.cached(U2), resolver.cached(U3)]).to.deep.equal(['005TTTTT0000001AAA', null, null]);
  });

  it('asks the target once for every alternative of the key, and a Username match wins over an Email match', async () => {
    const source = new Org([
      { Id: U1, Username: 'a@org', Email: 'a@example.com' },
      { Id: U2, Username: 'b@src', Email: 'b@example.com' },
    ]);
    const target = new Org([
      { Id: '005TTTTT0000009AAA', Username: 'other@tgt', Email: 'a@example.com' },
      { Id: '005TTTTT0000001AAA', Username: 'a@org', Email: 'a.new@example.com' },
      { Id: '005TTTTT0000002AAA', Username: 'b@tgt', Email: 'b@example.com' },
    ]);
    const resolver = new ReferenceResolver(source, target, keysOf);
    await resolver.resolve('User', [U1, U2]);
    expect(target.soql).to.deep.equal([
      "SELECT Id, Username, Email FROM User WHERE Username IN ('a@org','b@src') OR Email IN ('a@example.com','b@example.com')",
    ]);
    expect([resolver.cached(U1), resolver.cached(U2)]).to.deep.equal(['005TTTTT0000001AAA', '005TTTTT0000002AAA']);
  });
});
