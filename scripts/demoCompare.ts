/**
 * The demo's org compare step (`npm run demo`): a template generated from the source org (Account and its
 * children), then examples/compare's target, whose schema lacks two custom fields, a picklist value and a
 * record type and has a field of another type: `compare` grades each difference, `compare --fix` deploys what
 * can be created and compares again, and the sync then runs with the field of another type left out.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOrg } from '@sf-isync/org-emulator';
import { REPO_ROOT, runTs } from '../harness/runPlugin.js';

type Sf = (args: string[], env: NodeJS.ProcessEnv) => Promise<number>;

const EXAMPLE = join('examples', 'compare');

export async function compareDemo(sf: Sf, env: NodeJS.ProcessEnv): Promise<number> {
  const folder = mkdtempSync(join(tmpdir(), 'isync-demo-compare-'));
  console.log('\nA template from the org: Account and its related objects two levels down, each with its match key and why.');
  const generated = await sf(
    ['isync', 'template', 'generate', '--source-org', 'isync-demo-source', '--objects', 'Account', '--children', '2', '-f', join(folder, 'generated.json')],
    env
  );
  const target = await startOrg({
    dataset: 'users',
    username: 'admin@demo-compare.isync.test',
    seed: 6,
    schema: join(REPO_ROOT, EXAMPLE, 'target-schema.json'),
  });
  try {
    const login = await runTs('harness/loginEmulatedOrg.ts', ['isync-demo-compare', target.instanceUrl, target.accessToken], env);
    if (login.code !== 0) throw new Error(`Could not log in isync-demo-compare: ${login.stderr}`);
    console.log('\nOrg compare (examples/compare): the target lacks Project__c.Budget__c, Project_Task__c.Due_Date__c, the');
    console.log('Project__c.Status__c value "On Hold" and the Account record type Partner, and its Estimate_Hours__c is text.');
    const orgs = ['--source-org', 'isync-demo-source', '--target-org', 'isync-demo-compare'];
    const template = join(EXAMPLE, 'template.json');
    await sf(['isync', 'compare', ...orgs, '--template', template], env);
    await sf(['isync', 'compare', ...orgs, '--template', template, '--fix'], env);
    console.log('\nWhat --fix cannot do is left: the field of another type. Left out of the template, the sync runs.');
    const adjusted = JSON.parse(readFileSync(join(REPO_ROOT, template), 'utf8')) as { objects: Array<{ name: string; excludeFields?: string[] }> };
    adjusted.objects.find((object) => object.name === 'Project_Task__c')!.excludeFields = ['Estimate_Hours__c'];
    writeFileSync(join(folder, 'template.json'), JSON.stringify(adjusted, null, 2));
    const synced = await sf(['isync', 'execute', ...orgs, '--template', join(folder, 'template.json')], env);
    return generated || synced;
  } finally {
    await target.stop();
  }
}
