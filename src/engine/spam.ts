import { findDisguises } from './disguised-links.js';
import { originalSlice, type TextView } from './fold-text.js';
import { FIRST_PERSON, ORDER_OPENERS, SPAM_LISTS, type SpamFamily, type SpamRole } from './spam-lists.js';
import { parseTerm, TermMatcher, type TermHit } from './term-matcher.js';
import { CLAUSE_BREAK, wordAfter, wordBefore } from './words.js';

export interface SpamOptions {
  /** Built-in lists to use; every built-in language when absent. */
  languages?: readonly string[];
  /** The playbook's own phrases, per family: each is enough on its own. */
  add?: Partial<Record<SpamFamily, readonly string[]>>;
  /** Built-in phrases not to use. */
  allow?: readonly string[];
}

export interface SpamFinding {
  family: SpamFamily;
  /** What gave it away, as written in the message. */
  text: string;
}

export interface SpamDetector {
  /**
   * `links` are the real links of the message: a disguise found inside one is not a disguise.
   * `hits` are the matcher's hits on `folded` when the caller already has them (the playbook's
   * automaton holds the spam phrases too, so one scan serves both).
   */
  find(folded: TextView, links: readonly { start: number; end: number }[], hits?: readonly TermHit[]): SpamFinding[];
  readonly size: number;
}

const ROLES: readonly SpamRole[] = [
  'promo',
  'scam',
  'mine',
  'mineAfter',
  'media',
  'invite',
  'ask',
  'iam',
  'imake',
  'creator',
  'started',
  'audience',
  'goal',
  'elsewhere',
];
const BIT = Object.fromEntries(ROLES.map((role, index) => [role, 1 << index])) as Record<SpamRole, number>;
/** How far apart, in words, the parts of a combination may be. */
const NEAR = { own: 2, invite: 8, creator: 4, goal: 6 };
const SPAN_LIMIT = 80;

const wordsBetween = (text: string, from: number, to: number): number => {
  let words = 0;
  for (let i = from; i < to; i += 1) if (text.charCodeAt(i) === 0x20) words += 1;
  return Math.max(0, words - 1);
};

const before = (text: string, a: Part, b: Part, limit: number): boolean => a.end <= b.start && wordsBetween(text, a.end, b.start) <= limit;
const near = (text: string, a: Part, b: Part, limit: number): boolean => before(text, a, b, limit) || before(text, b, a, limit);

interface Part {
  start: number;
  end: number;
}

const span = (view: TextView, a: Part, b: Part): string => {
  const from = Math.min(a.start, b.start);
  const to = Math.max(a.end, b.end);
  return to - from <= SPAN_LIMIT ? originalSlice(view, from, to) : originalSlice(view, b.start, b.end);
};

/** Possessives are looked up around a media word rather than matched: "my" is in half of all comments. */
interface Possessives {
  before: Set<string>;
  after: Set<string>;
}

interface Compiled {
  roles: number[];
  added: (SpamFamily | undefined)[];
  mine: Possessives;
  size: number;
}

const compileTerms = (options: SpamOptions, matcher: TermMatcher): Compiled => {
  const roles: number[] = [];
  const added: (SpamFamily | undefined)[] = [];
  const mine: Possessives = { before: new Set(), after: new Set() };
  let size = 0;
  const allowed = new Set((options.allow ?? []).map((term) => parseTerm(term).pattern));
  for (const language of options.languages ?? Object.keys(SPAM_LISTS)) {
    for (const [role, terms] of Object.entries(SPAM_LISTS[language] ?? {}) as [SpamRole, readonly string[]][]) {
      for (const term of terms) {
        if (allowed.has(parseTerm(term).pattern)) continue;
        if (role === 'mine' || role === 'mineAfter') {
          (role === 'mine' ? mine.before : mine.after).add(parseTerm(term).pattern);
          continue;
        }
        const id = matcher.add(term);
        if (id >= 0) roles[id] = (roles[id] ?? 0) | BIT[role];
        size += 1;
      }
    }
  }
  for (const [family, terms] of Object.entries(options.add ?? {}) as [SpamFamily, readonly string[]][]) {
    for (const term of terms) {
      const id = matcher.add(term);
      if (id >= 0) added[id] ??= family;
      size += 1;
    }
  }
  return { roles, added, mine, size };
};

/** The author's own channel: a media word with a possessive shortly before it ("my new channel") or right after ("κανάλι μου"). */
const ownMedia = (text: string, media: readonly TermHit[], mine: Possessives): Part[] => {
  const own: Part[] = [];
  for (const hit of media) {
    let index = hit.start;
    for (let step = 0; step <= NEAR.own; step += 1) {
      const word = wordBefore(text, index);
      if (word === null || CLAUSE_BREAK.test(word.gap)) break;
      if (mine.before.has(word.text)) {
        own.push({ start: word.start, end: hit.end });
        break;
      }
      index = word.start;
    }
    const next = wordAfter(text, hit.end);
    if (next !== null && !CLAUSE_BREAK.test(next.gap) && mine.after.has(next.text)) own.push({ start: hit.start, end: next.end });
  }
  return own;
};

const pushOnce = (found: SpamFinding[], family: SpamFamily, text: string): void => {
  if (!found.some((finding) => finding.family === family && finding.text === text)) found.push({ family, text });
};

const isOrder = (text: string, hit: TermHit): boolean => {
  const previous = wordBefore(text, hit.start);
  if (previous !== null && !CLAUSE_BREAK.test(previous.gap) && !ORDER_OPENERS.has(previous.text)) return false;
  // "Subscribe to your newsletter?" asks how to subscribe; it does not ask for subscribers.
  const next = wordAfter(text, hit.end);
  const then = next === null ? null : wordAfter(text, next.end);
  return !(next?.text === 'to' && then !== null && ['your', 'ur', 'the', 'you', 'yours'].includes(then.text));
};

const FOR_ME = new Set(['me', 'my', 'our', 'us', 'back', 'please', 'pls', 'plz']);

/** Where "subscribe to me", "sub my channel", "subscribe back" end: asking for oneself; or -1. */
const forMe = (text: string, hit: TermHit): number => {
  const next = wordAfter(text, hit.end);
  if (next === null || CLAUSE_BREAK.test(next.gap)) return -1;
  if (FOR_ME.has(next.text)) return next.end;
  if (next.text !== 'to' && next.text !== 'for') return -1;
  const then = wordAfter(text, next.end);
  return then !== null && !CLAUSE_BREAK.test(then.gap) && FOR_ME.has(then.text) ? then.end : -1;
};

/** The hits of each role, and which roles occur at all; most messages have few or none. */
const byRole = (hits: readonly TermHit[], roles: readonly number[], mask: number) => {
  const lists = new Map<number, TermHit[]>();
  for (const hit of hits) {
    const bits = roles[hit.term];
    if (bits === undefined) continue;
    for (let bit = 1; bit <= bits; bit <<= 1) {
      if ((bits & bit) === 0) continue;
      const list = lists.get(bit);
      if (list === undefined) lists.set(bit, [hit]);
      else list.push(hit);
    }
  }
  return { of: (role: SpamRole): readonly TermHit[] => ((mask & BIT[role]) === 0 ? NONE : (lists.get(BIT[role]) ?? NONE)) };
};
const NONE: readonly TermHit[] = [];

const pairs = (text: string, first: readonly Part[], second: readonly Part[], gap: number): Part[] => {
  const found: Part[] = [];
  for (const a of first) for (const b of second) if (before(text, a, b, gap)) found.push({ start: a.start, end: b.end });
  return found;
};

/** Self-promotion from the phrases' roles: a strong phrase alone, or the combinations spam-lists.ts describes. */
const promotions = (view: TextView, hits: readonly TermHit[], terms: Compiled, found: SpamFinding[]): void => {
  const { roles } = terms;
  let mask = 0;
  for (const hit of hits) mask |= roles[hit.term] ?? 0;
  if (mask === 0) return;
  const { of } = byRole(hits, roles, mask);
  const text = view.text;
  const has = (role: SpamRole) => (mask & BIT[role]) !== 0;
  const promote = (from: Part, to: Part) => pushOnce(found, 'self_promotion', span(view, from, to));
  for (const hit of of('promo')) pushOnce(found, 'self_promotion', hit.text);
  for (const hit of of('scam')) pushOnce(found, 'scam', hit.text);
  for (const hit of of('ask')) {
    const end = forMe(text, hit);
    if (end >= 0) promote(hit, { start: hit.start, end });
    else if (isOrder(text, hit)) pushOnce(found, 'self_promotion', hit.text);
  }
  const media = of('media');
  const own = has('media') ? ownMedia(text, media, terms.mine) : [];
  const invites = has('invite') ? of('invite').filter((hit) => !FIRST_PERSON.has(wordBefore(text, hit.start)?.text ?? '')) : NONE;
  for (const mine of own) {
    const invite = invites.find((hit) => near(text, hit, mine, NEAR.invite));
    if (invite) promote(invite, mine);
  }
  for (const place of of('elsewhere')) {
    const invite = invites.find((hit) => before(text, hit, place, NEAR.invite));
    if (invite) promote(invite, place);
  }
  const audience = of('audience');
  for (const goal of of('goal')) {
    const counted = audience.find((hit) => near(text, goal, hit, NEAR.goal));
    if (counted) promote(goal, counted);
  }
  if (!has('started') && !has('iam') && !has('imake')) return;
  const creators = [...of('started'), ...pairs(text, of('iam'), of('creator'), NEAR.creator)];
  const makers = pairs(text, of('imake'), media, NEAR.creator);
  const engaged = own.length > 0 || has('audience') || has('ask');
  const creator = (engaged ? creators[0] : undefined) ?? (engaged || invites.length > 0 ? makers[0] : undefined);
  if (creator) pushOnce(found, 'self_promotion', originalSlice(view, creator.start, creator.end));
};

/**
 * Built-in comment spam in every language the engine knows: self-promotion ("check out my
 * channel", "subscribe to me", "sub4sub"), links written to slip past link detection
 * ("kidsmediausa . com", "watch?v=…", "bit ly"), and scams and giveaways ("free gift cards",
 * "earn $500 a day"). Compiled once per playbook.
 */
export const compileSpam = (options: SpamOptions = {}, matcher = new TermMatcher()): SpamDetector => {
  const terms = compileTerms(options, matcher);
  return {
    size: terms.size,
    find(folded, links, hits = matcher.match(folded)) {
      const found: SpamFinding[] = [];
      if (hits.length > 0) {
        promotions(folded, hits, terms, found);
        for (const hit of hits) {
          const family = terms.added[hit.term];
          if (family !== undefined) pushOnce(found, family, hit.text);
        }
      }
      for (const hit of findDisguises(folded)) {
        if (!links.some((link) => hit.start < link.end && link.start < hit.end)) pushOnce(found, hit.family, hit.text);
      }
      return found;
    },
  };
};
