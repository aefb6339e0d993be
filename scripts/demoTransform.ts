/**
 * The demo's transformations step (`npm run demo`): the example template examples/transformations maps fields and
 * values, sets and computes fields, masks Contact personal data, and loads Leads into Prospect__c, into an org
 * whose schema has the target object and fields. Scan shows sample records as they would be sent; execute writes them; a re-run writes nothing.
 */
import { join } from 'node:path';
import { startOrg, type EmulatedOrg } from '@sf-isync/org-emulator';
import { queryOrg } from '../harness/emulatedOrgs.js';
import { REPO_ROOT, runTs } from '../harness/runPlugin.js';

type Sf = (args: string[], env: NodeJS.ProcessEnv) => Promise<number>;

const EXAMPLE = join('examples', 'transformations');

export async function transformDemo(sf: Sf, env: NodeJS.ProcessEnv, source: EmulatedOrg): Promise<number> {
  const masked = await startOrg({
    dataset: 'users',
    username: 'admin@demo-masked.isync.test',
    seed: 5,
    schema: join(REPO_ROOT, EXAMPLE, 'target-schema.json'),
  });
  try {
    const login = await runTs('harness/loginEmulatedOrg.ts', ['isync-demo-masked', masked.instanceUrl, masked.accessToken], env);
    if (login.code !== 0) throw new Error(`Could not log in isync-demo-masked: ${login.stderr}`);
    console.log('\nTransformations and masking (examples/transformations/template.json): AccountNumber is written to Code__c,');
    console.log('Industry also to Sector__c through a value map, Region__c is set, Label__c and Size__c are computed by');
    console.log('formulas, Contact last names, emails and phones are masked with the secret in SF_ISYNC_MASK_SECRET, and');
    console.log('Leads load into Prospect__c, an object of another name, their statuses translated and personal data masked.');
    const maskedEnv = { ...env, SF_ISYNC_MASK_SECRET: 'isync-demo-secret' };
    const orgs = ['--source-org', 'isync-demo-source', '--target-org', 'isync-demo-masked', '--template', join(EXAMPLE, 'template.json')];
    await sf(['isync', 'scan', ...orgs, '--show-sample', '2'], maskedEnv);
    const code = await sf(['isync', 'execute', ...orgs], maskedEnv);
    console.log('\nSource and target side by side:');
    const [sourceRows, targetRows] = await Promise.all([
      queryOrg(source, 'SELECT FirstName, LastName, Email FROM Contact ORDER BY FirstName, Title LIMIT 3'),
      queryOrg(masked, 'SELECT FirstName, LastName, Email FROM Contact ORDER BY FirstName, Title LIMIT 3'),
    ]);
    sourceRows.forEach((row, index) => {
      const target = targetRows[index] ?? {};
      console.log(
        `  ${String(row.FirstName)} ${String(row.LastName)} <${String(row.Email)}>  →  ${String(target.FirstName)} ${String(target.LastName)} <${String(target.Email)}>`
      );
    });
    for (const row of await queryOrg(masked, 'SELECT Name, Code__c, Sector__c, Region__c, Label__c, Size__c FROM Account ORDER BY Name LIMIT 2')) {
      console.log(
        `  Account ${String(row.Name)}: Code__c ${String(row.Code__c)}, Sector__c ${String(row.Sector__c)}, Label__c "${String(row.Label__c)}", Size__c ${String(row.Size__c)}`
      );
    }
    for (const row of await queryOrg(
      masked,
      'SELECT Name, First_Name__c, Last_Name__c, Email__c, Company__c, Status__c FROM Prospect__c ORDER BY First_Name__c LIMIT 2'
    )) {
      console.log(
        `  Prospect__c ${String(row.Name)}: ${String(row.First_Name__c)} ${String(row.Last_Name__c)} <${String(row.Email__c)}> of ${String(row.Company__c)}, ${String(row.Status__c)}`
      );
    }
    console.log('\nThe same sync again: masked values are the same for the same secret, so nothing is written.');
    const again = await sf(['isync', 'execute', ...orgs], maskedEnv);
    return code || again;
  } finally {
    await masked.stop();
  }
}
