/** What REST handlers need from the emulated org, passed explicitly to each handler. */
import type { QueryCursors } from './queryCursors.js';
import type { Stats } from '../http/stats.js';
import type { EmulatorRequest, EmulatorResponse } from '../http/types.js';
import type { OrgState } from '../org/orgState.js';
import type { SoqlOptions, SoqlResult } from '../soql/types.js';
import type { ApiUsage } from './apiUsage.js';

export type QueryRunner = (soql: string, options: SoqlOptions) => SoqlResult;

export type RestContext = {
  org: OrgState;
  /** SOQL of `/query`: the org's objects and the data API's automation objects (FlowDefinitionView...). */
  runSoql: QueryRunner;
  /** SOQL of `/tooling/query`: the Tooling automation objects and EntityDefinition. */
  runToolingSoql: QueryRunner;
  cursors: QueryCursors;
  stats: Stats;
  usage: ApiUsage;
  /**
   * Runs a request through the versioned router without auth, cost or counting, synchronously (composite
   * subrequests: nothing may interleave with a transaction that can still be rolled back).
   */
  dispatchSync: (req: EmulatorRequest) => EmulatorResponse;
};
