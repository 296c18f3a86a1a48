import { describe, expect, it } from 'vitest';
import { renderCard as renderDiscordCard } from '../../../adapters/chat/discord/render-card.js';
import { renderCard as renderSlackCard } from '../../../adapters/chat/slack/render-card.js';
import { messageProblem } from '../../fakes/fake-discord-limits.js';
import { makeCard, NOW } from '../../fixtures/card-model.js';

const FIGURES = { level: 'veto', rule: 'price', since: new Date('2026-11-12T10:00:00Z'), held: 40, sent: 38, stopped: 2 } as const;

describe('the rule figures line, rendered by each chat from the same card model', () => {
  it('shows on Slack and on Discord, and a card without figures shows none', () => {
    const card = makeCard({ ruleFigures: FIGURES });
    const line = 'rule price · veto since 12 Nov: 40 held, 38 sent, 2 stopped';
    expect(JSON.stringify(renderSlackCard(card, { now: NOW }).blocks)).toContain(line);
    const discord = renderDiscordCard(card, { now: NOW });
    expect(JSON.stringify(discord.embeds)).toContain(line);
    expect(messageProblem(discord)).toBeUndefined();

    const plain = makeCard({});
    expect(JSON.stringify(renderSlackCard(plain, { now: NOW }).blocks)).not.toContain('🤖');
    expect(JSON.stringify(renderDiscordCard(plain, { now: NOW }).embeds)).not.toContain('🤖');
  });
});
