import type { ActionsBlock, Button, KnownBlock } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { parseButtonValue, parseEditSubmission, renderCard, renderEditModal } from '../../../adapters/chat/slack/render-card.js';
import { encodeButtonValue } from '../../../adapters/chat/slack/button-value.js';
import { CARD_BUTTON_LABELS, CARD_BUTTONS, type CardModel } from '../../../src/domain/card.js';
import { makeCard, NOW } from '../../fixtures/card-model.js';
import { checkBlocks, checkModal } from '../../fakes/fake-slack-blocks.js';

/** Every text a block shows, depth first. */
const textsOf = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  if (typeof record.text === 'string') return [record.text];
  return Object.values(record).flatMap(textsOf);
};
const allText = (blocks: KnownBlock[]): string => textsOf(blocks).join('\n');
/** Only mrkdwn is parsed for links and mentions; plain_text shows what it holds. */
const mrkdwnOf = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.flatMap(mrkdwnOf);
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  if (record.type === 'mrkdwn' && typeof record.text === 'string') return [record.text];
  return Object.values(record).flatMap(mrkdwnOf);
};
const actionsOf = (blocks: KnownBlock[]): ActionsBlock | undefined =>
  blocks.find((block): block is ActionsBlock => block.type === 'actions');
const buttonsOf = (blocks: KnownBlock[]): Button[] =>
  (actionsOf(blocks)?.elements ?? []).filter((element): element is Button => element.type === 'button');
const render = (card: CardModel) => renderCard(card, { now: NOW, timeZone: 'Europe/Athens' });

describe('renderCard', () => {
  it('opens with the lock-screen line: the notification text and the first block say the same', () => {
    const { text, blocks } = render(makeCard());
    expect(text).toBe('🟠 Refund request · Facebook · Maria K.: “I want a refund for my order”');
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text, emoji: true } });
    expect(render(makeCard({ priority: 'urgent' })).text.startsWith('🔴 ')).toBe(true);
  });

  it('shows platform, account, priority and the SLA deadline as a Slack date', () => {
    const meta = textsOf(render(makeCard()).blocks[1]);
    expect(meta[0]).toBe('*Facebook* · Acme Shoes');
    expect(meta[1]).toBe('Priority: *high*');
    const unix = Date.parse('2026-03-02T11:05:00Z') / 1000;
    expect(meta[2]).toBe(`⏱ SLA <!date^${unix}^{date_short_pretty} {time}|2 Mar 2026 13:05 GMT+2> (in 1 h 5 min)`);
    const late = textsOf(render(makeCard({ slaDeadline: new Date('2026-03-02T09:48:00Z') })).blocks[1]);
    expect(late[2]).toContain('(*overdue by 12 min*)');
  });

  it('shows the author with their recent history', () => {
    const text = allText(render(makeCard()).blocks);
    expect(text).toContain(
      '👤 *<https://facebook.com/maria.k|Maria K.>* (@maria.k)  ·  12 recent messages  ·  1 past handoff  ·  tags `lead` `vip`',
    );
  });

  it('quotes the message with its post link, parent comment and DM thread', () => {
    const thread = Array.from({ length: 7 }, (_, i) => ({
      from: i % 2 ? 'Acme' : 'Maria',
      text: `line ${i}`,
      at: new Date(NOW.getTime() - (7 - i) * 60_000),
    }));
    const text = allText(render(makeCard({ message: { ...makeCard().message, thread } })).blocks);
    expect(text).toContain(
      '💬 *Message*\n> I want a refund for my order #123.\n> It arrived broken.\n' +
        '<https://facebook.com/1_2?comment_id=3|Open message>  ·  <https://facebook.com/1_2|View post>',
    );
    expect(text).toContain('↩️ *In reply to:*\n> Our spring collection is here!');
    expect(text).toContain('🧵 *Earlier in the conversation* (last 5 of 7)');
    expect(text).not.toContain('line 1');
    expect(text).toMatch(/• \*Maria\* <!date\^\d+\^\{date_short_pretty\} \{time\}\|[^>]+>: line 6/u);
  });

  it('says why it was handed off, with sentiment and language', () => {
    const text = allText(render(makeCard()).blocks);
    expect(text).toContain('🚩 *Why it was handed off*\n• rule `refund-words` (handoff) matched “refund”, “broken”');
    expect(text).toContain('Sentiment: 😠 very negative (-0.72)  ·  Language: Greek (el)');
  });

  it('shows the draft, its source and its note; or asks for one', () => {
    const draft = { text: 'Hi Maria!', source: 'llm', note: 'LLM unavailable — template draft' };
    const text = allText(render(makeCard({ draft })).blocks);
    expect(text).toContain('✍️ *Draft reply* · LLM\n> Hi Maria!');
    expect(text).toContain('⚠️ LLM unavailable — template draft');
    expect(allText(render(makeCard()).blocks)).toContain('✍️ *Draft reply* · template `refund-apology`');
    expect(allText(render(makeCard({ draft: undefined })).blocks)).toContain('*No draft*');
  });

  it('lists who did what and when, with the outcome and the platform’s words on failure', () => {
    const at = new Date('2026-03-02T09:30:00Z');
    const history = [
      { actor: 'refund-words', what: 'handed it off', at, outcome: 'ok' as const },
      {
        actor: 'slack:U024BE7LH',
        what: 'approved and sent the reply',
        at,
        outcome: 'failed' as const,
        detail: '(#100) This comment has been deleted',
      },
      { actor: 'U024BE7LH', what: 'hid the comment', at, outcome: 'pending' as const },
    ];
    const text = allText(render(makeCard({ history })).blocks);
    const when = `<!date^${at.getTime() / 1000}^{date_short_pretty} {time}|2 Mar 2026 11:30 GMT+2>`;
    expect(text).toContain(`*History*\n✅ \`refund-words\` handed it off · ${when}`);
    expect(text).toContain(
      `❌ <@U024BE7LH> approved and sent the reply · ${when}\n      Facebook said: _(#100) This comment has been deleted_`,
    );
    expect(text).toContain(`⏳ <@U024BE7LH> hid the comment · ${when}`);
  });

  it('renders exactly the listed buttons, labelled, with values that round-trip', () => {
    const buttons = buttonsOf(render(makeCard({ buttons: ['edit', 'approve', 'approve', 'tag_lead'] })).blocks);
    expect(buttons.map((b) => b.action_id)).toEqual(['sb:edit', 'sb:approve', 'sb:tag_lead']);
    expect(buttons.map((b) => b.text.text)).toEqual([CARD_BUTTON_LABELS.edit, 'Approve & send', 'Tag lead']);
    for (const button of buttons) {
      expect(button.value).toBe('{"card":"card-0001","v":3}');
      expect(parseButtonValue(button.action_id ?? '', button.value)).toEqual({
        button: button.action_id?.slice(3),
        cardId: 'card-0001',
        version: 3,
      });
    }
  });

  it('styles Approve primary and Block/Hide danger, and asks before blocking, naming the author', () => {
    const buttons = buttonsOf(render(makeCard({ buttons: [...CARD_BUTTONS] })).blocks);
    const style = Object.fromEntries(buttons.map((b) => [b.action_id, b.style]));
    expect(style).toMatchObject({ 'sb:approve': 'primary', 'sb:block': 'danger', 'sb:hide': 'danger', 'sb:edit': undefined });
    const block = buttons.find((b) => b.action_id === 'sb:block');
    expect(block?.confirm?.text).toEqual({ type: 'plain_text', text: 'Block Maria K. on Facebook?', emoji: true });
    expect(block?.confirm?.style).toBe('danger');
    expect(buttons.filter((b) => b.confirm)).toHaveLength(1);
  });

  it('says a card is resolved, and shows only the buttons the model still lists (a lead’s funnel steps)', () => {
    const { text, blocks } = render(makeCard({ state: 'resolved', buttons: [] }));
    expect(actionsOf(blocks)).toBeUndefined();
    const lead = actionsOf(render(makeCard({ state: 'resolved', buttons: ['booked', 'converted'] })).blocks);
    expect(lead?.elements.map((element) => (element as { text: { text: string } }).text.text)).toEqual(['Mark booked', 'Mark converted']);
    expect(text.startsWith('✅ ')).toBe(true);
    expect(allText(blocks)).toContain('✅ *Resolved*');
    expect(actionsOf(render(makeCard({ buttons: [] })).blocks)).toBeUndefined();
  });

  it('gives the actions block a new block_id per version', () => {
    expect(actionsOf(render(makeCard()).blocks)?.block_id).toBe('sb_actions_v3');
    expect(actionsOf(render(makeCard({ version: 4 })).blocks)?.block_id).toBe('sb_actions_v4');
  });

  it('escapes & < > everywhere a person wrote text, so nobody can ping the channel through a comment', () => {
    const hostile = '<!channel> Tom & Jerry <b>';
    const card = makeCard({
      headline: hostile,
      accountName: hostile,
      author: { ...makeCard().author, name: hostile, username: '<@U1>', profileUrl: undefined, tags: [hostile] },
      message: { text: hostile, parentText: hostile, thread: [{ from: hostile, text: hostile, at: NOW }] },
      reasons: [{ rule: hostile, kind: hostile, matched: [hostile] }],
      draft: { text: hostile, source: hostile, note: hostile },
      history: [{ actor: hostile, what: hostile, at: NOW, outcome: 'failed', detail: hostile }],
    });
    const { text, blocks } = render(card);
    const mrkdwnTexts = [text, ...mrkdwnOf(blocks)];
    expect(mrkdwnTexts.length).toBeGreaterThan(10);
    expect(mrkdwnTexts.join('\n')).not.toMatch(/<!channel>|<b>|<@U1>|& /u);
    expect(text).toContain('&lt;!channel&gt; Tom &amp; Jerry &lt;b&gt;');
    expect(allText(blocks)).toContain('> &lt;!channel&gt; Tom &amp; Jerry &lt;b&gt;');
  });

  it('keeps every block inside Slack’s limits however long the input, cutting between characters', () => {
    const long = `${'Refund now & then! 👍🏽 '.repeat(600)}end`;
    const card = makeCard({
      headline: long,
      accountName: long,
      author: { ...makeCard().author, name: long, username: long, tags: Array.from({ length: 40 }, () => long.slice(0, 100)) },
      message: {
        text: long,
        url: 'https://facebook.com/x',
        parentText: long,
        thread: Array.from({ length: 9 }, () => ({ from: long, text: long, at: NOW })),
      },
      reasons: Array.from({ length: 30 }, () => ({ rule: long, kind: long, matched: Array.from({ length: 50 }, () => long) })),
      draft: { text: long, source: long, note: long },
      history: Array.from({ length: 40 }, () => ({ actor: long, what: long, at: NOW, outcome: 'failed' as const, detail: long })),
      buttons: [...CARD_BUTTONS],
    });
    const { text, blocks } = render(card);
    expect(checkBlocks(blocks, 50)).toEqual([]);
    expect(textsOf(blocks[0])[0]?.length).toBeLessThanOrEqual(150);
    expect(text.length).toBeLessThan(1000);
    const quote = textsOf(blocks).find((t) => t.startsWith('💬'));
    expect(quote?.length).toBeLessThanOrEqual(3000);
    expect(quote).toMatch(/…\n<https:\/\/facebook.com\/x\|Open message>$/u);
    for (const t of textsOf(blocks)) expect(t).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/u);
    for (const t of [text, ...mrkdwnOf(blocks)]) expect(t).not.toMatch(/&(?!amp;|lt;|gt;)/u);
    const confirm = buttonsOf(blocks).find((b) => b.action_id === 'sb:block')?.confirm;
    expect(confirm?.text.text.length).toBeLessThanOrEqual(300);
    expect(allText(blocks)).toContain('_…30 earlier_');
  });

  it('passes Slack’s block checks for an ordinary card too', () => {
    expect(checkBlocks(render(makeCard({ buttons: [...CARD_BUTTONS] })).blocks, 50)).toEqual([]);
  });
});

describe('parseButtonValue', () => {
  const value = encodeButtonValue('card-0001', 3);

  it('accepts what the renderer wrote', () => {
    expect(parseButtonValue('sb:hide', value)).toEqual({ button: 'hide', cardId: 'card-0001', version: 3 });
  });

  it.each([
    ['another app’s action', 'other:hide', value],
    ['an unknown button', 'sb:nuke', value],
    ['no value', 'sb:hide', undefined],
    ['a value that is not JSON', 'sb:hide', 'card-0001'],
    ['extra fields', 'sb:hide', '{"card":"c","v":1,"admin":true}'],
    ['a negative version', 'sb:hide', '{"card":"c","v":-1}'],
    ['a fractional version', 'sb:hide', '{"card":"c","v":1.5}'],
    ['an empty card id', 'sb:hide', '{"card":"","v":1}'],
  ])('rejects %s', (_, actionId, raw) => {
    expect(parseButtonValue(actionId, raw)).toBeUndefined();
  });

  it('refuses to write a card id a button cannot carry', () => {
    expect(() => encodeButtonValue('x'.repeat(256), 1)).toThrow(/1–255 characters/u);
  });
});

describe('the Edit modal', () => {
  const submitted = (view: ReturnType<typeof renderEditModal>, text: string | null) => ({
    ...view,
    id: 'V123',
    state: { values: { sb_draft: { draft: { type: 'plain_text_input', value: text } } } },
  });

  it('is a modal prefilled with the draft, carrying the card and version, that Slack accepts', () => {
    const view = renderEditModal(makeCard());
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: 'sb:edit',
      private_metadata: '{"card":"card-0001","v":3}',
      submit: { type: 'plain_text', text: 'Send' },
    });
    const input = view.blocks.find((block) => block.type === 'input');
    expect(input).toMatchObject({
      block_id: 'sb_draft',
      element: { type: 'plain_text_input', action_id: 'draft', multiline: true, initial_value: makeCard().draft?.text },
    });
    expect(checkModal(view)).toEqual([]);
    expect(checkModal(renderEditModal(makeCard({ draft: undefined, author: { ...makeCard().author, name: 'x'.repeat(5000) } })))).toEqual(
      [],
    );
  });

  it('reads the submitted text back with the card and version', () => {
    const view = renderEditModal(makeCard());
    expect(parseEditSubmission(submitted(view, '  Edited reply \n'))).toEqual({ cardId: 'card-0001', version: 3, text: 'Edited reply' });
    expect(parseEditSubmission(submitted(view, null))).toEqual({ cardId: 'card-0001', version: 3, text: '' });
  });

  it('ignores other views and tampered metadata', () => {
    const view = renderEditModal(makeCard());
    expect(parseEditSubmission({ ...submitted(view, 'x'), callback_id: 'other' })).toBeUndefined();
    expect(parseEditSubmission({ ...submitted(view, 'x'), private_metadata: 'not json' })).toBeUndefined();
    expect(parseEditSubmission({ ...submitted(view, 'x'), private_metadata: '{"card":"c"}' })).toBeUndefined();
    expect(parseEditSubmission({ ...submitted(view, 'x'), state: { values: {} } })).toBeUndefined();
    expect(parseEditSubmission('nonsense')).toBeUndefined();
  });
});
