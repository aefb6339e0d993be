import { expect } from 'chai';
import { buildSourceQuery } from '../../../src/lib/load/sourceQuery.js';
import { countQuery } from '../../../src/lib/template/soqlClauses.js';
import { checkSoqlClauses } from '../../../src/lib/template/checkSoqlClauses.js';
import { nameKeyedSpec } from '../engine/engineRunKit.js';
import { stubSoqlChecker } from './stubOrg.js';

/** The problems of one object's clauses, as "location: what Fix: fix" lines, and the queries sent to check them. */
async function check(
  spec: { name: string; where?: string; orderBy?: string },
  index = 2,
  errors: Parameters<typeof stubSoqlChecker>[0] = {}
): Promise<{ problems: string[]; queries: string[] }> {
  const checker = stubSoqlChecker(errors);
  const problems = (await checkSoqlClauses(spec.name, spec, index, checker))(spec.name);
  return { problems: problems.map((p) => `${p.location}: ${p.what} Fix: ${p.fix}`), queries: checker.queries };
}

describe('checkSoqlClauses', () => {
  it('checks where inside the parentheses the sync sends it in, with the very text of its count query', async () => {
    const { problems, queries } = await check({ name: 'Account', where: "Industry = 'Energy' OR Name != null" });
    expect(problems).to.deep.equal([]);
    expect(queries).to.deep.equal([countQuery('Account', "Industry = 'Energy' OR Name != null")]);
    expect(queries[0]).to.equal("SELECT COUNT() FROM Account WHERE (Industry = 'Energy' OR Name != null)");
  });

  it("checks orderBy followed by a LIMIT, as the source query puts the template's limit after it", async () => {
    const { queries } = await check({ name: 'Account', orderBy: 'Name DESC NULLS LAST' });
    expect(queries).to.deep.equal(['SELECT Id FROM Account ORDER BY Name DESC NULLS LAST LIMIT 1']);
    const spec = nameKeyedSpec('Account');
    Object.assign(spec.object, { orderBy: 'Name DESC NULLS LAST', limit: 5 });
    expect(buildSourceQuery(spec)).to.match(/ ORDER BY Name DESC NULLS LAST LIMIT 5$/);
  });

  it('reports a LIMIT in where without asking the org, naming objects[i].where and the limit to set', async () => {
    const { problems, queries } = await check({ name: 'Contact', where: 'Name != null LIMIT 1' });
    expect(queries).to.deep.equal([]);
    expect(problems).to.deep.equal([
      'objects[2] (Contact).where: "Name != null LIMIT 1" holds LIMIT: "where" is only the condition, which sf isync sends in parentheses, ANDed with filters of its own (SELECT COUNT() FROM Contact WHERE (Name != null LIMIT 1)), where the source org refuses any other clause. Fix: write it as "where": "Name != null", "limit": 1 on this object.',
    ]);
  });

  it('reports an ORDER BY (and a LIMIT after it) in where as the orderBy and limit to set', async () => {
    const { problems } = await check({ name: 'Account', where: "Industry = 'Energy' ORDER BY Name DESC LIMIT 10" }, 0);
    expect(problems).to.have.length(1);
    expect(problems[0]).to.contain('objects[0] (Account).where: "Industry = \'Energy\' ORDER BY Name DESC LIMIT 10" holds ORDER BY, LIMIT:');
    expect(problems[0]).to.contain('Fix: write it as "where": "Industry = \'Energy\'", "orderBy": "Name DESC", "limit": 10 on this object.');
  });

  it('reports the keywords sf isync adds itself, and a LIMIT in orderBy', async () => {
    const { problems } = await check({ name: 'Account', where: "WHERE Name = 'x'", orderBy: 'ORDER BY Name LIMIT 5' });
    expect(problems).to.deep.equal([
      `objects[2] (Account).where: "WHERE Name = 'x'" holds WHERE: "where" is only the condition, which sf isync sends in parentheses, ANDed with filters of its own (SELECT COUNT() FROM Account WHERE (WHERE Name = 'x')), where the source org refuses any other clause. Fix: write it as "where": "Name = 'x'" on this object.`,
      'objects[2] (Account).orderBy: "ORDER BY Name LIMIT 5" holds ORDER BY, LIMIT: "orderBy" is only the fields to sort by (each with ASC or DESC, NULLS FIRST or LAST); sf isync writes ORDER BY before it and the object\'s "limit" after it. Fix: write it as "orderBy": "Name", "limit": 5 on this object.',
    ]);
  });

  it('says which clauses a template cannot hold at all', async () => {
    const { problems } = await check({ name: 'Account', where: 'Name != null OFFSET 5' });
    expect(problems[0]).to.match(/Fix: write it as "where": "Name != null" on this object\. A sync template has no setting for OFFSET 5: remove it\.$/);
  });

  it('leaves keywords in string literals, sub-queries and field names to the org', async () => {
    const where = "Name = 'x LIMIT 5' AND Id IN (SELECT AccountId FROM Contact WHERE LastName = 'Order by') AND Limit__c > 3";
    const { problems, queries } = await check({ name: 'Account', where });
    expect(problems).to.deep.equal([]);
    expect(queries).to.deep.equal([`SELECT COUNT() FROM Account WHERE (${where})`]);
  });

  it('reports what the org refuses, pointing into the clause rather than the query', async () => {
    const message =
      "\nSELECT COUNT() FROM Account WHERE (Name = = 1)\n                                            ^\nERROR at Row:1:Column:43\nunexpected token: '='";
    const { problems } = await check({ name: 'Account', where: 'Name = = 1' }, 1, { 'Name = = 1': { errorCode: 'MALFORMED_QUERY', message } });
    expect(problems).to.deep.equal([
      `objects[1] (Account).where: "Name = = 1" is not valid SOQL for Account in the source org: unexpected token: '=' (at character 8 of the clause) (MALFORMED_QUERY). Fix: fix the clause; try it with \`sf data query --query "SELECT COUNT() FROM Account WHERE (Name = = 1)" --target-org SOURCE\`.`,
    ]);
  });
});
