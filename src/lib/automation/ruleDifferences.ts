import type { AutomationItem } from './automationTypes.js';

/** A difference between the two orgs' validation rules that the pre-flight check reports. */
export type RuleDifference = { object: string; rule: string; what: string; fix: string };

/**
 * Validation rules that make the target refuse what the source accepted, or that the target has switched
 * off: active in the target but not in the source (source records were never checked against it: they may
 * fail it, FIELD_CUSTOM_VALIDATION_EXCEPTION), and inactive in the target but active in the source ("disabled
 * metadata": the target accepts records the source would refuse). Rules are the same rule when their
 * `Object.Name` is.
 */
export function ruleDifferences(source: readonly AutomationItem[], target: readonly AutomationItem[]): RuleDifference[] {
  const sourceActive = new Map(source.map((rule) => [rule.name.toLowerCase(), rule.active]));
  const differences: RuleDifference[] = [];
  for (const rule of target) {
    const inSource = sourceActive.get(rule.name.toLowerCase());
    if (rule.active && inSource !== true) {
      differences.push({
        object: rule.object,
        rule: rule.name,
        what: `Validation rule ${rule.name} is active in the target but ${inSource === undefined ? 'does not exist' : 'is inactive'} in the source: source records may fail it ("${rule.detail}").`,
        fix: `Run with --disable-automation ${rule.name} to switch it off for the run, or fix the records.`,
      });
    }
    if (!rule.active && inSource === true) {
      differences.push({
        object: rule.object,
        rule: rule.name,
        what: `Validation rule ${rule.name} is inactive in the target but active in the source.`,
        fix: `Switch it on in the target's Setup if it was left off by mistake (\`sf isync automation list\` shows the target's automation).`,
      });
    }
  }
  return differences;
}
