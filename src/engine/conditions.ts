import type { ConditionSpec, CounterSpec } from '../playbook-spec/schema.js';
import { CompileIssue } from './compile-issue.js';
import type { Condition } from './compiled.js';
import type { Facts, Unless } from './facts.js';
import { hitsFor, type TermHit, type TermMatcher } from './term-matcher.js';
import type { RecentEvents } from './recent-events.js';
import { parseDuration } from './windows.js';

export interface TermRegistry {
  terms: TermMatcher;
  /** Filled as terms are added: term id → languages it was listed under. */
  termLanguages: (string[] | undefined)[];
  hasCalendar: boolean;
  /** Every counter window the conditions name, so a shell knows how much history to keep. */
  windows: number[];
  /** How far each counter must count to compare exactly (its largest threshold, plus one for more_than/exactly). */
  countLimits: number[];
  /** Set when a condition asks for spam: only then do the spam phrases join the automaton. */
  usesSpam?: boolean;
  /** Term ids of conditions with `unless`: the only hits whose negation or positivity is ever asked. */
  discounted?: Set<number>;
}

type Path = readonly (string | number)[];
const NOTHING: string[] = [];
const QUESTION = /[?？¿❓❔;\u037e]/u;

/** Adds a keyword list (plain or per language) to the automaton; returns the term ids. */
export const registerTerms = (registry: TermRegistry, keywords: string[] | Record<string, string[]>, path: Path): Set<number> => {
  const ids = new Set<number>();
  const groups: [string | undefined, string[]][] = Array.isArray(keywords) ? [[undefined, keywords]] : Object.entries(keywords);
  for (const [language, terms] of groups) {
    terms.forEach((term, index) => {
      const id = registry.terms.add(term);
      const where = language === undefined ? [...path, index] : [...path, language, index];
      if (id < 0) throw new CompileIssue(where, `expected a term with letters, emoji or digits, got "${term}"`);
      ids.add(id);
      if (language !== undefined) {
        const known = (registry.termLanguages[id] ??= []);
        if (!known.includes(language)) known.push(language);
      }
    });
  }
  return ids;
};

/** Counting further than this cannot change any comparison the counter makes. */
const countLimit = (spec: CounterSpec): number =>
  Math.max(1, (spec.more_than ?? 0) + 1, spec.at_least ?? 0, spec.fewer_than ?? 0, (spec.exactly ?? 0) + 1);

const counter = (spec: CounterSpec, pick: (facts: Facts) => RecentEvents, registry: TermRegistry): Condition => {
  const windowMs = parseDuration(spec.window) ?? 0;
  registry.windows.push(windowMs);
  registry.countLimits.push(countLimit(spec));
  return (facts) => {
    const count = pick(facts).countWithin(facts.context.now.getTime(), windowMs);
    if (spec.more_than !== undefined && !(count > spec.more_than)) return null;
    if (spec.at_least !== undefined && !(count >= spec.at_least)) return null;
    if (spec.fewer_than !== undefined && !(count < spec.fewer_than)) return null;
    if (spec.exactly !== undefined && count !== spec.exactly) return null;
    return NOTHING;
  };
};

const member = (values: readonly string[], pick: (facts: Facts) => string): Condition => {
  const set = new Set(values.map((value) => value.toLowerCase()));
  return (facts) => {
    const value = pick(facts);
    return set.has(value) || set.has(value.toLowerCase()) ? NOTHING : null;
  };
};

const flag =
  (expected: boolean, found: (facts: Facts) => readonly string[]): Condition =>
  (facts) => {
    const items = found(facts);
    if (items.length > 0 !== expected) return null;
    return expected ? [...items] : NOTHING;
  };

const linkTexts = (facts: Facts): string[] => {
  const links = facts.links;
  return links.length === 0 ? NOTHING : links.map((link) => link.text);
};

const compileRegex = (source: string, path: Path): Condition => {
  let pattern: RegExp;
  try {
    pattern = new RegExp(source, 'iu');
  } catch (error) {
    throw new CompileIssue(path, `expected a valid regular expression: ${(error as Error).message}`);
  }
  return (facts) => {
    const match = pattern.exec(facts.message.text);
    return match ? [match[0]] : null;
  };
};

const termCondition = (ids: ReadonlySet<number>, unless: Unless | null): Condition => {
  if (unless === null) {
    return (facts) => {
      const found = hitsFor(facts.termHits, ids);
      return found.length > 0 ? found : null;
    };
  }
  return (facts) => {
    let hits: TermHit[] | undefined;
    for (const hit of facts.termHits) if (ids.has(hit.term)) (hits ??= []).push(hit);
    if (hits === undefined) return null;
    const found = hitsFor(facts.counted(hits, unless), ids);
    return found.length > 0 ? found : null;
  };
};

const spamCondition = (spec: boolean | readonly string[]): Condition => {
  const families = typeof spec === 'boolean' ? null : new Set(spec);
  const expected = spec !== false;
  return (facts) => {
    const found = facts.spam.filter((finding) => families === null || families.has(finding.family));
    if (found.length > 0 !== expected) return null;
    return expected ? found.map((finding) => finding.text) : NOTHING;
  };
};

/** Cheap checks first: metadata and counters decide most messages before any text work. */
export const compileCondition = (spec: ConditionSpec, registry: TermRegistry, path: Path): Condition => {
  const checks: Condition[] = [];
  const at = (key: string): Path => [...path, key];
  if (spec.platform) checks.push(member(spec.platform, (facts) => facts.message.platform));
  if (spec.kind) checks.push(member(spec.kind, (facts) => facts.message.kind));
  if (spec.account) checks.push(member(spec.account, (facts) => facts.message.accountId));
  if (spec.author_tags) {
    const wanted = new Set(spec.author_tags);
    checks.push((facts) => (facts.context.author.tags.some((tag) => wanted.has(tag)) ? NOTHING : null));
  }
  if (spec.funnel) {
    const states = new Set(spec.funnel);
    checks.push((facts) => {
      const funnel = facts.context.conversation.funnel;
      return states.has(funnel === null ? 'none' : funnel.done ? 'done' : 'active') ? NOTHING : null;
    });
  }
  if (spec.business_hours !== undefined) {
    if (!registry.hasCalendar) {
      throw new CompileIssue(at('business_hours'), 'expected a business_hours calendar at the top of the playbook first');
    }
    const expected = spec.business_hours;
    checks.push((facts) => (facts.businessHours === expected ? NOTHING : null));
  }
  if (spec.author_messages) checks.push(counter(spec.author_messages, (facts) => facts.context.author.recentMessages, registry));
  if (spec.author_triggers) checks.push(counter(spec.author_triggers, (facts) => facts.context.author.recentTriggers, registry));
  if (spec.author_handoffs) checks.push(counter(spec.author_handoffs, (facts) => facts.context.author.recentHandoffs, registry));
  if (spec.author_auto_replies) {
    checks.push(counter(spec.author_auto_replies, (facts) => facts.context.author.recentAutoReplies, registry));
  }
  if (spec.post_comments) checks.push(counter(spec.post_comments, (facts) => facts.context.post.recentComments, registry));
  if (spec.post_auto_replies) checks.push(counter(spec.post_auto_replies, (facts) => facts.context.post.recentAutoReplies, registry));
  if (spec.question !== undefined) {
    const expected = spec.question;
    checks.push((facts) => (QUESTION.test(facts.message.text) === expected ? NOTHING : null));
  }
  const unless = spec.unless ? { negated: spec.unless.includes('negated'), positive: spec.unless.includes('positive') } : null;
  if (unless !== null && !spec.keywords && !spec.emoji) {
    throw new CompileIssue(at('unless'), 'expected keywords or emoji next to unless: it says when their terms do not count');
  }
  const terms = (ids: Set<number>): Condition => {
    if (unless !== null) for (const id of ids) (registry.discounted ??= new Set()).add(id);
    return termCondition(ids, unless);
  };
  if (spec.keywords) checks.push(terms(registerTerms(registry, spec.keywords, at('keywords'))));
  if (spec.emoji) checks.push(terms(registerTerms(registry, spec.emoji, at('emoji'))));
  if (spec.regex !== undefined) {
    const sources = Array.isArray(spec.regex) ? spec.regex : [spec.regex];
    const patterns = sources.map((source, index) =>
      compileRegex(source, Array.isArray(spec.regex) ? [...at('regex'), index] : at('regex')),
    );
    checks.push(anyOf(patterns));
  }
  if (spec.has_link !== undefined) checks.push(flag(spec.has_link, linkTexts));
  if (spec.has_email !== undefined) checks.push(flag(spec.has_email, (facts) => facts.emails));
  if (spec.profanity !== undefined) checks.push(flag(spec.profanity, (facts) => facts.profanity));
  if (spec.insult !== undefined) checks.push(flag(spec.insult, (facts) => facts.insults));
  if (spec.spam !== undefined) {
    registry.usesSpam = true;
    checks.push(spamCondition(spec.spam));
  }
  if (spec.language) checks.push(member(spec.language, (facts) => facts.language));
  if (spec.sentiment_below !== undefined || spec.sentiment_above !== undefined) {
    const below = spec.sentiment_below ?? Infinity;
    const above = spec.sentiment_above ?? -Infinity;
    checks.push((facts) => {
      const score = facts.sentiment;
      return score < below && score > above ? [`sentiment ${score.toFixed(2)}`] : null;
    });
  }
  if (spec.all) checks.push(allOf(spec.all.map((inner, index) => compileCondition(inner, registry, [...at('all'), index]))));
  if (spec.any) checks.push(anyOf(spec.any.map((inner, index) => compileCondition(inner, registry, [...at('any'), index]))));
  if (spec.not) {
    const inner = compileCondition(spec.not, registry, at('not'));
    checks.push((facts) => (inner(facts) === null ? NOTHING : null));
  }
  return allOf(checks);
};

const allOf = (checks: readonly Condition[]): Condition => {
  if (checks.length === 1) return checks[0] as Condition;
  return (facts) => {
    let matched: string[] = NOTHING;
    for (const check of checks) {
      const found = check(facts);
      if (found === null) return null;
      if (found.length > 0) matched = matched === NOTHING ? [...found] : [...matched, ...found];
    }
    return matched;
  };
};

const anyOf =
  (checks: readonly Condition[]): Condition =>
  (facts) => {
    for (const check of checks) {
      const found = check(facts);
      if (found !== null) return found;
    }
    return null;
  };
