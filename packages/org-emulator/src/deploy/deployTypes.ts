/**
 * The Metadata API deploy as the emulator keeps it: the options a client sent (DeployOptions), the messages a
 * deploy reports per file (DeployMessage), the modelled Apex test run (RunTestsResult) and the state of one
 * deploy (what checkDeployStatus renders as a DeployResult). Names follow the Metadata WSDL, so the renderer
 * in deployResultXml.ts maps them one to one.
 */

export const TEST_LEVELS = ['NoTestRun', 'RunSpecifiedTests', 'RunLocalTests', 'RunAllTestsInOrg', 'RunRelevantTests'] as const;
export type TestLevel = (typeof TEST_LEVELS)[number];

/** DeployOptions members the emulator reads (the others are accepted and ignored). */
export type DeployOptions = {
  checkOnly: boolean;
  ignoreWarnings: boolean;
  rollbackOnError: boolean;
  singlePackage: boolean;
  /** Absent = the org decides (production: RunLocalTests when the package holds Apex; elsewhere NoTestRun). */
  testLevel: TestLevel | undefined;
  runTests: string[];
};

/** Salesforce's DeployStatus values. */
export type DeployStatus = 'Pending' | 'InProgress' | 'Succeeded' | 'SucceededPartial' | 'Failed' | 'Canceling' | 'Canceled';

/** One DeployMessage: a file deployed (success) or refused (problem, problemType Error). */
export type DeployMessage = {
  changed: boolean;
  componentType: string;
  created: boolean;
  createdDate: string;
  deleted: boolean;
  fileName: string;
  fullName: string;
  id?: string;
  problem?: string;
  problemType?: 'Warning' | 'Error';
  success: boolean;
};

export type TestSuccess = { id: string; methodName: string; name: string; time: number };
export type TestFailure = TestSuccess & { message: string; stackTrace: string };
export type CoverageResult = { id: string; name: string; numLocations: number; numLocationsNotCovered: number; type: 'Class' | 'Trigger' };
export type CoverageWarning = { id: string; message: string; name?: string };

/** RunTestsResult: what the modelled test run reports. */
export type TestRunResult = {
  codeCoverage: CoverageResult[];
  codeCoverageWarnings: CoverageWarning[];
  failures: TestFailure[];
  successes: TestSuccess[];
  totalTime: number;
};

/** One deploy, from deploy() to its end. */
export type DeployRecord = {
  id: string;
  options: DeployOptions;
  /** The effective test level (testLevel, or what the org chose); known once the package is read. */
  testLevel: TestLevel;
  status: DeployStatus;
  done: boolean;
  createdDate: string;
  startDate?: string;
  completedDate?: string;
  lastModifiedDate: string;
  stateDetail?: string;
  canceled: boolean;
  /** The user who canceled it (canceledBy, canceledByName). */
  canceledBy?: { id: string; name: string };
  createdBy: { id: string; name: string };
  /** A failure of the deploy as a whole (errorStatusCode, errorMessage). */
  error?: { statusCode: string; message: string };
  numberComponentsTotal: number;
  numberComponentsDeployed: number;
  numberComponentErrors: number;
  numberTestsTotal: number;
  numberTestsCompleted: number;
  numberTestErrors: number;
  runTestsEnabled: boolean;
  successes: DeployMessage[];
  failures: DeployMessage[];
  tests?: TestRunResult;
};
