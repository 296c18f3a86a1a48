import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CardButton } from '../../../src/domain/card.js';
import type { Running } from '../../../src/main.js';
import { defaultPlaybookPath } from '../../../src/playbook/index.js';
import { commentAdded, POST_ID } from '../../fixtures/meta.js';
import { CARD_CHANNEL, cardsIn, eventually, postMeta, startApp, startServices, type Services } from '../../support/app-harness.js';
import { completedResults, queuesIdle } from '../../support/queue-state.js';
import { cardButtons, cardText, pressButton, USERS } from '../../support/slack-press.js';
import { writeTestPlaybook } from '../../support/test-playbook.js';
import type { SlackMessage } from '../../fakes/fake-slack.js';
import { inMemoryDiscord, type InMemoryDiscord, type ShownMessage } from './in-memory-discord.js';

/**
 * One card in two chats. The scenarios talk to each chat through a `ChatSide` (see the card, press on
 * it, read its thread, find its escalation alert), so they run the same whatever implements a side.
 * Slack is the real adapter against the fake Slack server. DISCORD: the second side is, for now, a
 * Discord-shaped in-memory chat behind our ChatAdapter port (in-memory-discord.ts); once the Discord
 * adapter and its fake REST server are merged, replace `discordSide` (and the `chats` option given to
 * startApp) with one that drives them, and the scenarios stay as they are.
 */
interface ShownCard {
  /** Everything the chat shows on the card (text, history, buttons), for `toContain`. */
  text: string;
  buttons: string[];
  /** The lines in the card's thread. */
  notes: () => string[];
  /** Press a button on the card as it was shown then (a stale copy presses an old version); true when the press was accepted. */
  press: (button: CardButton, person: Person) => Promise<boolean>;
}

type Person = 'alice' | 'bob';

interface ChatSide {
  name: 'slack' | 'discord';
  /** The card for this author as the chat shows it now, undefined when the chat shows none. */
  card: (author: string) => Promise<ShownCard | undefined>;
  /** The escalation alert for this author's card, undefined when none was posted. */
  alert: (author: string) => Promise<ShownCard | undefined>;
  /** Our actor id for a person of this chat ('slack:U…', 'discord:…'). */
  actor: (person: Person) => string;
  /** Whether the card names this actor in its history, as this chat shows people (of its own or of the other chat). */
  names: (card: ShownCard, actor: string) => boolean;
  /** Whether the card's history shows an action that succeeded on the platform. */
  showsDone: (card: ShownCard) => boolean;
}

const ESCALATION_CHANNEL = 'C0ESCALATE';
const DISCORD = { cards: '1100000000000000001', escalation: '1100000000000000002', mention: '<@&1300000000000000001>' };
const DISCORD_USERS = { alice: '9000000000000000001', bob: '9000000000000000002' };

let services: Services;
let app: Running;
let playbook: string | undefined;
let discord: InMemoryDiscord;
let responses = 0;

/** Press on a Slack message; Bolt acknowledges first, so the outcome is a private answer (too late, refused) or the audited press. */
const pressOnSlack = async (message: SlackMessage, button: CardButton, person: Person): Promise<boolean> => {
  responses += 1;
  const responseId = `press-${responses}`;
  const cardId = (JSON.parse(cardButtons(message).get(`sb:${button}`)?.value ?? '{}') as { card?: string }).card ?? '';
  const answer = await pressButton(app.url!, services.slack, message, button, USERS[person], responseId);
  expect(answer.status).toBe(200);
  const outcome = await eventually(async () => {
    if (services.slack.responses(responseId).length > 0) return 'answered';
    const audited = await services.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('actor', '=', `slack:${USERS[person].id}`)
      .where('action', '=', `pressed:${button}`)
      .where('subject_id', '=', cardId)
      .executeTakeFirst();
    return audited ? 'accepted' : undefined;
  }, 'the press to be handled');
  return outcome === 'accepted';
};

const slackSide = (): ChatSide => {
  const topLevel = (channel: string) =>
    services.slack.messagesIn(channel).filter((message) => message.thread_ts === undefined || message.thread_ts === message.ts);
  const shown = (channel: string, author: string): ShownCard | undefined => {
    const found = topLevel(channel).find((message) => cardText(message).includes(author));
    if (!found) return undefined;
    const message = structuredClone(found);
    return {
      text: cardText(message),
      buttons: [...cardButtons(message).keys()].map((id) => id.replace(/^sb:/u, '')),
      notes: () =>
        services.slack
          .messagesIn(channel)
          .filter((note) => note.thread_ts === message.ts && note.ts !== message.ts)
          .map((note) => note.text),
      press: (button, person) => pressOnSlack(message, button, person),
    };
  };
  return {
    name: 'slack',
    card: async (author) => shown(CARD_CHANNEL, author),
    alert: async (author) => shown(ESCALATION_CHANNEL, author),
    actor: (person) => `slack:${USERS[person].id}`,
    names: (card, actor) => card.text.includes(actor.startsWith('slack:') ? `<@${actor.slice(6)}>` : `\`${actor}\``),
    showsDone: (card) => card.text.includes('✅'),
  };
};

const discordSide = (): ChatSide => {
  const cardOf = (author: string) => discord.messages.find((message) => message.card?.author.name === author);
  const shown = (found: ShownMessage | undefined): ShownCard | undefined => {
    if (!found) return undefined;
    const message = { ...found, ...(found.card ? { card: structuredClone(found.card) } : {}) };
    return {
      text: JSON.stringify(message.card ?? message.alert),
      buttons: [...(message.card?.buttons ?? message.alert?.buttons ?? [])],
      notes: () => found.thread.map((note) => `${note.mention ?? ''} ${note.text}`.trim()),
      press: async (button, person) => (await discord.press(message, button, DISCORD_USERS[person])).outcome === 'accepted',
    };
  };
  const alertOf = (author: string) => {
    const card = cardOf(author)?.card;
    return discord.messages.find((message) => message.alert && message.alert.cardId === card?.cardId);
  };
  return {
    name: 'discord',
    card: async (author) => shown(cardOf(author)),
    alert: async (author) => shown(alertOf(author)),
    actor: (person) => `discord:${DISCORD_USERS[person]}`,
    names: (card, actor) => card.text.includes(`"actor":"${actor}"`),
    showsDone: (card) => card.text.includes('"outcome":"ok"'),
  };
};

/** The default playbook, with refunds routed to both chats and complaints to Discord only. */
const routedRules = () => {
  const { rules } = parse(readFileSync(defaultPlaybookPath(), 'utf8')) as { rules: { id: string }[] };
  const chats: Record<string, string[]> = { 'handoff-refund': ['slack', 'discord'], 'handoff-complaint': ['discord'] };
  return rules.map((rule) => (chats[rule.id] ? { ...rule, chats: chats[rule.id] } : rule));
};

beforeAll(async () => {
  services = await startServices();
  discord = inMemoryDiscord(DISCORD);
  playbook = writeTestPlaybook({ rules: routedRules(), escalation: { ladder: ['8s', '16s'] } });
  app = await startApp(services, {
    env: { SWITCHBOARD_PLAYBOOK: playbook, SLACK_ESCALATION_CHANNEL: ESCALATION_CHANNEL, SLACK_ESCALATION_MENTION: '<@U0FOUNDER1>' },
    // DISCORD: after the merge, the real Discord adapter comes from the registry (DISCORD_* variables) instead.
    chats: (registered) => [...registered, discord.chat],
  });
});
afterAll(async () => {
  await app?.stop();
  await services?.close();
  if (playbook) rmSync(playbook, { force: true });
});

let sequence = 0;
const comment = async (text: string) => {
  sequence += 1;
  const author = { id: `61000000000${String(sequence).padStart(4, '0')}`, name: `Mirror Person${sequence}` };
  const commentId = `${POST_ID.split('_')[1]}_8${String(sequence).padStart(14, '0')}`;
  services.graph.addComment({ id: commentId, from: author, message: text, postId: POST_ID });
  expect((await postMeta(app.url!, commentAdded({ commentId, message: text, from: author }))).status).toBe(200);
  return { author: author.name, commentId };
};

/** Both chats show the card, and the app has recorded where (presses are bound to those messages). */
const shownInBoth = async (sides: ChatSide[], author: string): Promise<ShownCard[]> => {
  await eventually(async () => {
    const posted = await services.database.db
      .selectFrom('card_placements')
      .innerJoin('cards', 'cards.id', 'card_placements.card_id')
      .innerJoin('messages', 'messages.id', 'cards.message_id')
      .innerJoin('contacts', 'contacts.id', 'messages.contact_id')
      .select('card_placements.chat')
      .where('contacts.name', '=', author)
      .where('card_placements.chat_message_id', 'is not', null)
      .execute();
    return posted.length === sides.length;
  }, 'both placements to be recorded');
  const shown: ShownCard[] = [];
  for (const side of sides) shown.push(await eventually(() => side.card(author), `the card in ${side.name}`));
  return shown;
};

/** One refund routed to both chats: a press in `first` sends one reply, and both chats say who did it. */
const approveInOneChat = async (first: ChatSide, second: ChatSide) => {
  const { author, commentId } = await comment('I want a refund, the sole came off after two days');
  const shown = await shownInBoth([first, second], author);
  expect(await shown[0]!.press('approve', 'alice')).toBe(true);
  await eventually(async () => services.graph.repliesTo(commentId).length === 1, 'the reply on Facebook');
  await eventually(() => queuesIdle(services), 'the queues to drain');
  expect(services.graph.repliesTo(commentId)).toHaveLength(1);
  for (const side of [first, second]) {
    const card = await eventually(async () => {
      const shown = await side.card(author);
      return shown && side.names(shown, first.actor('alice')) && side.showsDone(shown) ? shown : undefined;
    }, `the ${side.name} card to say who approved it`);
    expect(card.buttons).not.toContain('approve');
    // Each thread says who did it: the chat's own person mentioned, the other chat's named with their chat.
    const presser = first.actor('alice').split(':')[1]!;
    await eventually(
      async () => card.notes().some((note) => note.includes('approved the draft') && note.includes(presser)),
      `a note in the ${side.name} thread naming who approved`,
    );
  }
  // Approve on the other chat's copy as it was before: too late, the card has one state.
  expect(await shown[1]!.press('approve', 'bob')).toBe(false);
  await eventually(() => queuesIdle(services), 'the queues to drain');
  expect(services.graph.repliesTo(commentId)).toHaveLength(1);
};

/** Approve pressed in both chats at the same moment: one card row decides, one reply goes out. */
const approveInBothAtOnce = async (one: ChatSide, other: ChatSide) => {
  const { author, commentId } = await comment('Please refund me, the zip broke');
  const [onOne, onOther] = await shownInBoth([one, other], author);
  const accepted = await Promise.all([onOne!.press('approve', 'alice'), onOther!.press('approve', 'bob')]);
  expect(accepted.filter(Boolean)).toHaveLength(1);
  await eventually(async () => services.graph.repliesTo(commentId).length > 0, 'the reply');
  await eventually(() => queuesIdle(services), 'the queues to drain');
  expect(services.graph.repliesTo(commentId)).toHaveLength(1);
  const replies = await services.database.db
    .selectFrom('actions')
    .innerJoin('messages', 'messages.id', 'actions.message_id')
    .select('actions.id')
    .where('messages.external_id', '=', commentId)
    .where('actions.kind', '=', 'reply')
    .execute();
  expect(replies).toHaveLength(1);
};

/** A legal threat rings both chats; Acknowledge in one acknowledges everywhere and stops the ladder in both. */
const acknowledgeInOneChat = async (first: ChatSide, second: ChatSide) => {
  const { author } = await comment('I will sue you, my lawyer is on it');
  await shownInBoth([first, second], author);
  const alerts = [];
  for (const side of [first, second]) alerts.push(await eventually(() => side.alert(author), `the escalation alert in ${side.name}`));
  expect(await alerts[0]!.press('acknowledge', 'alice')).toBe(true);
  const rows = await services.database.db.selectFrom('escalations').select(['chat', 'acknowledged_at', 'acknowledged_by']).execute();
  expect(rows.map((row) => row.chat).sort()).toEqual(['discord', 'slack']);
  // One state: both chats' rows carry the one acknowledgement.
  expect(rows.map((row) => row.acknowledged_by)).toEqual([first.actor('alice'), first.actor('alice')]);
  expect(await alerts[1]!.press('acknowledge', 'bob')).toBe(false);
  // Each chat's first re-ping fires and finds the one acknowledgement: the ladder stops in both.
  await eventually(
    async () => JSON.stringify(await completedResults(services, 'timers')).match(/"stopped"/gu)?.length === 2,
    'both chats’ re-pings to stop',
    40_000,
  );
  const pings = services.slack.messagesIn(ESCALATION_CHANNEL).filter((message) => message.thread_ts && message.thread_ts !== message.ts);
  expect(pings).toHaveLength(0);
  for (const side of [first, second]) expect((await side.alert(author))?.notes()).toEqual([]);
};

describe('one card in Slack and Discord', () => {
  it('a refund routed to both: Approve in Discord sends one reply and both cards say who did it', async () => {
    await approveInOneChat(discordSide(), slackSide());
  });

  it('Approve pressed in Slack and Discord at the same moment acts once', async () => {
    await approveInBothAtOnce(discordSide(), slackSide());
  });

  it('a chat that fails to post holds back only its own copy, which is posted once when it recovers', async () => {
    discord.failNextPosts(2);
    const { author } = await comment('I need a refund for the broken strap');
    await eventually(() => slackSide().card(author), 'the Slack card, not held back by Discord');
    await shownInBoth([slackSide(), discordSide()], author);
    await eventually(() => queuesIdle(services), 'the queues to drain');
    expect(discord.messages.filter((message) => message.card?.author.name === author)).toHaveLength(1);
    expect(cardsIn(services).filter((message) => cardText(message).includes(author))).toHaveLength(1);
  });

  it('a rule routed to Discord only shows its card there and not in Slack', async () => {
    const { author } = await comment('This is unacceptable, I want to speak to a manager');
    await eventually(() => discordSide().card(author), 'the Discord card');
    await eventually(() => queuesIdle(services), 'the queues to drain');
    expect(await slackSide().card(author)).toBeUndefined();
    expect(cardsIn(services).some((message) => cardText(message).includes(author))).toBe(false);
  });

  it('a press carried to a place that shows no copy of the card is refused and changes nothing', async () => {
    const { author, commentId } = await comment('Refund me now please, wrong size');
    const [onDiscord] = await shownInBoth([discordSide(), slackSide()], author);
    const shown = discord.messages.find((message) => message.card?.author.name === author)!;
    // The Discord card's button, replayed from the Slack card channel's coordinates and from another Discord channel.
    for (const channel of [CARD_CHANNEL, '1100000000000000099']) {
      const result = await discord.press({ ...shown, channel }, 'approve', DISCORD_USERS.alice);
      expect(result).toMatchObject({ outcome: 'refused', reason: expect.stringMatching(/another channel/u) });
    }
    await eventually(() => queuesIdle(services), 'the queues to drain');
    expect(services.graph.repliesTo(commentId)).toHaveLength(0);
    expect(await onDiscord!.press('approve', 'alice')).toBe(true);
  });

  it('an escalation rings both chats; Acknowledge in Discord stops it everywhere', async () => {
    await acknowledgeInOneChat(discordSide(), slackSide());
  });

  it('a press on the Slack copy still works and updates the Discord copy', async () => {
    await approveInOneChat(slackSide(), discordSide());
  });
});
