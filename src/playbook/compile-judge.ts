import { CompileIssue } from '../engine/compile-issue.js';
import type { CompiledJudge } from '../engine/compiled.js';
import { compileCondition, type TermRegistry } from '../engine/conditions.js';
import type { ConditionSpec, PlaybookSpec } from '../playbook-spec/schema.js';
import { HISTORY_KEYS } from './condition-keys.js';

/** What the judge's condition cannot know: it is evaluated before the author's and post's history is loaded. */
const NEEDS_HISTORY = HISTORY_KEYS;

const refuseHistory = (condition: ConditionSpec, path: readonly (string | number)[]): void => {
  for (const key of NEEDS_HISTORY) {
    if (condition[key] !== undefined) {
      throw new CompileIssue(
        [...path, key],
        `expected a condition on the message alone: ${key} needs history, which the judge does not see`,
      );
    }
  }
  for (const [index, inner] of (condition.all ?? []).entries()) refuseHistory(inner, [...path, 'all', index]);
  for (const [index, inner] of (condition.any ?? []).entries()) refuseHistory(inner, [...path, 'any', index]);
  if (condition.not) refuseHistory(condition.not, [...path, 'not']);
};

/** The `judge:` section, its terms in the playbook's one automaton; undefined when there is none. */
export const compileJudge = (spec: PlaybookSpec, registry: TermRegistry): CompiledJudge | undefined => {
  const judge = spec.judge;
  if (judge === undefined) return undefined;
  refuseHistory(judge.unsure_when, ['judge', 'unsure_when']);
  return {
    unsure: compileCondition(judge.unsure_when, registry, ['judge', 'unsure_when']),
    timeoutMs: judge.timeout_ms ?? 3_000,
    batchWaitMs: judge.batch_wait_ms ?? 50,
    maxBatch: judge.max_batch ?? 20,
    cacheSize: judge.cache_size ?? 1_000,
  };
};
