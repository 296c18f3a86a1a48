import type { KnownBlock } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { renderAlert } from '../../../adapters/chat/slack/render-alert.js';
import { renderCard, renderEditModal } from '../../../adapters/chat/slack/render-card.js';
import { renderReport } from '../../../adapters/chat/slack/render-report.js';
import { fitSlice } from '../../../adapters/chat/slack/slack-text.js';
import { snippet } from '../../../src/cards/describe.js';
import { leadingGraphemes, snipText } from '../../../src/domain/fit-text.js';
import type { CardModel } from '../../../src/domain/card.js';
import { checkBlocks } from '../../fakes/fake-slack-blocks.js';

const FAMILY = '👨‍👩‍👧‍👦';
const FLAG = '🇬🇷';
const ACCENTED = 'e\u0301';

const card: CardModel = {
  cardId: 'card-0001',
  version: 3,
  headline: 'Refund request · Facebook · Maria: “see #general @here https://evil.example”',
  platform: 'facebook',
  accountName: 'Acme Shoes',
  author: { name: 'Maria @channel', recentMessages: 1, pastHandoffs: 0, tags: [] },
  message: {
    text: 'Join #general, @here, visit https://evil.example',
    thread: [{ from: 'Nick #random', text: '@everyone look', at: new Date() }],
  },
  reasons: [{ rule: 'refund-words', kind: 'handoff', matched: ['refund'] }],
  priority: 'high',
  draft: { text: 'Sorry @here', source: 'llm', note: 'check #general' },
  state: 'open',
  history: [],
  buttons: ['approve', 'edit'],
};

/** Every text object of these blocks, with the block it sits in. */
const textObjects = (blocks: KnownBlock[]): { type: string; text: string; verbatim?: boolean }[] =>
  blocks.flatMap((block) => {
    const b = block as { text?: unknown; fields?: unknown[]; elements?: unknown[] };
    const all = [b.text, ...(b.fields ?? []), ...(block.type === 'context' ? (b.elements ?? []) : [])];
    return all.filter((t): t is { type: string; text: string } => typeof t === 'object' && t !== null && 'type' in t);
  });

describe('Slack text objects built from commenter text', () => {
  it('sets verbatim on every mrkdwn object of a card, its alert and the edit form, and Slack accepts them', () => {
    const rendered = renderCard(card);
    const mrkdwn = textObjects(rendered.blocks).filter((t) => t.type === 'mrkdwn');
    expect(mrkdwn.length).toBeGreaterThan(3);
    expect(mrkdwn.every((t) => t.verbatim === true)).toBe(true);
    expect(checkBlocks(rendered.blocks, 50)).toEqual([]);

    const alert = renderAlert({ cardId: 'c', version: 1, title: card.headline, lines: [card.message.text], buttons: ['acknowledge'] });
    expect(
      textObjects(alert.blocks)
        .filter((t) => t.type === 'mrkdwn')
        .every((t) => t.verbatim === true),
    ).toBe(true);

    const modal = renderEditModal(card);
    expect(
      textObjects(modal.blocks as KnownBlock[])
        .filter((t) => t.type === 'mrkdwn')
        .every((t) => t.verbatim === true),
    ).toBe(true);
  });

  it('leaves reports (our own figures) to Slack’s usual formatting', () => {
    const report = renderReport({ title: 'KPIs', summary: 'All fine', sections: [], footnotes: ['a note'] });
    expect(textObjects(report.blocks).some((t) => 'verbatim' in t)).toBe(false);
  });

  it('is refused by the fake Slack when verbatim sits on plain text', () => {
    const block = { type: 'section', text: { type: 'plain_text', text: 'x', verbatim: true } };
    expect(checkBlocks([block], 50)).not.toEqual([]);
  });
});

describe('cuts at grapheme boundaries', () => {
  it('never cuts an emoji, a flag or an accented letter in half', () => {
    for (const piece of [FAMILY, FLAG, ACCENTED]) {
      const text = `ab${piece.repeat(30)}`;
      for (let max = 3; max < 40; max += 1) {
        const cut = snipText(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        const body = cut.replace(/…$/u, '').slice(2);
        expect(body.split(piece).join('')).toBe('');
      }
    }
  });

  it('keeps short text whole and ASCII cut as before', () => {
    expect(snippet('short')).toBe('short');
    expect(snippet('x'.repeat(100))).toBe(`${'x'.repeat(79)}…`);
    expect(leadingGraphemes(`${FLAG}${FLAG}`, 5)).toBe(FLAG);
    expect(leadingGraphemes(`${FLAG}${FLAG}`, 3)).toBe('');
  });

  it('cuts headline snippets between emoji', () => {
    const cut = snippet(`${'a'.repeat(75)}${FAMILY}${FAMILY}`);
    expect(cut).toBe(`${'a'.repeat(75)}…`);
  });

  it('cuts already-escaped mrkdwn between graphemes and never inside an entity', () => {
    expect(fitSlice(`ab${FAMILY}`, 5)).toBe('ab…');
    expect(fitSlice('abc &amp; def', 8)).toBe('abc …');
  });
});
