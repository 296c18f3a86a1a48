import type { CardModel } from '../../../src/domain/card.js';

export const NOW = new Date('2026-03-02T10:00:00Z');

/** A realistic handoff card, for rendering tests. */
export const makeCard = (overrides: Partial<CardModel> = {}): CardModel => ({
  cardId: '4711',
  version: 3,
  headline: 'Refund request · Facebook · Maria K.: “I want a refund for my order”',
  platform: 'facebook',
  accountName: 'Acme Shoes',
  author: {
    name: 'Maria K.',
    username: 'maria.k',
    profileUrl: 'https://facebook.com/maria.k',
    recentMessages: 12,
    pastHandoffs: 1,
    tags: ['lead', 'vip'],
  },
  message: {
    text: 'I want a refund for my order #123.\nIt arrived broken.',
    url: 'https://facebook.com/1_2?comment_id=3',
    postUrl: 'https://facebook.com/1_2',
    parentText: 'Our spring collection is here!',
    thread: [],
  },
  reasons: [{ rule: 'refund-words', kind: 'handoff', matched: ['refund', 'broken'] }],
  language: 'el',
  sentiment: -0.72,
  priority: 'high',
  slaDeadline: new Date('2026-03-02T11:05:00Z'),
  draft: { text: 'Hi Maria, sorry to hear that! Please DM us your order number.', source: 'refund-apology' },
  state: 'open',
  history: [],
  buttons: ['approve', 'edit', 'hide', 'block', 'resolve'],
  ...overrides,
});
