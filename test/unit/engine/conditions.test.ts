import { describe, expect, it } from 'vitest';
import { decide } from '../../../src/engine/decide.js';
import { context, message, minutesAgo, playbook } from './support.js';

/** A one-rule playbook: does `when` match `text` (with these message/context overrides)? */
const matches = (
  when: string,
  text: string,
  overrides: Parameters<typeof message>[1] = {},
  ctx = context(),
  head = '',
): string[] | null => {
  const book = playbook(`${head}rules:\n  - id: r\n    when: ${when}\n    then: [{ tag: hit }]\n`);
  const decision = decide(message(text, overrides), ctx, book).find((d) => d.kind === 'tag');
  return decision ? decision.matched : null;
};

const CALENDAR = 'business_hours:\n  timezone: Europe/Athens\n  days: { mon: "09:00-17:00" }\n';

describe('conditions', () => {
  it('keywords: a plain list or lists per language, reported as written', () => {
    expect(matches('{ keywords: [refund*] }', 'REFUNDED yet?')).toEqual(['REFUNDED']);
    expect(matches('{ keywords: { el: [τιμη] } }', 'Τιμή;')).toEqual(['Τιμή']);
    expect(matches('{ keywords: [hate] }', 'chateau')).toBeNull();
  });

  it('emoji', () => {
    expect(matches('{ emoji: ["🔥"] }', 'so good🔥')).toEqual(['🔥']);
    expect(matches('{ emoji: ["🔥"] }', 'so good')).toBeNull();
  });

  it('regex, one or several', () => {
    expect(matches('{ regex: "order #?\\\\d{4,}" }', 'Where is ORDER #12345?')).toEqual(['ORDER #12345']);
    expect(matches('{ regex: ["^hi$", "hello"] }', 'well hello')).toEqual(['hello']);
  });

  it('has_link and has_email', () => {
    expect(matches('{ has_link: true }', 'see www.example.biz')).toEqual(['www.example.biz']);
    expect(matches('{ has_link: false }', 'no links here')).toEqual([]);
    expect(matches('{ has_email: true }', 'mail me at ana@example.org')).toEqual(['ana@example.org']);
  });

  it('profanity, extended and allowed by the playbook', () => {
    expect(matches('{ profanity: true }', 'what the fuuuck')).toEqual(['fuuuck']);
    const head = 'profanity:\n  add: [frak*]\n  allow: [bastard*]\n';
    expect(matches('{ profanity: true }', 'frakking toaster', {}, context(), head)).toEqual(['frakking']);
    expect(matches('{ profanity: true }', 'you bastard', {}, context(), head)).toBeNull();
  });

  it('question', () => {
    expect(matches('{ question: true }', 'Πόσο κάνει;')).toEqual([]);
    expect(matches('{ question: true }', 'nice.')).toBeNull();
  });

  it('sentiment_below and sentiment_above', () => {
    expect(matches('{ sentiment_below: -0.3 }', 'terrible, broken and late')?.[0]).toMatch(/^sentiment -0\.\d\d$/u);
    expect(matches('{ sentiment_above: 0.3 }', 'love it, amazing')).not.toBeNull();
    expect(matches('{ sentiment_below: -0.3 }', 'not bad at all, love it')).toBeNull();
  });

  it('language', () => {
    expect(matches('{ language: [el] }', 'Καλημέρα σας')).toEqual([]);
    expect(matches('{ language: [de] }', 'Wie lange dauert der Versand nach Österreich?')).toEqual([]);
    expect(matches('{ language: [de] }', 'How long does shipping take?')).toBeNull();
  });

  it('platform, kind and account', () => {
    expect(matches('{ platform: [instagram], kind: [comment], account: [ig-brand] }', 'x')).toEqual([]);
    expect(matches('{ kind: [dm] }', 'x')).toBeNull();
    expect(matches('{ platform: [youtube] }', 'x', { platform: 'youtube' })).toEqual([]);
  });

  it('author_tags', () => {
    expect(matches('{ author_tags: [lead, vip] }', 'x', {}, context({ author: { ...context().author, tags: ['vip'] } }))).toEqual([]);
    expect(matches('{ author_tags: [lead] }', 'x')).toBeNull();
  });

  it('author_triggers, author_messages, author_handoffs, author_auto_replies in a window', () => {
    const author = { ...context().author, recentTriggers: minutesAgo(10, 100, 1000, 2000), recentMessages: minutesAgo(1, 2) };
    const ctx = context({ author: { ...author, recentHandoffs: minutesAgo(30), recentAutoReplies: minutesAgo(5, 6) } });
    expect(matches('{ author_triggers: { window: 24h, more_than: 2 } }', 'x', {}, ctx)).toEqual([]);
    expect(matches('{ author_triggers: { window: 1h, more_than: 2 } }', 'x', {}, ctx)).toBeNull();
    expect(matches('{ author_messages: { window: 5m, exactly: 2 } }', 'x', {}, ctx)).toEqual([]);
    expect(matches('{ author_handoffs: { window: 1h, at_least: 1 } }', 'x', {}, ctx)).toEqual([]);
    expect(matches('{ author_auto_replies: { window: 1h, fewer_than: 2 } }', 'x', {}, ctx)).toBeNull();
  });

  it('post_comments and post_auto_replies in a window', () => {
    const ctx = context({ post: { recentComments: minutesAgo(1, 2, 3, 4, 5, 50), recentAutoReplies: minutesAgo(3) } });
    expect(matches('{ post_comments: { window: 30m, more_than: 4 } }', 'x', {}, ctx)).toEqual([]);
    expect(matches('{ post_auto_replies: { window: 1h, at_least: 2 } }', 'x', {}, ctx)).toBeNull();
  });

  it('business_hours from the playbook calendar and the context clock', () => {
    expect(matches('{ business_hours: true }', 'x', {}, context(), CALENDAR)).toEqual([]);
    const evening = context({ now: new Date('2026-11-23T18:30:00Z') });
    expect(matches('{ business_hours: false }', 'x', {}, evening, CALENDAR)).toEqual([]);
  });

  it('funnel state', () => {
    expect(matches('{ funnel: [none] }', 'x')).toEqual([]);
    const state = { funnel: 'f', step: 's', data: {}, retries: 0, done: false, updatedAt: new Date() };
    expect(matches('{ funnel: [active] }', 'x', {}, context({ conversation: { funnel: state } }))).toEqual([]);
    expect(matches('{ funnel: [done] }', 'x', {}, context({ conversation: { funnel: { ...state, done: true } } }))).toEqual([]);
  });

  it('all of a condition’s keys must hold; any, all and not combine', () => {
    expect(matches('{ keywords: [price], kind: [dm] }', 'price?')).toBeNull();
    expect(matches('{ any: [{ keywords: [price] }, { emoji: ["❓"] }] }', '❓')).toEqual(['❓']);
    expect(matches('{ all: [{ keywords: [price] }, { question: true }] }', 'price?')).toEqual(['price']);
    expect(matches('{ keywords: [price], not: { keywords: [discount] } }', 'price with a discount?')).toBeNull();
  });

  it('an empty condition matches everything', () => {
    expect(matches('{}', 'anything')).toEqual([]);
  });
});
