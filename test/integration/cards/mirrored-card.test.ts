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
import { FAKE_BOT_TOKEN, FakeDiscordRest, type FakeDiscordMessage } from '../../fakes/fake-discord-rest.js';
import { createInteractionSigner, type InteractionSigner, postInteraction } from '../../fakes/fake-discord-signing.js';
import type { SlackMessage } from '../../fakes/fake-slack.js';
import { componentInteraction } from '../../contract/chat/discord-interactions.js';
import { buttonsOf, customIdsOf, messageText } from '../../contract/chat/discord-neutral.js';
import { APPLICATION_ID, CARD_CHANNEL_ID, DISCORD_PEOPLE, ESCALATION_CHANNEL_ID, GUILD_ID } from '../../contract/chat/discord-setup.js';

const NO_NAMES: ReadonlyMap<string, string> = new Map();

/**
 * One card in two chats: Slack (the real adapter against the fake Slack server) and Discord (the real
 * adapter against the fake Discord REST server, presses as signed HTTP interactions). The scenarios talk
 * to each chat through a `ChatSide` (see the card, press on it, read its thread, find its escalation
 * alert), so they read the same for either chat and either order. A chat that fails while the other
 * posts is proven with a Discord-shaped in-memory chat in mirror-outage.test.ts.
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
const ON_CALL_ROLE = '920000000000000009';
const EPHEMERAL = 64;

let services: Services;
let app: Running;
let playbook: string | undefined;
let discord: FakeDiscordRest;
let signer: InteractionSigner;
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

/** Press on a Discord message as a guild member, signed as Discord signs; an accepted press is audited, a refused one answered privately. */
const pressOnDiscord = async (message: FakeDiscordMessage, button: CardButton, person: Person): Promise<boolean> => {
  const customId = customIdsOf(message).find((id) => id.startsWith(`sb:${button}:`));
  if (!customId) throw new Error(`the Discord message has no ${button} button; it has ${customIdsOf(message).join(', ')}`);
  const interaction = componentInteraction(
    { person: DISCORD_PEOPLE[person], channelId: message.channel_id, message: { id: message.id, flags: 0 } },
    customId,
  );
  const answer = await postInteraction(app.url!, signer, interaction);
  expect(answer.status).toBe(200);
  const body = answer.json as { type: number; data?: { flags?: number } };
  const cardId = /^sb:[a-z_]+:(\d+)/u.exec(customId)?.[1] ?? '';
  const outcome = await eventually(async () => {
    if (body.type === 4 && ((body.data?.flags ?? 0) & EPHEMERAL) !== 0) return 'answered';
    if (discord.followUps.some((followUp) => followUp.token === interaction.token)) return 'answered';
    const audited = await services.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('actor', '=', `discord:${DISCORD_PEOPLE[person].id}`)
      .where('action', '=', `pressed:${button}`)
      .where('subject_id', '=', cardId)
      .executeTakeFirst();
    return audited ? 'accepted' : undefined;
  }, 'the Discord press to be handled');
  return outcome === 'accepted';
};

const discordSide = (): ChatSide => {
  const shown = (channel: string, author: string): ShownCard | undefined => {
    const found = discord.messagesIn(channel).find((message) => messageText(message, NO_NAMES).includes(author));
    if (!found) return undefined;
    const message = structuredClone(found);
    return {
      text: JSON.stringify(message),
      buttons: buttonsOf(message),
      notes: () => discord.messagesIn(message.id).map((note) => note.content ?? ''),
      press: (button, person) => pressOnDiscord(message, button, person),
    };
  };
  return {
    name: 'discord',
    card: async (author) => shown(CARD_CHANNEL_ID, author),
    alert: async (author) => shown(ESCALATION_CHANNEL_ID, author),
    actor: (person) => `discord:${DISCORD_PEOPLE[person].id}`,
    names: (card, actor) => card.text.includes(actor.startsWith('discord:') ? `<@${actor.slice(8)}>` : `\`${actor}\``),
    showsDone: (card) => card.text.includes('✅'),
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
  discord = new FakeDiscordRest({ guildId: GUILD_ID, channels: [CARD_CHANNEL_ID, ESCALATION_CHANNEL_ID] });
  await discord.start();
  signer = createInteractionSigner();
  playbook = writeTestPlaybook({ rules: routedRules(), escalation: { ladder: ['8s', '16s'] } });
  app = await startApp(services, {
    env: {
      SWITCHBOARD_PLAYBOOK: playbook,
      SLACK_ESCALATION_CHANNEL: ESCALATION_CHANNEL,
      SLACK_ESCALATION_MENTION: '<@U0FOUNDER1>',
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_PUBLIC_KEY: signer.publicKeyHex,
      DISCORD_BOT_TOKEN: FAKE_BOT_TOKEN,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_GUILD_ID: GUILD_ID,
      DISCORD_CHANNEL_ID: CARD_CHANNEL_ID,
      DISCORD_ESCALATION_CHANNEL_ID: ESCALATION_CHANNEL_ID,
      DISCORD_ESCALATION_MENTION: `<@&${ON_CALL_ROLE}>`,
    },
  });
});
afterAll(async () => {
  await app?.stop();
  await services?.close();
  await discord?.close();
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
    const message = discord.messagesIn(CARD_CHANNEL_ID).find((candidate) => messageText(candidate, NO_NAMES).includes(author))!;
    // The Discord card's button, replayed from another Discord channel and from the escalation channel (no alert there for it).
    for (const channel of ['910000000000000003', ESCALATION_CHANNEL_ID]) {
      expect(await pressOnDiscord({ ...structuredClone(message), channel_id: channel }, 'approve', 'alice')).toBe(false);
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
