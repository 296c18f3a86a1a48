import safeRegex from 'safe-regex2';
import { CompileIssue } from '../engine/compile-issue.js';
import type { ConditionSpec } from '../playbook-spec/schema-conditions.js';

type Path = readonly (string | number)[];

/** safe-regex2's own default: more quantifiers than this in one pattern is refused as well. */
const QUANTIFIER_LIMIT = 25;
const LOOKBEHIND = /\(\?<[=!]/u;

/**
 * Why a playbook regex could backtrack catastrophically on a hostile comment, or undefined when
 * safe-regex2 finds it safe. Its test (no quantifier inside a quantified group, at most 25
 * quantifiers) refuses every nested-quantifier shape, some harmless ones with them; it cannot
 * see overlapping alternatives such as (a|a)*, so the rule is to keep quantifiers flat.
 */
export const backtrackingRisk = (source: string): string | undefined => {
  if (safeRegex(source, { limit: QUANTIFIER_LIMIT })) return undefined;
  if (LOOKBEHIND.test(source)) {
    return 'uses a lookbehind ((?<= or (?<!), which the backtracking check cannot read, so it cannot be shown safe on hostile text; write it without one';
  }
  if (safeRegex(source, { limit: Number.POSITIVE_INFINITY })) {
    return `has more than ${QUANTIFIER_LIMIT} quantifiers (+, *, ?, {n,m}), too many to be shown safe on hostile text; split it into several regexes`;
  }
  return (
    'can backtrack catastrophically on hostile text: a quantifier (+, *, ?, {n,m}) sits inside a group that is itself ' +
    'repeated or optional, as in (a+)+, (\\w+\\s?)* or (https?://)?; rewrite it so no quantified part is inside another'
  );
};

const regexesOf = (when: ConditionSpec, path: Path): [string, Path][] => [
  ...(typeof when.regex === 'string' ? [[when.regex, [...path, 'regex']] as [string, Path]] : []),
  ...(Array.isArray(when.regex) ? when.regex.map((source, index): [string, Path] => [source, [...path, 'regex', index]]) : []),
  ...(when.all ?? []).flatMap((inner, index) => regexesOf(inner, [...path, 'all', index])),
  ...(when.any ?? []).flatMap((inner, index) => regexesOf(inner, [...path, 'any', index])),
  ...(when.not ? regexesOf(when.not, [...path, 'not']) : []),
];

/** Refuses, at load, a rule whose regex a comment could use to stall the engine; the error points at the regex. */
export const refuseRiskyRegexes = (ruleId: string, when: ConditionSpec, path: Path): void => {
  for (const [source, at] of regexesOf(when, path)) {
    const risk = backtrackingRisk(source);
    if (risk !== undefined) throw new CompileIssue(at, `rule "${ruleId}": the regex "${source}" ${risk}`);
  }
};
