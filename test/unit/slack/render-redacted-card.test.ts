import { describe, expect, it } from 'vitest';
import { renderCard } from '../../../adapters/chat/slack/render-card.js';
import type { CardModel } from '../../../src/domain/card.js';

const card: CardModel = {
  cardId: '7',
  version: 4,
  headline: "Removed at the author's request · Facebook",
  platform: 'facebook',
  accountName: 'Acme Shoes',
  author: { name: 'removed', recentMessages: 0, pastHandoffs: 0, tags: [] },
  message: { text: "removed at the author's request", thread: [] },
  reasons: [],
  priority: 'normal',
  state: 'open',
  history: [{ actor: 'U0ALICE01', what: 'approved and sent the reply', at: new Date('2026-11-20T10:00:00Z'), outcome: 'ok' }],
  buttons: ['resolve'],
  redacted: true,
};

describe("a card erased at the author's request", () => {
  it('says so, keeps who did what and the buttons left, and shows no message, draft or reasons', () => {
    const rendered = renderCard(card, { now: new Date('2026-11-21T10:00:00Z') });
    const text = JSON.stringify(rendered.blocks);
    expect(text).toContain("removed at the author's request");
    expect(text).toContain('U0ALICE01');
    expect(text).toContain('sb:resolve');
    expect(text).not.toContain('Why it was handed off');
    expect(text).not.toContain('Draft');
    expect(rendered.text).toContain("Removed at the author's request");
  });
});
