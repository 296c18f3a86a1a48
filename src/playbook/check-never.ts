import type { ConditionSpec } from '../playbook-spec/schema.js';
import { conjuncts, counterBounds, implies } from './check-implies.js';
import { COUNTER_KEYS, FLAG_KEYS } from './condition-keys.js';
import type { DocPath } from './locate.js';

/** Why a condition can never hold, and where; only reasons that are certain. */
export interface NeverReason {
  path: DocPath;
  message: string;
}

const LIST_KEYS = ['emoji', 'language', 'platform', 'kind', 'account', 'author_tags', 'funnel'] as const;
/** Platforms that carry only direct messages. */
const DM_ONLY = new Set(['messenger', 'whatsapp']);

const emptyList = (condition: ConditionSpec, path: DocPath): NeverReason | null => {
  for (const key of LIST_KEYS) {
    if (condition[key]?.length === 0) return { path: [...path, key], message: `${key}: [] lists nothing, so it never holds` };
  }
  const keywords = condition.keywords;
  if (keywords !== undefined && (Array.isArray(keywords) ? keywords : Object.values(keywords).flat()).length === 0) {
    return { path: [...path, 'keywords'], message: 'keywords lists no term, so it never holds' };
  }
  if (Array.isArray(condition.regex) && condition.regex.length === 0) {
    return { path: [...path, 'regex'], message: 'regex: [] lists no pattern, so it never holds' };
  }
  if (condition.any?.length === 0) return { path: [...path, 'any'], message: 'any: [] has no condition that could hold' };
  return null;
};

const impossibleRange = (condition: ConditionSpec, path: DocPath): NeverReason | null => {
  const below = condition.sentiment_below;
  const above = condition.sentiment_above;
  if (below !== undefined && below <= -1) return { path: [...path, 'sentiment_below'], message: 'sentiment is never below -1' };
  if (above !== undefined && above >= 1) return { path: [...path, 'sentiment_above'], message: 'sentiment is never above 1' };
  if (below !== undefined && above !== undefined && above >= below) {
    return { path: [...path, 'sentiment_above'], message: `sentiment is never both above ${above} and below ${below}` };
  }
  for (const key of COUNTER_KEYS) {
    const counter = condition[key];
    if (counter === undefined) continue;
    const [low, high] = counterBounds(counter);
    if (low > high) return { path: [...path, key], message: `${key}: no count satisfies these bounds together` };
  }
  return null;
};

/** Conjuncts that cannot hold together: two lists with nothing in common, a flag both true and false, DMs only on a comment. */
const contradiction = (condition: ConditionSpec, path: DocPath): NeverReason | null => {
  const parts = conjuncts(condition);
  for (const key of ['platform', 'kind', 'language', 'account', 'funnel'] as const) {
    const lists = parts.map((part) => part[key]).filter((list): list is string[] => list !== undefined);
    if (lists.length < 2) continue;
    const common = lists.reduce((left, right) =>
      left.filter((value) => right.some((other) => other.toLowerCase() === value.toLowerCase())),
    );
    if (common.length === 0)
      return { path: [...path, key], message: `the ${key} lists have nothing in common, so they never hold together` };
  }
  for (const key of FLAG_KEYS) {
    const values = new Set(parts.map((part) => part[key]).filter((value) => value !== undefined));
    if (values.size > 1) return { path: [...path, key], message: `${key} cannot be both true and false` };
  }
  const platforms = parts.find((part) => part.platform !== undefined)?.platform;
  const kinds = parts.map((part) => part.kind).filter((list) => list !== undefined);
  if (platforms?.every((name) => DM_ONLY.has(name.toLowerCase())) && kinds.some((list) => !list.includes('dm'))) {
    return {
      path: [...path, 'kind'],
      message: `${platforms.join(' and ')} ${platforms.length === 1 ? 'carries' : 'carry'} only direct messages (kind dm)`,
    };
  }
  return null;
};

/** A `not` whose condition the rest of the conjunction already implies. */
const negatedSelf = (condition: ConditionSpec, path: DocPath): NeverReason | null => {
  const parts = conjuncts(condition);
  for (const part of parts) {
    if (part.not === undefined) continue;
    const others = parts.map((other) => (other === part ? { ...other, not: undefined } : other));
    if (implies(others, part.not)) {
      const where = part === condition ? [...path, 'not'] : path;
      return { path: where, message: 'the condition under not always holds when the rest does, so the whole never holds' };
    }
  }
  return null;
};

/** The first certain reason `condition` (at `path`) can never hold; null when it may. */
export const neverHolds = (condition: ConditionSpec, path: DocPath): NeverReason | null => {
  const own =
    emptyList(condition, path) ?? impossibleRange(condition, path) ?? contradiction(condition, path) ?? negatedSelf(condition, path);
  if (own !== null) return own;
  for (const [index, inner] of (condition.all ?? []).entries()) {
    const reason = neverHolds(inner, [...path, 'all', index]);
    if (reason !== null) return reason;
  }
  const branches = condition.any ?? [];
  const dead = branches.map((inner, index) => neverHolds(inner, [...path, 'any', index]));
  if (branches.length > 0 && dead.every((reason) => reason !== null)) {
    return { path: [...path, 'any'], message: `none of the conditions under any can hold (${dead[0]?.message})` };
  }
  return null;
};
