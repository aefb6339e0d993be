/**
 * What a deploy comes to once its time is up: each component checked against the org (componentPlans.ts), the
 * Apex tests its test level runs (apexTests.ts), and Salesforce's all-or-nothing rule: with rollbackOnError
 * (the default, and always in production) any component failure or failed test applies nothing and the deploy
 * is Failed; without it, the components that passed are applied (SucceededPartial). checkOnly validates the
 * same way and applies nothing. Pure apart from the apply step, which changes the registry.
 */
import type { AutomationRegistry } from '../automation/registry.js';
import type { Edition } from '../org/identity.js';
import type { OrgState } from '../org/orgState.js';
import { type ApexTestSuite, runApexTests, runsTests } from './apexTests.js';
import type { ReadPackage } from './deployPackage.js';
import type { DeployMessage, DeployOptions, DeployStatus, TestLevel, TestRunResult } from './deployTypes.js';
import { planComponents } from './componentPlans.js';

export type DeployOutcome = {
  status: DeployStatus;
  successes: DeployMessage[];
  failures: DeployMessage[];
  numberComponentsDeployed: number;
  tests?: TestRunResult;
};

const APEX_TYPES = new Set(['ApexTrigger', 'ApexClass']);

/** The level a deploy runs at: the client's, or the org's default (production runs local tests for Apex). */
export function effectiveTestLevel(options: DeployOptions, edition: Edition, pkg: ReadPackage): TestLevel {
  if (options.testLevel !== undefined) return options.testLevel;
  const hasApex = pkg.members.some((member) => APEX_TYPES.has(member.type));
  return edition === 'production' && hasApex ? 'RunLocalTests' : 'NoTestRun';
}

export type OutcomeContext = {
  org: OrgState;
  registry: AutomationRegistry;
  edition: Edition;
  suite: ApexTestSuite;
  ids: { testClass: string; org: string };
  testMs: number;
  createdDate: string;
};

export function deployOutcome(pkg: ReadPackage, options: DeployOptions, level: TestLevel, ctx: OutcomeContext): DeployOutcome {
  const plans = planComponents(pkg.members, ctx.org, ctx.registry, ctx.createdDate);
  const passed = plans.filter((plan) => plan.message.success);
  const failures = [...pkg.problems, ...plans.filter((plan) => !plan.message.success).map((plan) => plan.message)];
  const rollback = options.rollbackOnError || ctx.edition === 'production';
  // Salesforce runs no tests once a component failed a deploy that rolls back.
  let tests: TestRunResult | undefined;
  let testsPassed = true;
  if (runsTests(level) && !(rollback && failures.length > 0)) {
    const deployed = passed.flatMap((plan) => (plan.trigger ? [plan.trigger] : []));
    const run = runApexTests(ctx.suite, level, ctx.registry.triggers, deployed, ctx.ids, ctx.edition === 'production', ctx.testMs);
    tests = run.result;
    testsPassed = run.passed;
  }
  const whole = failures.length === 0 && testsPassed;
  const partial = !whole && !rollback && testsPassed && passed.length > 0;
  if (!options.checkOnly && (whole || partial)) {
    for (const plan of passed) plan.apply?.();
    // Deployed fields and permission sets change what the running user sees.
    ctx.org.fieldVisibility.refresh();
  }
  const manifest: DeployMessage = {
    changed: true,
    componentType: '',
    created: false,
    createdDate: ctx.createdDate,
    deleted: false,
    fileName: 'package.xml',
    fullName: 'package.xml',
    success: true,
  };
  const succeeded = whole || partial;
  return {
    status: whole ? 'Succeeded' : partial ? 'SucceededPartial' : 'Failed',
    successes: succeeded ? [...passed.map((plan) => plan.message), manifest] : passed.map((plan) => plan.message),
    failures,
    // Counted even when rolled back: a deploy failed by its tests reports every component deployed (N/N).
    numberComponentsDeployed: passed.length,
    tests,
  };
}
