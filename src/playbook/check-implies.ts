import { parseDuration } from '../domain/playbook-vocabulary.js';
import type { ConditionSpec, CounterSpec } from '../playbook-spec/schema.js';
import { COUNTER_KEYS, FLAG_KEYS } from './condition-keys.js';

/*
 * Whether one condition implies another: whenever `strong` holds, `weak` holds too. Conservative:
 * "false" means "cannot tell", never "no", so a warning built on it is certain. `any` in the strong
 * condition is ignored (dropping a conjunct only weakens it, so what follows still follows).
 */

const MEMBER_KEYS = ['platform', 'kind', 'language', 'account', 'funnel', 'author_tags'] as const;

/** A condition and every `all` inside it, flattened: the conjuncts that must hold together. */
export const conjuncts = (condition: ConditionSpec): ConditionSpec[] => [condition, ...(condition.all ?? []).flatMap(conjuncts)];

const lower = (values: readonly string[]): Set<string> => new Set(values.map((value) => value.toLowerCase()));
const subset = (small: readonly string[], large: readonly string[]): boolean => {
  const within = lower(large);
  return small.every((value) => within.has(value.toLowerCase()));
};
const flatTerms = (keywords: ConditionSpec['keywords']): string[] =>
  keywords === undefined ? [] : Array.isArray(keywords) ? keywords : Object.values(keywords).flat();
const asList = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]);

/** The counts a counter admits, as [lowest, highest]. */
export const counterBounds = (counter: CounterSpec): [number, number] => {
  const lows = [0, counter.at_least ?? 0, counter.more_than === undefined ? 0 : counter.more_than + 1, counter.exactly ?? 0];
  const highs = [Infinity, counter.fewer_than === undefined ? Infinity : counter.fewer_than - 1, counter.exactly ?? Infinity];
  return [Math.max(...lows), Math.min(...highs)];
};

const counterImplies = (strong: CounterSpec, weak: CounterSpec): boolean => {
  if (parseDuration(strong.window) !== parseDuration(weak.window)) return false;
  const [strongLow, strongHigh] = counterBounds(strong);
  const [weakLow, weakHigh] = counterBounds(weak);
  return strongLow >= weakLow && strongHigh <= weakHigh;
};

/** Terms (keywords or emoji) found in `strong` count in `weak` too: fewer exceptions, more terms. */
const termsImply = (strong: ConditionSpec[], weak: ConditionSpec, pick: (c: ConditionSpec) => string[]): boolean => {
  const weakUnless = weak.unless ?? [];
  return strong.some(
    (part) => pick(part).length > 0 && subset(pick(part), pick(weak)) && weakUnless.every((kind) => (part.unless ?? []).includes(kind)),
  );
};

const spamImplies = (strong: ConditionSpec['spam'], weak: NonNullable<ConditionSpec['spam']>): boolean => {
  if (strong === undefined) return false;
  if (weak === false) return strong === false;
  if (strong === false) return false;
  if (weak === true) return strong === true || strong.length > 0;
  return strong !== true && subset(strong, weak);
};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** One key of `weak` is implied by the conjuncts of the strong condition. */
const keyImplied = (parts: ConditionSpec[], weak: ConditionSpec, key: keyof ConditionSpec): boolean => {
  if (key === 'unless') return true; // checked with the terms it qualifies
  if (key === 'keywords') return termsImply(parts, weak, (c) => flatTerms(c.keywords));
  if (key === 'emoji') return termsImply(parts, weak, (c) => c.emoji ?? []);
  if (key === 'all') return (weak.all ?? []).every((inner) => implies(parts, inner));
  if (key === 'any') return (weak.any ?? []).some((inner) => implies(parts, inner));
  if (key === 'not') return parts.some((part) => part.not !== undefined && same(part.not, weak.not));
  if (key === 'regex') return parts.some((part) => part.regex !== undefined && subset(asList(part.regex), asList(weak.regex ?? [])));
  if (key === 'spam') return parts.some((part) => spamImplies(part.spam, weak.spam ?? false));
  if (key === 'sentiment_below')
    return parts.some((part) => part.sentiment_below !== undefined && part.sentiment_below <= weak.sentiment_below!);
  if (key === 'sentiment_above')
    return parts.some((part) => part.sentiment_above !== undefined && part.sentiment_above >= weak.sentiment_above!);
  if ((MEMBER_KEYS as readonly string[]).includes(key)) {
    const wanted = weak[key as (typeof MEMBER_KEYS)[number]] ?? [];
    return parts.some((part) => {
      const list = part[key as (typeof MEMBER_KEYS)[number]];
      return list !== undefined && subset(list, wanted);
    });
  }
  if ((FLAG_KEYS as readonly string[]).includes(key)) return parts.some((part) => part[key] !== undefined && part[key] === weak[key]);
  if ((COUNTER_KEYS as readonly string[]).includes(key)) {
    const wanted = weak[key as (typeof COUNTER_KEYS)[number]]!;
    return parts.some((part) => {
      const counter = part[key as (typeof COUNTER_KEYS)[number]];
      return counter !== undefined && counterImplies(counter, wanted);
    });
  }
  return false; // a key this check does not know: cannot tell
};

/** Whenever every condition in `strong` holds, `weak` holds. */
export const implies = (strong: ConditionSpec | ConditionSpec[], weak: ConditionSpec): boolean => {
  const parts = Array.isArray(strong) ? strong.flatMap(conjuncts) : conjuncts(strong);
  return (Object.keys(weak) as (keyof ConditionSpec)[]).every((key) => weak[key] === undefined || keyImplied(parts, weak, key));
};
