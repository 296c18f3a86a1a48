import { describe, expect, it } from 'vitest';
import { decide } from '../../../src/engine/decide.js';
import { isTrigger } from '../../../src/engine/safety.js';
import { NO_EVENTS } from '../../../src/engine/recent-events.js';
import { context, message, minutesAgo, playbook } from './support.js';

const book = playbook(`caps:
  author: { max: 2, window: 1h }
  post: { max: 3, window: 1h }
templates:
  price: { en: "From €19, {{first_name|there}}." }
rules:
  - { id: refund, when: { keywords: [refund] }, then: [{ handoff: { priority: high } }] }
  - { id: price, when: { keywords: [price] }, then: [{ auto_reply: price }] }
  - { id: block, when: { keywords: [spam] }, then: [{ propose_block: true }] }
`);

describe('safety rails', () => {
  it('never acts on the brand’s own messages or the team’s', () => {
    expect(decide(message('price?', { fromSelf: true }), context(), book)).toEqual([
      { kind: 'ignore', rule: 'safety:own-message', matched: [] },
    ]);
    const team = context({ author: { ...context().author, isTeam: true } });
    expect(decide(message('price?'), team, book)).toEqual([{ kind: 'ignore', rule: 'safety:team-author', matched: [] }]);
  });

  it('holds an automatic reply as a draft when a person looks at the message anyway', () => {
    const decisions = decide(message('refund? and the price?'), context(), book);
    expect(decisions.map((d) => d.kind)).toEqual(['handoff', 'draft']);
    expect(decisions[1]).toMatchObject({ rule: 'price', detail: { downgradedFrom: 'auto_reply', why: 'a person reviews this message' } });
  });

  it('caps automatic replies per author in a window: a draft and a handoff instead', () => {
    const ctx = context({ author: { ...context().author, recentAutoReplies: minutesAgo(5, 20) } });
    const decisions = decide(message('price?'), ctx, book);
    expect(decisions.map((d) => d.kind)).toEqual(['draft', 'handoff']);
    expect(decisions[0]?.detail).toMatchObject({ cap: 'author', downgradedFrom: 'auto_reply' });
    expect(decisions[1]).toMatchObject({ rule: 'safety:author-reply-cap', detail: { reason: expect.stringContaining('author cap of 2') } });
    const older = context({ author: { ...context().author, recentAutoReplies: minutesAgo(5, 90) } });
    expect(decide(message('price?'), older, book).map((d) => d.kind)).toEqual(['auto_reply']);
  });

  it('caps automatic replies per post', () => {
    const ctx = context({ post: { recentComments: NO_EVENTS, recentAutoReplies: minutesAgo(1, 2, 3) } });
    expect(decide(message('price?'), ctx, book).map((d) => d.rule)).toEqual(['price', 'safety:post-reply-cap']);
    expect(decide(message('price?', { post: undefined, kind: 'dm' }), ctx, book).map((d) => d.kind)).toEqual(['auto_reply']);
  });

  it('only proposes blocks', () => {
    expect(decide(message('spam spam'), context(), book).map((d) => d.kind)).toEqual(['propose_block']);
  });

  it('counts as a trigger anything that acted, except funnel steps and tags', () => {
    expect(isTrigger([{ kind: 'auto_reply', rule: 'r', matched: [] }])).toBe(true);
    expect(isTrigger([{ kind: 'tag', rule: 'r', matched: [], tag: 'x' }])).toBe(false);
    expect(isTrigger([{ kind: 'funnel', rule: 'r', matched: [], detail: { funnel: 'f' } }])).toBe(false);
    expect(isTrigger([])).toBe(false);
  });
});
