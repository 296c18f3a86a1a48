import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../../src/main.js';
import { commentAdded, POST_ID } from '../../fixtures/meta.js';
import { cardsIn, eventually, notesOn, postMeta, startApp, startServices, type Services } from '../../support/app-harness.js';
import { cardButtons, cardText, pressButton, USERS } from '../../support/slack-press.js';
import { writeTestPlaybook } from '../../support/test-playbook.js';

const ESCALATION_CHANNEL = 'C0ESCALATE';
const MENTION = '<@U0FOUNDER1>';
const CAROL = { id: 'U0CAROL01', username: 'carol', name: 'Carol Diaz' };
let services: Services;
let playbook: string | undefined;
let app: Running;

beforeAll(async () => {
  services = await startServices();
  services.slack.addUserGroup('S0AGENTS', 'agents', [USERS.bob.id]);
  playbook = writeTestPlaybook({
    // Short targets and ladder so timers fire within the test; wall time, not business hours.
    sla: { default: '3s', lead: '3s', urgent: '3s', business_hours: false },
    escalation: { ladder: ['1s', '2s'], then_dm: 'U0NEXTUP1' },
    team: {
      roles: { agent: ['approve', 'edit', 'claim', 'hide', 'unhide', 'resolve', 'acknowledge'], lead: ['all'] },
      members: { slack: { [USERS.alice.id]: 'lead', S0AGENTS: 'agent' } },
    },
  });
  app = await startApp(services, {
    env: { SWITCHBOARD_PLAYBOOK: playbook, SLACK_ESCALATION_CHANNEL: ESCALATION_CHANNEL, SLACK_ESCALATION_MENTION: MENTION },
  });
});
afterAll(async () => {
  await app?.stop();
  await services?.close();
  if (playbook) rmSync(playbook, { force: true });
});

let sequence = 0;
const newCard = async (text: string) => {
  sequence += 1;
  const commentId = `${POST_ID.split('_')[1]}_13000000000000${sequence}`;
  const author = { id: `620000000000${sequence}`, name: `Client ${sequence}` };
  services.graph.addComment({ id: commentId, from: author, message: text, postId: POST_ID });
  await postMeta(app.url!, commentAdded({ commentId, message: text, from: author, createdTime: Math.floor(Date.now() / 1000) }));
  return eventually(async () => cardsIn(services).find((message) => cardText(message).includes(author.name)), 'the card');
};

describe('roles', () => {
  it('refuses a press the role does not allow, says why, changes nothing and audits it', async () => {
    const card = await newCard('I want a refund');
    const answer = await pressButton(app.url!, services.slack, card, 'block', USERS.bob, 'bob-block');
    expect(answer.status).toBe(200);
    const told = await eventually(async () => services.slack.responses('bob-block')[0], 'the refusal');
    expect(JSON.stringify(told)).toMatch(/your role \(agent\) may not press block/u);
    expect(told).toMatchObject({ response_type: 'ephemeral' });
    const actions = await services.database.db.selectFrom('actions').select('id').where('kind', '=', 'block').execute();
    expect(actions).toHaveLength(0);
    expect(services.graph.blocked).toHaveLength(0);
    const audit = await services.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'refused:block').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe(`slack:${USERS.bob.id}`);
  });

  it('refuses someone with no role and lets a group member press what the group allows', async () => {
    const card = await newCard('This is a complaint about my refund');
    await pressButton(app.url!, services.slack, card, 'claim', CAROL, 'carol-claim');
    const told = await eventually(async () => services.slack.responses('carol-claim')[0], 'the refusal');
    expect(JSON.stringify(told)).toMatch(/no role/u);
    await pressButton(app.url!, services.slack, card, 'claim', USERS.bob, 'bob-claim');
    await eventually(
      async () => !cardButtons(cardsIn(services).find((m) => m.ts === card.ts)!).has('sb:claim'),
      'the claim by a group member',
    );
  });
});

describe('escalation', () => {
  it('a legal threat rings the escalation channel, re-pings on the ladder, then DMs the next person', async () => {
    const card = await newCard('I will sue you, my lawyer is ready');
    const alert = await eventually(
      async () => services.slack.messagesIn(ESCALATION_CHANNEL).find((m) => !m.thread_ts || m.thread_ts === m.ts),
      'the alert',
    );
    expect(alert.text.startsWith(MENTION)).toBe(true);
    expect(alert.text).toMatch(/Escalated/u);
    const pings = await eventually(
      async () => {
        const found = services.slack.messagesIn(ESCALATION_CHANNEL).filter((m) => m.thread_ts === alert.ts && m.ts !== alert.ts);
        return found.length >= 2 ? found : undefined;
      },
      'two re-pings',
      15_000,
    );
    expect(pings.every((ping) => ping.text.startsWith(MENTION))).toBe(true);
    expect(pings[0]!.text).toMatch(/reminder 1 of 2/u);
    const dm = await eventually(
      async () => services.slack.callsTo('conversations.open').find((call) => String(call.body.users) === 'U0NEXTUP1'),
      'the DM to the next person',
      20_000,
    );
    expect(dm).toBeTruthy();
    expect(card).toBeTruthy();
  });

  it('stops re-pinging once someone presses Acknowledge', async () => {
    await newCard('I am taking legal action, expect a lawsuit');
    const alert = await eventually(
      async () =>
        services.slack
          .messagesIn(ESCALATION_CHANNEL)
          .filter((m) => !m.thread_ts || m.thread_ts === m.ts)
          .at(1),
      'the second alert',
    );
    await pressButton(app.url!, services.slack, alert, 'acknowledge', USERS.alice, 'ack');
    await eventually(async () => {
      const rows = await services.database.db.selectFrom('escalations').select('acknowledged_at').execute();
      return rows.some((row) => row.acknowledged_at !== null);
    }, 'the acknowledgement');
    // Longer than the whole ladder: no reminder may appear.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const pings = services.slack.messagesIn(ESCALATION_CHANNEL).filter((m) => m.thread_ts === alert.ts && m.ts !== alert.ts);
    expect(pings).toHaveLength(0);
  });
});

describe('SLA', () => {
  it('warns in the card thread before the target and says so at the breach, mentioning the channel', async () => {
    const card = await newCard('Where is my refund? This is a complaint');
    const warning = await eventually(
      async () => notesOn(services, card.ts).find((note) => note.text.includes('SLA warning')),
      'the warning',
      20_000,
    );
    expect(warning.text.startsWith('<!here>')).toBe(true);
    const breach = await eventually(
      async () => notesOn(services, card.ts).find((note) => note.text.includes('SLA breached')),
      'the breach',
      20_000,
    );
    expect(breach.text.startsWith('<!here>')).toBe(true);
    const conversation = await services.database.db
      .selectFrom('conversations')
      .innerJoin('cards', 'cards.conversation_id', 'conversations.id')
      .innerJoin('card_placements as p', 'p.card_id', 'cards.id')
      .select(['sla_warned_at', 'sla_breached_at'])
      .where('p.chat_message_id', '=', card.ts)
      .executeTakeFirstOrThrow();
    expect(conversation.sla_breached_at).not.toBeNull();
  });

  it('mentions the assignee, and a reply stops the timers', async () => {
    const claimed = await newCard('Refund please, this is a complaint');
    await pressButton(app.url!, services.slack, claimed, 'claim', USERS.alice, 'claim');
    const warning = await eventually(
      async () => notesOn(services, claimed.ts).find((note) => note.text.includes('SLA warning')),
      'the warning',
      20_000,
    );
    expect(warning.text.startsWith(`<@${USERS.alice.id}>`)).toBe(true);

    const answered = await newCard('I need a refund, complaint');
    await pressButton(app.url!, services.slack, answered, 'approve', USERS.alice, 'approve');
    await eventually(async () => notesOn(services, answered.ts).some((note) => note.text.includes('reply sent')), 'the reply');
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    expect(notesOn(services, answered.ts).some((note) => note.text.includes('SLA'))).toBe(false);
  });
});
