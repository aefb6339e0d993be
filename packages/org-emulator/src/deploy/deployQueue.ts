/**
 * The org's deploy queue: Salesforce runs one deploy of an org at a time, later ones wait Pending. Each deploy
 * goes Pending -> InProgress -> Succeeded | SucceededPartial | Failed (or Canceling -> Canceled) on timers of the
 * emulator's own, never on the client's polls: a client that dies mid-deploy leaves it to finish, as on
 * Salesforce. Timing (modelled): `queuedMs` at the head of the queue before it starts, then `runMs` plus the
 * cost model's latency, plus `testMs` per Apex test when tests run.
 */
import { MetadataIds } from '../automation/metadataIds.js';
import type { OrgState } from '../org/orgState.js';
import { type ApexTestSuite, runsTests } from './apexTests.js';
import { readPackage, UnreadableZip, type ReadPackage } from './deployPackage.js';
import { deployOutcome, effectiveTestLevel } from './deployOutcome.js';
import type { DeployOptions, DeployRecord } from './deployTypes.js';

export type DeployTiming = { queuedMs: number; runMs: number; testMs: number };
export const DEFAULT_DEPLOY_TIMING: DeployTiming = { queuedMs: 100, runMs: 200, testMs: 25 };

export type DeployQueueDeps = {
  org: OrgState;
  /** The cost model's latency, read when a deploy starts (it can change at run time). */
  latencyMs: () => number;
  timing: DeployTiming;
  apexTests: ApexTestSuite;
};

type Job = { record: DeployRecord; zip: Buffer; pkg?: ReadPackage };

export class DeployQueue {
  /** The org's modelled Apex tests (start option, side door `POST /__emulator/automation/apex-tests`). */
  public apexTests: ApexTestSuite;
  private readonly jobs = new Map<string, Job>();
  private readonly waiting: Job[] = [];
  private running: Job | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly ids: MetadataIds;
  private testClassId: string;

  public constructor(private readonly deps: DeployQueueDeps) {
    this.apexTests = deps.apexTests;
    // A series of their own, so deploys shift no record or automation id.
    this.ids = new MetadataIds(deps.org.orgId.slice(3, 5), '2');
    this.testClassId = this.ids.next('01p');
  }

  private get org(): OrgState {
    return this.deps.org;
  }

  private now(): string {
    return this.org.now().toISOString();
  }

  private runningUser(): { id: string; name: string } {
    const user = this.org.get(this.org.userId);
    return { id: this.org.userId, name: typeof user?.Name === 'string' ? user.Name : this.org.identity.username };
  }

  /** Queues a deploy (deploy()); it starts when the ones before it are done. */
  public submit(options: DeployOptions, zip: Buffer): DeployRecord {
    const now = this.now();
    const record: DeployRecord = {
      id: this.ids.next('0Af'),
      options,
      testLevel: options.testLevel ?? 'NoTestRun',
      status: 'Pending',
      done: false,
      createdDate: now,
      lastModifiedDate: now,
      canceled: false,
      createdBy: this.runningUser(),
      numberComponentsTotal: 0,
      numberComponentsDeployed: 0,
      numberComponentErrors: 0,
      numberTestsTotal: 0,
      numberTestsCompleted: 0,
      numberTestErrors: 0,
      runTestsEnabled: false,
      successes: [],
      failures: [],
    };
    const job = { record, zip };
    this.jobs.set(record.id.slice(0, 15), job);
    this.waiting.push(job);
    this.pump();
    return record;
  }

  /** Every deploy the org knows, oldest first (Tooling DeployRequest). */
  public all(): DeployRecord[] {
    return [...this.jobs.values()].map((job) => job.record);
  }

  /** A deploy by its 15- or 18-character id. */
  public find(id: string): DeployRecord | undefined {
    return this.jobs.get(id.slice(0, 15))?.record;
  }

  /** cancelDeploy(): a waiting deploy is Canceled at once, a running one Canceling until its step ends. */
  public cancel(id: string): DeployRecord | 'done' | undefined {
    const job = this.jobs.get(id.slice(0, 15));
    if (!job) return undefined;
    const { record } = job;
    if (record.done) return 'done';
    record.canceled = true;
    record.canceledBy = this.runningUser();
    if (record.status === 'Pending') {
      const at = this.waiting.indexOf(job);
      if (at >= 0) this.waiting.splice(at, 1);
      if (this.running === job) this.running = undefined;
      this.end(record, 'Canceled');
      this.pump();
    } else {
      record.status = 'Canceling';
      record.lastModifiedDate = this.now();
    }
    return record;
  }

  /** Forgets every deploy and stops their timers (an org reset or stop); `data` also restores the test suite. */
  public reset(apexTests?: ApexTestSuite): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.jobs.clear();
    this.waiting.length = 0;
    this.running = undefined;
    if (apexTests) this.apexTests = apexTests;
  }

  private later(ms: number, step: () => void): void {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        step();
      },
      Math.max(0, ms)
    );
    this.timers.add(timer);
  }

  private pump(): void {
    if (this.running || this.waiting.length === 0) return;
    const job = this.waiting.shift()!;
    this.running = job;
    this.later(this.deps.timing.queuedMs, () => {
      if (this.running === job) void this.start(job); // else canceled while it waited
    });
  }

  private async start(job: Job): Promise<void> {
    const { record } = job;
    record.status = 'InProgress';
    record.startDate = this.now();
    record.lastModifiedDate = record.startDate;
    try {
      job.pkg = await readPackage(job.zip, record.options.singlePackage, record.createdDate);
    } catch (e) {
      // Nothing may escape a timer's promise; a zip jszip cannot read fails the deploy as a whole.
      const reason = e instanceof UnreadableZip || e instanceof Error ? e.message : String(e);
      record.error = { statusCode: 'UNKNOWN_EXCEPTION', message: `Unable to read the zip file: ${reason}` };
    }
    if (this.running !== job) return; // reset while the zip was read
    if (job.pkg) {
      record.testLevel = effectiveTestLevel(record.options, this.org.identity.edition, job.pkg);
      record.numberComponentsTotal = job.pkg.members.length;
      record.runTestsEnabled = runsTests(record.testLevel);
      record.numberTestsTotal = record.runTestsEnabled ? this.apexTests.count : 0;
      record.stateDetail = job.pkg.members.length > 0 ? `Processing Type: ${job.pkg.members[0].type}` : undefined;
    }
    const { runMs, testMs } = this.deps.timing;
    this.later(runMs + this.deps.latencyMs() + record.numberTestsTotal * testMs, () => this.finish(job));
  }

  private finish(job: Job): void {
    const { record } = job;
    this.running = undefined;
    if (record.canceled) this.end(record, 'Canceled');
    else if (!job.pkg) this.end(record, 'Failed');
    else {
      const outcome = deployOutcome(job.pkg, record.options, record.testLevel, {
        org: this.org,
        registry: this.org.automation,
        edition: this.org.identity.edition,
        suite: this.apexTests,
        ids: { testClass: this.testClassId, org: this.org.orgId },
        testMs: this.deps.timing.testMs,
        createdDate: record.createdDate,
      });
      Object.assign(record, {
        successes: outcome.successes,
        failures: outcome.failures,
        numberComponentsDeployed: outcome.numberComponentsDeployed,
        numberComponentErrors: outcome.failures.length,
        tests: outcome.tests,
        numberTestsTotal: outcome.tests ? outcome.tests.successes.length + outcome.tests.failures.length : 0,
        numberTestsCompleted: outcome.tests?.successes.length ?? 0,
        numberTestErrors: outcome.tests?.failures.length ?? 0,
      });
      this.end(record, outcome.status);
    }
    this.pump();
  }

  private end(record: DeployRecord, status: DeployRecord['status']): void {
    record.status = status;
    record.done = true;
    record.stateDetail = undefined;
    record.completedDate = this.now();
    record.lastModifiedDate = record.completedDate;
  }
}
