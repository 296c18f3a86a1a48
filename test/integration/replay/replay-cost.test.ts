import { describe, expect, it } from 'vitest';
import { ReplayHistory } from '../../../src/cli/replay-history.js';
import type { Message } from '../../../src/domain/message.js';
import { seededRandom } from '../../../src/engine/context.js';
import { decide } from '../../../src/engine/decide.js';
import { EventRing } from '../../../src/engine/event-ring.js';
import { loadPlaybook, parsePlaybook } from '../../../src/playbook/index.js';

/*
 * Work per message must not grow with a post's history (issue 11, point 5). Measured as
 * counts, not time: the event times the replay holds, and the entries its windows look at
 * to decide the last 1,000 of 10,000 and of 100,000 comments on one viral post.
 */

const playbook = loadPlaybook();
const START = Date.parse('2026-10-01T12:00:00Z');
const TEXTS = ['Love it 🧡', 'price?', 'Do you ship to Canada?', 'wow', 'Refund please, the mug arrived cracked'];

const comment = (index: number, count: number): Message => ({
  externalId: `c${index}`,
  platform: 'instagram',
  kind: 'comment',
  accountId: 'ig-brand',
  author: { id: `a${index % 5_000}`, name: 'Maria' },
  text: TEXTS[index % TEXTS.length] as string,
  post: { id: 'viral' },
  // All within one hour, however many there are.
  createdAt: new Date(START + Math.floor((index * 3_600_000) / count)),
  fromSelf: false,
});

interface Work {
  /** Entries the post's comment window looked at, per message, over the last 1,000 messages. */
  examinedPerMessage: number;
  /** Event times the post's comment series holds at the end. */
  held: number;
}

const replayOnePost = (count: number): Work => {
  const history = new ReplayHistory(playbook.longestWindowMs, 0, playbook.countLimit);
  const random = seededRandom(1);
  let examinedBefore = 0;
  let ring: EventRing | undefined;
  for (let index = 0; index < count; index += 1) {
    const message = comment(index, count);
    const context = history.context(message, random);
    if (index === count - 1_000) {
      ring = context.post.recentComments as EventRing;
      examinedBefore = ring.examined;
    }
    history.record(message, decide(message, context, playbook));
  }
  if (!(ring instanceof EventRing)) throw new Error('the post has no comment series');
  return { examinedPerMessage: (ring.examined - examinedBefore) / 1_000, held: ring.size };
};

describe('replay: cost per message does not grow with the history', () => {
  it('holds and examines as much at 100,000 comments on one post as at 10,000', () => {
    const small = replayOnePost(10_000);
    const large = replayOnePost(100_000);
    expect(small.held).toBeLessThanOrEqual(2 * playbook.countLimit);
    expect(large.held).toBeLessThanOrEqual(2 * playbook.countLimit);
    expect(small.examinedPerMessage).toBeGreaterThan(0);
    // Bisection over at most twice the count limit: the same bound at either size.
    const bound = 2 * Math.ceil(Math.log2(2 * playbook.countLimit + 1));
    expect(small.examinedPerMessage).toBeLessThanOrEqual(bound);
    expect(large.examinedPerMessage).toBeLessThanOrEqual(bound);
    expect(large.examinedPerMessage).toBeLessThanOrEqual(small.examinedPerMessage + 1);
  }, 120_000);

  it('hands the engine the history itself, not a copy', () => {
    const history = new ReplayHistory(playbook.longestWindowMs, 0, playbook.countLimit);
    const random = seededRandom(1);
    const first = comment(0, 10);
    history.record(first, decide(first, history.context(first, random), playbook));
    const second = comment(1, 10);
    expect(history.context(second, random).post.recentComments).toBe(history.context(second, random).post.recentComments);
  });

  it('counts exactly past any fixed cap: a playbook asking for 120 comments in 10 minutes gets them', () => {
    const busy = parsePlaybook(
      'version: 1\nrules:\n  - id: busy-post\n    when: { post_comments: { window: 10m, at_least: 120 } }\n    then: [{ tag: busy }]\n',
      'busy.yaml',
    );
    expect(busy.countLimit).toBe(Math.max(busy.caps.post.max, 120));
    const history = new ReplayHistory(busy.longestWindowMs, 0, busy.countLimit);
    const random = seededRandom(1);
    const tagged: number[] = [];
    for (let index = 0; index < 130; index += 1) {
      const message = { ...comment(index, 130), createdAt: new Date(START + index * 1_000) };
      const decisions = decide(message, history.context(message, random), busy);
      if (decisions.some((decision) => decision.rule === 'busy-post')) tagged.push(index);
      history.record(message, decisions);
    }
    // The 121st comment is the first with 120 before it in the window.
    expect(tagged[0]).toBe(120);
  });
});
