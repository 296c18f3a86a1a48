import { embedLength } from '@discordjs/builders';
import { describe, expect, it } from 'vitest';
import { renderAlert, renderNote } from '../../../adapters/chat/discord/render-alert.js';
import { renderCard } from '../../../adapters/chat/discord/render-card.js';
import { renderReport } from '../../../adapters/chat/discord/render-report.js';
import { CARD_BUTTONS, type CardHistoryLine } from '../../../src/domain/card.js';
import { messageProblem } from '../../fakes/fake-discord-limits.js';
import { makeCard, NOW } from '../../fixtures/card-model.js';

const PINGS = '@everyone @here <@123> <@!123> <@&456> hi';

const customIds = (rows: { components: unknown[] }[]) =>
  rows.flatMap((row) => row.components.map((button) => (button as { custom_id: string }).custom_id));

describe('Discord card rendering', () => {
  it('says when a WhatsApp window has closed, and offers the template by its button', () => {
    const card = makeCard({
      platform: 'whatsapp',
      buttons: ['send_template', 'resolve'],
      replyWindow: { closedAt: NOW, hours: 24, templateOffered: true },
    });
    const rendered = renderCard(card, { now: NOW });
    const text = JSON.stringify(rendered.embeds);
    expect(text).toContain('24-hour customer-service window closed');
    expect(text).toContain('Send template');
    expect(customIds(rendered.components)).toEqual(['sb:send_template:card-0001:3', 'sb:resolve:card-0001:3']);
  });

  it('renders every listed button, in rows of at most five, each with a custom id that names the button, card and version', () => {
    const card = makeCard({ buttons: [...CARD_BUTTONS] });
    const rendered = renderCard(card, { now: NOW });
    expect(rendered.components.length).toBeLessThanOrEqual(5);
    for (const row of rendered.components) expect(row.components.length).toBeLessThanOrEqual(5);
    expect(customIds(rendered.components)).toEqual(CARD_BUTTONS.map((button) => `sb:${button}:card-0001:3`));
    expect(messageProblem(rendered)).toBeUndefined();
  });

  it('fits a huge comment, draft, history and thread within every embed limit, 6,000 in total', () => {
    const huge = '𝔸 long comment with emoji 😀 '.repeat(2_000);
    const history: CardHistoryLine[] = Array.from({ length: 40 }, (_, i) => ({
      actor: `discord:${1000 + i}`,
      what: 'x'.repeat(400),
      at: NOW,
      outcome: 'failed',
      detail: 'y'.repeat(400),
    }));
    const card = makeCard({
      headline: huge,
      accountName: huge,
      author: { ...makeCard().author, name: huge, tags: Array.from({ length: 30 }, (_, i) => `tag${i}`) },
      message: {
        ...makeCard().message,
        text: huge,
        parentText: huge,
        thread: Array.from({ length: 30 }, () => ({ from: huge, text: huge, at: NOW })),
        edited: { at: NOW, was: huge },
      },
      reasons: Array.from({ length: 30 }, () => ({ rule: huge, kind: 'handoff', matched: [huge, huge] })),
      draft: { text: huge, source: huge, note: huge },
      history,
    });
    const rendered = renderCard(card, { now: NOW });
    const [embed] = rendered.embeds;
    expect(embed).toBeDefined();
    expect(embedLength(embed!)).toBeLessThanOrEqual(6000);
    expect(embed!.description!.length).toBeLessThanOrEqual(4096);
    expect(embed!.fields!.length).toBeLessThanOrEqual(25);
    for (const field of embed!.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(1024);
    expect(messageProblem(rendered)).toBeUndefined();
  });

  it('never pings for commenter text: @everyone, <@123> and <@&456> in a comment, a name or a draft', () => {
    const card = makeCard({
      author: { ...makeCard().author, name: PINGS },
      message: { ...makeCard().message, text: PINGS },
      draft: { text: PINGS, source: 'llm' },
    });
    const rendered = renderCard(card, { now: NOW });
    expect(rendered.allowed_mentions).toEqual({ parse: [] });
    expect(rendered.content ?? '').not.toMatch(/<@/u);
    expect(JSON.stringify(rendered.embeds)).not.toMatch(/<@&?!?\d+>|(?<!\\)@everyone/u);
  });

  it('a note pings only its own mention, never a mention in its text', () => {
    const note = renderNote({ mention: '<@777>', text: `approved: ${PINGS}` });
    expect(note.allowed_mentions).toEqual({ parse: [], users: ['777'] });
    expect(renderNote({ text: PINGS }).allowed_mentions).toEqual({ parse: [] });
  });

  it('an escalation names exactly the configured user or role in allowed_mentions, and nobody from the comment', () => {
    const alert = (mention: string) =>
      renderAlert({
        cardId: 'card-0001',
        version: 3,
        mention,
        title: `Escalated: ${PINGS}`,
        lines: [PINGS],
        buttons: ['acknowledge', 'resolve'],
      });
    expect(alert('<@111>').allowed_mentions).toEqual({ parse: [], users: ['111'] });
    expect(alert('<@&222>').allowed_mentions).toEqual({ parse: [], roles: ['222'] });
    expect(alert('<@111>').content).toMatch(/^<@111> /u);
    expect(customIds(alert('<@111>').components)).toEqual(['sb:acknowledge:card-0001:3', 'sb:resolve:card-0001:3']);
  });

  it('a report with hundreds of rows stays within the limits and says what it left out', () => {
    const rows = Array.from({ length: 400 }, (_, i) => ({ label: `person ${i}`, value: `${i} waiting`, person: `discord:${9000 + i}` }));
    const embed = renderReport({
      title: 'SLA',
      summary: 'many waiting',
      sections: Array.from({ length: 30 }, (_, i) => ({ title: `Section ${i}`, rows })),
      footnotes: ['a note'],
    });
    expect(embedLength(embed)).toBeLessThanOrEqual(6000);
    expect(embed.fields!.length).toBeLessThanOrEqual(25);
    expect(JSON.stringify(embed)).toMatch(/Not everything fits/u);
  });
});
