/**
 * How far the org's clock (`CreatedDate`, `SystemModstamp`) may be from this machine's (the journal's times).
 * Every comparison of the two allows this much, in the direction that errs safe: an in-doubt search opens
 * its window this much earlier (it only costs candidates, which the value check filters), and rollback takes
 * a target change within this much after the run's write as the run's own (a change that close is caught only
 * by comparing field values, for updated records).
 */
export const ORG_CLOCK_SKEW_MS = 2 * 60_000;
