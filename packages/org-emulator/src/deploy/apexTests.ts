/**
 * The org's Apex tests as a deploy runs them. The emulator runs no Apex: an org has a modelled suite, so many
 * test methods (of one class, `EmulatedOrgTests`), so many of them failing, and one coverage figure for every
 * trigger. What a deploy's test run reports follows from it (RunTestsResult), and so does the production
 * gate: failing tests fail the deploy; in production, coverage below 75% on average (or 0% of a deployed
 * trigger, which needs 1%) fails it too. Texts: "Average test coverage across all Apex Classes and Triggers is
 * N%, at least 75% test coverage is required." and "Test coverage of selected Apex Trigger is 0%, at least 1%
 * test coverage is required" (community: many deploy logs quoted in GitHub issues, e.g. thedges/PSFileAttachTemplate
 * #1, SFDO-Community/declarative-lookup-rollup-summaries #157).
 */
import type { ApexTriggerItem } from '../automation/types.js';
import type { TestLevel, TestRunResult } from './deployTypes.js';

export type ApexTestSuite = {
  /** Test methods in the org (RunLocalTests runs them all). */
  count: number;
  /** How many of them fail. */
  failures: number;
  /** Coverage of every Apex trigger (and the org's average), 0..100. */
  coveragePercent: number;
};

/** A handful of passing tests, 80% coverage: an org whose production deploys pass. */
export const DEFAULT_APEX_TESTS: ApexTestSuite = { count: 5, failures: 0, coveragePercent: 80 };

export const TEST_CLASS = 'EmulatedOrgTests';

/** Merges a partial suite (a start option or the side door) into a full one; throws on values out of range. */
export function apexTestSuite(base: ApexTestSuite, change: Partial<Record<keyof ApexTestSuite, unknown>>): ApexTestSuite {
  const next = { ...base };
  for (const key of ['count', 'failures', 'coveragePercent'] as const) {
    const value = change[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new RangeError(`${key} must be a whole number >= 0`);
    next[key] = value;
  }
  if (next.failures > next.count) throw new RangeError('failures cannot exceed count');
  if (next.coveragePercent > 100) throw new RangeError('coveragePercent must be at most 100');
  return next;
}

/** Whether a deploy at this test level runs the org's tests. */
export const runsTests = (level: TestLevel): boolean => level !== 'NoTestRun';

/**
 * Runs the suite for a deploy: every method (RunSpecifiedTests is modelled as naming the suite's class), the
 * last `failures` of them failing. `deployed` are the triggers in the package: the 1% rule and, for
 * RunSpecifiedTests, the 75% per-component rule apply to them. `gate` is whether coverage is enforced
 * (production); failing tests fail a deploy anywhere.
 */
export function runApexTests(
  suite: ApexTestSuite,
  level: TestLevel,
  orgTriggers: ApexTriggerItem[],
  deployed: ApexTriggerItem[],
  ids: { testClass: string; org: string },
  gate: boolean,
  /** Modelled time of one test method, in ms (reported as `time`). */
  testMs: number
): { result: TestRunResult; passed: boolean } {
  const methods = Array.from({ length: suite.count }, (_, i) => `test${i + 1}`);
  const failing = new Set(methods.slice(suite.count - suite.failures));
  const base = (methodName: string): { id: string; methodName: string; name: string; time: number } => ({
    id: ids.testClass,
    methodName,
    name: TEST_CLASS,
    time: testMs,
  });
  const successes = methods.filter((method) => !failing.has(method)).map(base);
  const failures = methods
    .filter((method) => failing.has(method))
    .map((method) => ({
      ...base(method),
      message: 'System.AssertException: Assertion Failed',
      stackTrace: `Class.${TEST_CLASS}.${method}: line 5, column 1`,
    }));
  const covered = suite.count === 0 ? 0 : suite.coveragePercent;
  const codeCoverage = orgTriggers.map((trigger) => ({
    id: trigger.id,
    name: trigger.name,
    numLocations: 100,
    numLocationsNotCovered: 100 - covered,
    type: 'Trigger' as const,
  }));
  const codeCoverageWarnings: TestRunResult['codeCoverageWarnings'] = [];
  if (gate && level === 'RunSpecifiedTests') {
    for (const trigger of deployed.filter(() => covered < 75)) {
      codeCoverageWarnings.push({
        id: trigger.id,
        name: trigger.name,
        message: `Test coverage of selected Apex Trigger is ${covered}%, at least 75% test coverage is required`,
      });
    }
  } else if (gate) {
    for (const trigger of deployed.filter(() => covered < 1)) {
      codeCoverageWarnings.push({
        id: trigger.id,
        name: trigger.name,
        message: `Test coverage of selected Apex Trigger is ${covered}%, at least 1% test coverage is required`,
      });
    }
    if (covered < 75) {
      codeCoverageWarnings.push({
        id: ids.org,
        message: `Average test coverage across all Apex Classes and Triggers is ${covered}%, at least 75% test coverage is required.`,
      });
    }
  }
  const result = { codeCoverage, codeCoverageWarnings, failures, successes, totalTime: suite.count * testMs };
  return { result, passed: failures.length === 0 && codeCoverageWarnings.length === 0 };
}
