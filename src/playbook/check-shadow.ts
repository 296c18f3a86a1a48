import type { RuleSpec } from '../playbook-spec/schema.js';
import { implies } from './check-implies.js';
import { neverHolds } from './check-never.js';

/**
 * Rules that never run because an earlier rule with `stop: true` matches whenever they would:
 * the later rule's condition implies the earlier one's (see `implies`, which only says yes when
 * certain). `by` is the first such earlier rule.
 */
export const shadowedRules = (rules: readonly RuleSpec[]): { index: number; by: number }[] => {
  const stoppers = rules.flatMap((rule, index) => (rule.stop === true && neverHolds(rule.when, []) === null ? [index] : []));
  const shadowed: { index: number; by: number }[] = [];
  rules.forEach((rule, index) => {
    const by = stoppers.find((stopper) => stopper < index && implies(rule.when, rules[stopper]!.when));
    if (by !== undefined) shadowed.push({ index, by });
  });
  return shadowed;
};
