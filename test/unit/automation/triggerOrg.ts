import { ZipTreeContainer } from '@salesforce/source-deploy-retrieve';
import type { HttpMethod, OrgApi } from '../../../src/lib/api/orgApi.js';

export type FakeTrigger = { name: string; object: string; body: string; apiVersion: number; status: 'Active' | 'Inactive' };

/** A deploy the org received: what it asked for and how far it got. */
export type FakeDeploy = {
  id: string;
  testLevel: string;
  /** Trigger name -> the status its meta XML asks for. */
  statuses: Map<string, string>;
  files: Map<string, string>;
  pollsLeft: number;
  failure?: string;
  done: boolean;
};

const envelope = (body: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

/**
 * An org with Apex triggers as the Tooling API shows them and the Metadata API deploys them: a deploy unzips
 * the package, runs for `pollsPerDeploy` polls, then sets each trigger's status from its meta XML (or fails,
 * changing nothing, when `failNextDeploy` says why).
 */
export class TriggerOrg implements OrgApi {
  public readonly apiVersion = '62.0';
  public readonly deploys: FakeDeploy[] = [];
  /** What the org answered in order: `query`, `deploy`, `check <id>`. */
  public readonly calls: string[] = [];
  public pollsPerDeploy = 2;
  public failNextDeploy?: string;
  public production = false;
  /** The next deploy() is carried out but its answer never reaches the client (a kill, a lost connection). */
  public loseNextDeployAnswer = false;
  /** Called before each checkDeployStatus is answered (to look at the journal then). */
  public onCheck?: (deployId: string) => void;

  public constructor(public readonly triggers: Map<string, FakeTrigger>) {}

  public request<T>(_method: HttpMethod, path: string): Promise<T> {
    const soql = decodeURIComponent(path.replace(/^.*\?q=/, ''));
    if (soql.includes('FROM DeployRequest')) {
      this.calls.push(`deploys ${/CreatedDate >= (\S+)/.exec(soql)?.[1] ?? ''}`);
      const running = this.deploys.filter((deploy) => !deploy.done).map((deploy) => ({ Id: deploy.id }));
      return Promise.resolve({ done: true, totalSize: running.length, records: running } as T);
    }
    this.calls.push(soql.includes('FROM Organization') ? 'edition' : 'query');
    if (soql.includes('FROM Organization')) {
      return Promise.resolve({ done: true, totalSize: 1, records: [{ IsSandbox: !this.production, OrganizationType: 'Enterprise Edition' }] } as T);
    }
    const ids = /\bId IN \(([^)]*)\)/
      .exec(soql)?.[1]
      ?.split(',')
      .map((id) => id.replace(/'/g, '')) ?? [...this.triggers.keys()];
    const records = ids
      .filter((id) => this.triggers.has(id))
      .map((id) => {
        const trigger = this.triggers.get(id)!;
        return {
          Id: id,
          Name: trigger.name,
          TableEnumOrId: trigger.object,
          Body: trigger.body,
          ApiVersion: trigger.apiVersion,
          Status: trigger.status,
          UsageBeforeInsert: true,
        };
      });
    return Promise.resolve({ done: true, totalSize: records.length, records } as T);
  }

  public async requestText(_method: HttpMethod, _path: string, body = ''): Promise<string> {
    const zip = /<ZipFile>([^<]*)<\/ZipFile>/.exec(body)?.[1];
    if (zip !== undefined) return this.deploy(Buffer.from(zip, 'base64'), /<testLevel>(\w+)<\/testLevel>/.exec(body)?.[1] ?? '');
    const id = /<asyncProcessId>(\w+)<\/asyncProcessId>/.exec(body)?.[1] ?? '';
    this.calls.push(`check ${id}`);
    this.onCheck?.(id);
    return this.check(id);
  }

  public sessionId(): string {
    return 'SESSION';
  }

  /** Lets a deploy run to its end now, as the org would while nobody polls it. */
  public finish(deployId: string): void {
    const deploy = this.deploys.find((entry) => entry.id === deployId)!;
    deploy.pollsLeft = 0;
    this.settle(deploy);
  }

  private async deploy(zip: Buffer, testLevel: string): Promise<string> {
    this.calls.push('deploy');
    const tree = await ZipTreeContainer.create(zip);
    const files = new Map<string, string>();
    const statuses = new Map<string, string>();
    for (const name of tree.readDirectory('triggers')) {
      const text = (await tree.readFile(`triggers/${name}`)).toString('utf8');
      files.set(`triggers/${name}`, text);
      const status = /<status>(\w+)<\/status>/.exec(text)?.[1];
      if (status) statuses.set(name.replace('.trigger-meta.xml', ''), status);
    }
    files.set('package.xml', (await tree.readFile('package.xml')).toString('utf8'));
    const deploy: FakeDeploy = {
      id: `0Af${String(this.deploys.length + 1).padStart(12, '0')}`,
      testLevel,
      statuses,
      files,
      pollsLeft: this.pollsPerDeploy,
      done: false,
    };
    if (this.failNextDeploy) deploy.failure = this.failNextDeploy;
    this.failNextDeploy = undefined;
    this.deploys.push(deploy);
    if (this.loseNextDeployAnswer) {
      this.loseNextDeployAnswer = false;
      throw new Error('socket hang up');
    }
    return envelope(`<deployResponse><result><done>false</done><id>${deploy.id}</id><state>Queued</state></result></deployResponse>`);
  }

  private check(deployId: string): string {
    const deploy = this.deploys.find((entry) => entry.id === deployId);
    if (!deploy)
      return envelope(
        '<soapenv:Fault><faultcode>sf:INVALID_CROSS_REFERENCE_KEY</faultcode><faultstring>invalid cross reference id</faultstring></soapenv:Fault>'
      );
    if (!deploy.done && deploy.pollsLeft > 0) {
      deploy.pollsLeft--;
      return this.statusAnswer(deploy.id, 'InProgress', '');
    }
    this.settle(deploy);
    if (deploy.failure) {
      const failure = `<details><runTestResult><failures><message>${deploy.failure}</message><methodName>stamps</methodName><name>ContactTriggerTest</name></failures></runTestResult></details>`;
      return this.statusAnswer(deploy.id, 'Failed', failure);
    }
    return this.statusAnswer(deploy.id, 'Succeeded', '');
  }

  private settle(deploy: FakeDeploy): void {
    if (deploy.done) return;
    deploy.done = true;
    if (deploy.failure) return;
    for (const trigger of this.triggers.values()) {
      const status = deploy.statuses.get(trigger.name);
      if (status === 'Active' || status === 'Inactive') trigger.status = status;
    }
  }

  private statusAnswer(id: string, status: string, details: string): string {
    const done = status !== 'InProgress';
    return envelope(
      `<checkDeployStatusResponse><result>${details}<done>${String(done)}</done><id>${id}</id><status>${status}</status><success>${String(status === 'Succeeded')}</success></result></checkDeployStatusResponse>`
    );
  }
}
