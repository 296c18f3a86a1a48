import { expect, it } from 'vitest';
import { messengerDm } from '../fixtures/meta.js';
import { eventually, postMeta, useApp } from '../support/app-harness.js';
import { queuesIdle } from '../support/queue-state.js';

const ctx = useApp();

const SENDER = '7300000000000099';
let n = 0;
/** The customer writes a DM; returns what the Page answered (the Send API calls made since). */
const say = async (text: string) => {
  n += 1;
  const before = ctx.services.graph.messages.length;
  await postMeta(ctx.app.url!, messengerDm({ mid: `m_funnel_${n}`, text, senderId: SENDER, timestamp: Date.now() }));
  await eventually(() => queuesIdle(ctx.services), `the answer to "${text}"`);
  return ctx.services.graph.messages.slice(before);
};

it('walks a DM through the funnel: greet, route by the answer, qualify, send the booking link', async () => {
  const greeting = await say('Hi there!');
  expect(greeting).toHaveLength(1);
  expect(greeting[0]!.recipient).toMatchObject({ id: SENDER });

  const askQuantity = await say("It's about pricing");
  expect(askQuantity).toHaveLength(1);
  const contact = await ctx.services.database.db
    .selectFrom('contacts')
    .select('tags')
    .where('external_id', '=', SENDER)
    .executeTakeFirstOrThrow();
  expect(contact.tags).toContain('pricing');

  const booking = await say('We need 25 pairs');
  expect(booking).toHaveLength(1);
  expect(booking[0]!.text).toMatch(/book/iu);
  const lead = await ctx.services.database.db
    .selectFrom('contacts')
    .select('tags')
    .where('external_id', '=', SENDER)
    .executeTakeFirstOrThrow();
  expect(lead.tags).toContain('lead');
  const conversation = await ctx.services.database.db
    .selectFrom('conversations')
    .selectAll()
    .where('kind', '=', 'dm')
    .executeTakeFirstOrThrow();
  expect(conversation.qualified_at).not.toBeNull();
  expect(conversation.funnel_state).toMatchObject({ funnel: 'dm-sales', step: 'booking', data: { quantity: 25 } });
});
