import type { CardButton } from '../../../src/domain/card.js';
import type { FakeDiscordMessage } from '../../fakes/fake-discord-rest.js';
import { postInteraction } from '../../fakes/fake-discord-signing.js';
import { eventually } from '../../support/app-harness.js';
import { queuesIdle } from '../../support/queue-state.js';
import type {
  AlertView,
  PostView,
  CardRef,
  CardView,
  ChatDriver,
  CommandAnswer,
  EditOutcome,
  ForgedPress,
  LogLineView,
  MakeDriver,
  Person,
} from './chat-driver.js';
import {
  commandInteraction,
  componentInteraction,
  type DiscordInteraction,
  modalInteraction,
  type Origin,
} from './discord-interactions.js';
import { LOG_THREAD_HEADER } from './autonomy-rules.js';
import { alertViewOf, buttonsOf, cardViewOf, customIdsOf, linkedMessage, messageText, readable } from './discord-neutral.js';
import {
  CARD_CHANNEL_ID,
  DISCORD_PEOPLE,
  type DiscordWorld,
  type DiscordWorldOptions,
  ELSEWHERE_CHANNEL_ID,
  ESCALATION_CHANNEL_ID,
  OTHER_GUILD_ID,
  PEOPLE_BY_ID,
  startDiscordWorld,
} from './discord-setup.js';

const EPHEMERAL = 64;

/** Discord's answer to an interaction: the HTTP response body, or what the gateway transport posted to the callback. */
export interface InteractionResponse {
  type: number;
  data?: { flags?: number; content?: string; embeds?: unknown[]; components?: unknown[]; custom_id?: string };
}

/** How an interaction reaches the app: the one thing a transport changes. */
export type Deliver = (interaction: DiscordInteraction) => Promise<InteractionResponse>;

interface Sent {
  interaction: DiscordInteraction;
  person: Person;
  response: InteractionResponse;
  seq: number;
  /** For Edit presses: the card message it was pressed on. */
  cardId?: string;
}

const isPrivateWords = (response: InteractionResponse) =>
  response.type === 4 && ((response.data?.flags ?? 0) & EPHEMERAL) !== 0 && (response.data?.components ?? []).length === 0;

/** Discord driven over one transport: interactions in, the fake REST API's recorded state out. */
export class DiscordDriver implements ChatDriver {
  private readonly sent: Sent[] = [];
  private readonly shown = new WeakMap<CardRef, FakeDiscordMessage>();
  private readonly confirmations = new Map<string, string>();

  constructor(
    /** The fakes and the app this driver speaks to (tests of Discord's own behaviour read the fake REST API here). */
    readonly discord: DiscordWorld,
    private readonly deliver: Deliver,
  ) {}

  get world() {
    const { services, app } = this.discord;
    return { appUrl: app.url!, graph: services.graph, db: services.database.db, idle: () => queuesIdle(services) };
  }

  async cardFor(authorName: string): Promise<CardRef> {
    const card = await eventually(
      async () =>
        this.discord.discord.messagesIn(CARD_CHANNEL_ID).find((message) => messageText(message, PEOPLE_BY_ID).includes(authorName)),
      `the card for ${authorName}`,
    );
    await eventually(
      () =>
        this.discord.services.database.db
          .selectFrom('card_placements')
          .select('card_id')
          .where('chat_message_id', '=', card.id)
          .executeTakeFirst(),
      'the app to record where the card is',
    );
    return { id: card.id };
  }

  async card(card: CardRef): Promise<CardView> {
    const message = structuredClone(this.current(card.id, CARD_CHANNEL_ID));
    const view: CardView = {
      ...cardViewOf(message, this.discord.discord.messagesIn(card.id), PEOPLE_BY_ID),
      confirmations: await this.confirmationsOf(message),
    };
    this.shown.set(view, message);
    return view;
  }

  async press(card: CardRef, button: CardButton, as: Person, forgery?: ForgedPress): Promise<void> {
    const message = this.shown.get(card) ?? this.locate(card.id);
    const customId = customIdsOf(message).find((id) => id.startsWith(`sb:${button}:`));
    if (!customId) throw new Error(`${card.id} has no ${button} button; it has ${customIdsOf(message).join(', ')}`);
    const origin: Origin = {
      person: DISCORD_PEOPLE[as],
      channelId: forgery === 'another-channel' ? ELSEWHERE_CHANNEL_ID : message.channel_id,
      message: { id: forgery === 'another-message' ? this.anotherMessage(message) : message.id, flags: 0 },
      ...(forgery === 'another-workspace' ? { guildId: OTHER_GUILD_ID } : {}),
    };
    const response = await this.send(componentInteraction(origin, customId), as, card.id);
    if (response.type !== 4) return;
    const confirm = customIdsOf(response.data ?? {}).find((id) => id.startsWith('sbc:'));
    // Block asks privately first; the person confirms on that private message.
    if (confirm) await this.send(componentInteraction({ ...origin, message: { id: `${message.id}9`, flags: EPHEMERAL } }, confirm), as);
  }

  pressForged(card: CardRef, button: CardButton, as: Person, forgery: ForgedPress): Promise<void> {
    return this.press(card, button, as, forgery);
  }

  async editForm(card: CardRef, as: Person) {
    const form = await this.openedEdit(card, as);
    const input = ((form.components ?? []) as { components: { value?: string }[] }[])[0]?.components[0];
    return { prefilled: input?.value };
  }

  async submitEdit(card: CardRef, text: string, as: Person): Promise<EditOutcome> {
    const form = await this.openedEdit(card, as);
    const input = ((form.components ?? []) as { components: { custom_id: string }[] }[])[0]?.components[0];
    if (!form.custom_id || !input) throw new Error('the edit form has no reply box');
    const origin: Origin = { person: DISCORD_PEOPLE[as], channelId: CARD_CHANNEL_ID, message: { id: card.id, flags: 0 } };
    const response = await this.send(modalInteraction(origin, form.custom_id, input.custom_id, text), as);
    if (isPrivateWords(response)) return { outcome: 'refused', words: readable(response.data?.content ?? '', PEOPLE_BY_ID) };
    return { outcome: 'accepted' };
  }

  async command(name: string, args: string, as: Person): Promise<CommandAnswer> {
    const interaction = commandInteraction({ person: DISCORD_PEOPLE[as], channelId: CARD_CHANNEL_ID }, name, args);
    const response = await this.send(interaction, as);
    const isPrivate = ((response.data?.flags ?? 0) & EPHEMERAL) !== 0;
    if (response.type === 4) return { private: isPrivate, text: messageText(response.data ?? {}, PEOPLE_BY_ID) };
    if (response.type !== 5) throw new Error(`/${name} was answered with type ${response.type}`);
    const edit = await eventually(
      async () => this.discord.discord.originalEdits.find((candidate) => candidate.token === interaction.token),
      `the answer to /${name}`,
    );
    return { private: isPrivate, text: messageText(edit.body as { content?: string; embeds?: unknown[] }, PEOPLE_BY_ID) };
  }

  async privateRepliesTo(as: Person): Promise<string[]> {
    const mine = this.sent.filter((sent) => sent.person === as);
    const tokens = new Set(mine.map((sent) => sent.interaction.token));
    const answers = mine
      .filter((sent) => isPrivateWords(sent.response))
      .map((sent) => ({ seq: sent.seq, text: sent.response.data?.content ?? '' }));
    const followUps = this.discord.discord.followUps
      .filter((followUp) => tokens.has(followUp.token) && ((Number(followUp.body.flags) || 0) & EPHEMERAL) !== 0)
      .map((followUp) => ({ seq: followUp.seq, text: String(followUp.body.content ?? '') }));
    return [...answers, ...followUps].sort((a, b) => a.seq - b.seq).map((reply) => readable(reply.text, PEOPLE_BY_ID));
  }

  async alerts(): Promise<AlertView[]> {
    const { discord } = this.discord;
    const direct = [...PEOPLE_BY_ID.entries()].flatMap(([id, person]) => {
      const channel = discord.dmChannelWith(id);
      return channel
        ? discord.messagesIn(channel).map((message) => ({ person: person as Person, linked: linkedMessage(message.content ?? '') }))
        : [];
    });
    return discord.messagesIn(ESCALATION_CHANNEL_ID).map((message) => {
      const view: AlertView = {
        ...alertViewOf(message, discord.messagesIn(message.id), PEOPLE_BY_ID),
        directMessaged: direct.filter(({ linked }) => linked === message.id).map(({ person }) => person),
      };
      this.shown.set(view, structuredClone(message));
      return view;
    });
  }

  async logLines(): Promise<LogLineView[]> {
    const { discord } = this.discord;
    const headers = discord.messagesIn(CARD_CHANNEL_ID).filter((message) => LOG_THREAD_HEADER.test(messageText(message, PEOPLE_BY_ID)));
    return headers.flatMap((header) =>
      discord.messagesIn(header.id).map((message) => {
        const copy = structuredClone(message);
        const view: LogLineView = { id: copy.id, text: messageText(copy, PEOPLE_BY_ID), buttons: buttonsOf(copy) };
        this.shown.set(view, copy);
        return view;
      }),
    );
  }

  /** A press in the day's thread: Discord names the thread as the channel, and the card channel as its parent. */
  async pressLogLine(line: LogLineView, button: CardButton, as: Person): Promise<void> {
    const message = this.shown.get(line);
    if (!message) throw new Error(`log line ${line.id} was not read through logLines()`);
    const customId = customIdsOf(message).find((id) => id.startsWith(`sb:${button}:`));
    if (!customId) throw new Error(`log line ${line.id} has no ${button} button; it has ${customIdsOf(message).join(', ')}`);
    const origin: Origin = {
      person: DISCORD_PEOPLE[as],
      channelId: message.channel_id,
      parentId: CARD_CHANNEL_ID,
      message: { id: message.id, flags: 0 },
    };
    await this.send(componentInteraction(origin, customId), as);
  }

  async cardChannelPosts(): Promise<PostView[]> {
    return this.discord.discord.messagesIn(CARD_CHANNEL_ID).map((message) => {
      const view: PostView = { id: message.id, text: messageText(message, PEOPLE_BY_ID), buttons: buttonsOf(message) };
      this.shown.set(view, structuredClone(message));
      return view;
    });
  }

  actorId(person: Person): string {
    return `discord:${DISCORD_PEOPLE[person].id}`;
  }

  close(): Promise<void> {
    return this.discord.close();
  }

  private async send(interaction: DiscordInteraction, person: Person, cardId?: string): Promise<InteractionResponse> {
    const response = await this.deliver(interaction);
    this.sent.push({ interaction, person, response, seq: this.discord.discord.tick(), ...(cardId ? { cardId } : {}) });
    return response;
  }

  /** What Block asks before it acts: asked as the lead (who may block), read, then cancelled; once per card. */
  private async confirmationsOf(message: FakeDiscordMessage): Promise<CardView['confirmations']> {
    const block = customIdsOf(message).find((id) => id.startsWith('sb:block:'));
    if (!block) return {};
    if (!this.confirmations.has(message.id)) {
      const origin: Origin = { person: DISCORD_PEOPLE.alice, channelId: message.channel_id, message: { id: message.id, flags: 0 } };
      const response = await this.deliver(componentInteraction(origin, block));
      if (customIdsOf(response.data ?? {}).some((id) => id.startsWith('sbc:'))) {
        this.confirmations.set(message.id, readable(response.data?.content ?? '', PEOPLE_BY_ID));
        await this.deliver(componentInteraction({ ...origin, message: { id: `${message.id}9`, flags: EPHEMERAL } }, 'sbx'));
      }
    }
    const question = this.confirmations.get(message.id);
    return question ? { block: question } : {};
  }

  private current(id: string, channel: string): FakeDiscordMessage {
    const message = this.discord.discord.messagesIn(channel).find((candidate) => candidate.id === id);
    if (!message) throw new Error(`no message ${id} in ${channel}`);
    return message;
  }

  private locate(id: string): FakeDiscordMessage {
    const inCards = this.discord.discord.messagesIn(CARD_CHANNEL_ID).some((message) => message.id === id);
    return this.current(id, inCards ? CARD_CHANNEL_ID : ESCALATION_CHANNEL_ID);
  }

  /** Another of the app's messages in the channel (Discord delivers presses only from those), or an id that is none. */
  private anotherMessage(message: FakeDiscordMessage): string {
    return this.discord.discord.messagesIn(message.channel_id).find((candidate) => candidate.id !== message.id)?.id ?? `${message.id}1`;
  }

  /** The latest edit form the app opened for this person's Edit on this card. */
  private openedEdit(card: CardRef, as: Person): Promise<NonNullable<InteractionResponse['data']>> {
    return eventually(async () => {
      const opened = this.sent.filter((sent) => sent.person === as && sent.cardId === card.id && sent.response.type === 9);
      return opened.at(-1)?.response.data;
    }, `the edit form ${as} opened`);
  }
}

/** Delivery over HTTP: signed with the app's key pair and POSTed to /discord/interactions, answered in the response. */
const deliverOverHttp =
  (world: DiscordWorld): Deliver =>
  async (interaction) => {
    const answer = await postInteraction(world.app.url!, world.signer, interaction);
    if (answer.status !== 200) throw new Error(`the interaction was answered ${answer.status}: ${JSON.stringify(answer.json)}`);
    return answer.json as InteractionResponse;
  };

/**
 * A driver factory for one Discord transport: the world (fakes and the app) is the same; only how an
 * interaction is delivered differs. The gateway transport passes its own `transport`, which may
 * start a fake gateway and return the delivery through it.
 */
export const makeDiscordDriverWith =
  (
    transport: {
      options?: () => Promise<DiscordWorldOptions & { close?: () => Promise<void> }>;
      deliver: (world: DiscordWorld) => Deliver;
    } = { deliver: deliverOverHttp },
  ): MakeDriver =>
  async (setup) => {
    const extra = (await transport.options?.()) ?? {};
    const world = await startDiscordWorld(setup, extra);
    const closeWorld = world.close;
    world.close = async () => {
      await closeWorld();
      await extra.close?.();
    };
    return new DiscordDriver(world, transport.deliver(world));
  };

export const makeDiscordHttpDriver: MakeDriver = makeDiscordDriverWith();
