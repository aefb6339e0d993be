/**
 * Tasks on several polymorphic targets: WhoId on a Contact and on a Lead, WhatId on an Account, an
 * Opportunity, a Case and a custom object (Project__c allows activities).
 */
import type { OperationsRefs } from './operationsCluster.js';
import type { SalesRefs } from './salesCluster.js';
import type { SeedContext } from './seedContext.js';

export function seedActivities(ctx: SeedContext, sales: SalesRefs, operations: OperationsRefs): void {
  const tasks: Array<{ Subject: string; WhoId?: string; WhatId?: string }> = [
    { Subject: 'Call about renewal', WhoId: sales.contactIds[0], WhatId: sales.topAccountId },
    { Subject: 'Send proposal', WhoId: sales.contactIds[1], WhatId: sales.opportunityIds[0] },
    { Subject: 'Follow up on case', WhatId: sales.caseIds[0] },
    { Subject: 'Kick-off meeting', WhoId: sales.contactIds[2], WhatId: operations.projectId },
    { Subject: 'Qualify lead', WhoId: sales.leadId },
  ];
  for (const task of tasks) {
    ctx.insert('Task', {
      ...task,
      Status: ctx.random.pick(['Not Started', 'In Progress', 'Completed']),
      Priority: ctx.random.pick(['High', 'Normal', 'Low']),
      ActivityDate: `2024-0${ctx.random.int(1, 9)}-1${ctx.random.int(0, 9)}`,
      OwnerId: ctx.owner(),
    });
  }
}
