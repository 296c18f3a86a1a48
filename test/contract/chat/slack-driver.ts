import type { CardButton } from '../../../src/domain/card.js';
import type { SlackMessage } from '../../fakes/fake-slack.js';
import { blockActionRequest, type SignedRequest, slashCommandRequest, viewSubmissionRequest } from '../../fixtures/slack.js';
import { CARD_CHANNEL, cardsIn, eventually, notesOn, SIGNING_SECRET } from '../../support/app-harness.js';
import { queuesIdle } from '../../support/queue-state.js';
import { cardButtons, cardText } from '../../support/slack-press.js';
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
import { createDirectMessages } from './slack-direct-messages.js';
import { LOG_THREAD_HEADER } from './autonomy-rules.js';
import { alertViewOf, answerText, blockTexts, buttonsOf, cardViewOf, readable, type SlackAnswer } from './slack-neutral.js';
import { overSocketMode } from './slack-transports.js';
import { ESCALATION_CHANNEL, PEOPLE_BY_ID, SLACK_PEOPLE, startSlackWorld, type SlackWorld } from './slack-setup.js';

/** Slack's acknowledgement when a command's answer follows through response_url. */
const LATE_ANSWER = /^Working on it/u;

interface Press {
  responseId: string;
  person: Person;
  cardId: string;
  button: CardButton;
}

interface EditView {
  callback_id: string;
  private_metadata: string;
  blocks: { type: string; block_id?: string; element?: { action_id?: string; initial_value?: string } }[];
}

const topLevel = (messages: SlackMessage[]) =>
  messages.filter((message) => message.thread_ts === undefined || message.thread_ts === message.ts);

const replyBox = (view: EditView) => view.blocks.find((block) => block.type === 'input');

/** Slack as people use it: interactivity and slash commands reach Bolt through the world's transport (HTTP or Socket Mode). */
export class SlackDriver implements ChatDriver {
  private readonly presses: Press[] = [];
  /** Views handed out, and the message each was read from: pressing a view presses that version. */
  private readonly shown = new WeakMap<CardRef, { message: SlackMessage; channel: string }>();
  private readonly directMessages;
  private sequence = 0;

  constructor(private readonly slack: SlackWorld) {
    this.directMessages = createDirectMessages(slack.services);
  }

  get world() {
    const { services, app } = this.slack;
    return { appUrl: app.url!, graph: services.graph, db: services.database.db, idle: () => queuesIdle(services) };
  }

  async cardFor(authorName: string): Promise<CardRef> {
    const { services } = this.slack;
    const card = await eventually(
      async () => cardsIn(services).find((message) => cardText(message).includes(authorName)),
      `the card for ${authorName}`,
    );
    // Slack answers chat.postMessage before the app records the ts; notes and alert links need it.
    await eventually(
      () => services.database.db.selectFrom('card_placements').select('card_id').where('chat_message_id', '=', card.ts).executeTakeFirst(),
      'the app to record where the card is',
    );
    return { id: card.ts };
  }

  async card(card: CardRef): Promise<CardView> {
    // A copy: the fake updates its messages in place, and a view is the card as it was shown.
    const message = structuredClone(this.current(card.id, CARD_CHANNEL));
    const view = cardViewOf(message, notesOn(this.slack.services, card.id), PEOPLE_BY_ID);
    this.shown.set(view, { message, channel: CARD_CHANNEL });
    return view;
  }

  async press(card: CardRef, button: CardButton, as: Person, forgery?: ForgedPress): Promise<void> {
    const { message, channel } = this.shown.get(card) ?? this.locate(card.id);
    await this.pressOn(message, channel, card.id, button, as, forgery);
  }

  private async pressOn(message: SlackMessage, channel: string, cardId: string, button: CardButton, as: Person, forgery?: ForgedPress) {
    const element = cardButtons(message).get(`sb:${button}`);
    if (!element?.value) throw new Error(`${cardId} has no ${button} button; it has ${[...cardButtons(message).keys()].join(', ')}`);
    const responseId = `press-${(this.sequence += 1)}`;
    this.presses.push({ responseId, person: as, cardId, button });
    const request = blockActionRequest({
      signingSecret: SIGNING_SECRET,
      user: SLACK_PEOPLE[as],
      actionId: element.action_id,
      value: element.value,
      channel: forgery === 'another-channel' ? 'C0ELSEWHERE' : channel,
      messageTs: forgery === 'another-message' ? this.anotherMessage(channel, message.ts) : message.ts,
      responseUrl: this.slack.services.slack.responseUrl(responseId),
      triggerId: `trigger-${responseId}`,
      message: { text: message.text, blocks: message.blocks ?? [] },
      ...(forgery === 'another-workspace' ? { team: { id: 'T0OTHER01', domain: 'other-team' } } : {}),
    });
    await this.post(request, `${as} pressing ${button}`);
  }

  pressForged(card: CardRef, button: CardButton, as: Person, forgery: ForgedPress): Promise<void> {
    return this.press(card, button, as, forgery);
  }

  /** Another of the app's messages in the channel (Slack delivers presses only from those), or a ts that is none. */
  private anotherMessage(channel: string, ts: string): string {
    return topLevel(this.slack.services.slack.messagesIn(channel)).find((message) => message.ts !== ts)?.ts ?? `${ts}1`;
  }

  async editForm(card: CardRef, as: Person) {
    return { prefilled: replyBox(await this.openedEdit(card, as))?.element?.initial_value };
  }

  async submitEdit(card: CardRef, text: string, as: Person): Promise<EditOutcome> {
    const view = await this.openedEdit(card, as);
    const input = replyBox(view);
    if (!input?.block_id || !input.element?.action_id) throw new Error('the edit form has no reply box');
    const request = viewSubmissionRequest({
      signingSecret: SIGNING_SECRET,
      user: SLACK_PEOPLE[as],
      callbackId: view.callback_id,
      privateMetadata: view.private_metadata,
      values: { [input.block_id]: { [input.element.action_id]: text } },
    });
    const answer = await this.post(request, `${as} submitting an edit`);
    const body = answer ? (JSON.parse(answer) as { response_action?: string; errors?: Record<string, string> }) : {};
    if (body.response_action !== 'errors') return { outcome: 'accepted' };
    return { outcome: 'refused', words: readable(Object.values(body.errors ?? {}).join(' '), PEOPLE_BY_ID) };
  }

  async command(name: string, args: string, as: Person): Promise<CommandAnswer> {
    const { slack } = this.slack.services;
    const responseId = `command-${(this.sequence += 1)}`;
    const request = slashCommandRequest({
      signingSecret: SIGNING_SECRET,
      command: `/${name}`,
      text: args,
      user: SLACK_PEOPLE[as],
      channel: CARD_CHANNEL,
      responseUrl: slack.responseUrl(responseId),
      triggerId: `trigger-${responseId}`,
    });
    let answer = JSON.parse(await this.post(request, `/${name}`)) as SlackAnswer;
    if (LATE_ANSWER.test(answer.text ?? '')) {
      answer = await eventually(async () => slack.responses(responseId)[0] as SlackAnswer | undefined, `the answer to /${name}`);
    }
    return { private: answer.response_type === 'ephemeral', text: answerText(answer, PEOPLE_BY_ID) };
  }

  async privateRepliesTo(as: Person): Promise<string[]> {
    const { slack } = this.slack.services;
    const responses = this.presses
      .filter((press) => press.person === as)
      .flatMap((press) => slack.responses(press.responseId) as SlackAnswer[])
      .filter((answer) => answer.response_type === 'ephemeral')
      .map((answer) => answerText(answer, PEOPLE_BY_ID));
    const ephemerals = slack.ephemeralsFor(SLACK_PEOPLE[as].id).map((ephemeral) => readable(ephemeral.text, PEOPLE_BY_ID));
    return [...responses, ...ephemerals];
  }

  async alerts(): Promise<AlertView[]> {
    const channel = this.slack.services.slack.messagesIn(ESCALATION_CHANNEL);
    const direct = await this.directMessages();
    return topLevel(channel).map((message) => {
      const reminders = channel.filter((reply) => reply.thread_ts === message.ts && reply.ts !== message.ts);
      const view: AlertView = {
        ...alertViewOf(message, reminders, PEOPLE_BY_ID),
        directMessaged: direct.filter(({ linked }) => linked === message.ts).map(({ person }) => person),
      };
      this.shown.set(view, { message: structuredClone(message), channel: ESCALATION_CHANNEL });
      return view;
    });
  }

  async logLines(): Promise<LogLineView[]> {
    const messages = this.slack.services.slack.messagesIn(CARD_CHANNEL);
    const headers = new Set(messages.filter((message) => LOG_THREAD_HEADER.test(message.text ?? '')).map((message) => message.ts));
    return messages
      .filter((message) => message.thread_ts !== undefined && message.ts !== message.thread_ts && headers.has(message.thread_ts))
      .map((message) => {
        const copy = structuredClone(message);
        const view: LogLineView = { id: copy.ts, text: readable(copy.text ?? '', PEOPLE_BY_ID), buttons: buttonsOf(copy) };
        this.shown.set(view, { message: copy, channel: CARD_CHANNEL });
        return view;
      });
  }

  async pressLogLine(line: LogLineView, button: CardButton, as: Person): Promise<void> {
    const shown = this.shown.get(line);
    if (!shown) throw new Error(`log line ${line.id} was not read through logLines()`);
    await this.pressOn(shown.message, shown.channel, line.id, button, as);
  }

  async cardChannelPosts(): Promise<PostView[]> {
    return topLevel(this.slack.services.slack.messagesIn(CARD_CHANNEL)).map((message) => {
      const view: PostView = {
        id: message.ts,
        text: readable([message.text ?? '', ...blockTexts(message.blocks)].join('\n'), PEOPLE_BY_ID),
        buttons: buttonsOf(message),
      };
      this.shown.set(view, { message: structuredClone(message), channel: CARD_CHANNEL });
      return view;
    });
  }

  actorId(person: Person): string {
    return `slack:${SLACK_PEOPLE[person].id}`;
  }

  close(): Promise<void> {
    return this.slack.close();
  }

  private current(id: string, channel: string): SlackMessage {
    const message = topLevel(this.slack.services.slack.messagesIn(channel)).find((candidate) => candidate.ts === id);
    if (!message) throw new Error(`no message ${id} in ${channel}`);
    return message;
  }

  private locate(id: string): { message: SlackMessage; channel: string } {
    const inCards = this.slack.services.slack.messagesIn(CARD_CHANNEL).some((message) => message.ts === id);
    const channel = inCards ? CARD_CHANNEL : ESCALATION_CHANNEL;
    return { message: this.current(id, channel), channel };
  }

  /** Through the world's transport: a signed POST, or the same request in a Socket Mode envelope. */
  private async post(request: SignedRequest, what: string): Promise<string> {
    const answer = await this.slack.transport.deliver(this.slack.app.url!, request);
    if (answer.status !== 200) throw new Error(`Slack's request for ${what} was answered ${answer.status}: ${answer.text}`);
    return answer.text;
  }

  /** The latest edit form Slack opened for a press of Edit by this person on this card. */
  private openedEdit(card: CardRef, as: Person): Promise<EditView> {
    const triggers = new Set(
      this.presses
        .filter((press) => press.person === as && press.cardId === card.id && press.button === 'edit')
        .map((press) => `trigger-${press.responseId}`),
    );
    return eventually(async () => {
      const opened = this.slack.services.slack
        .callsTo('views.open')
        .filter((call) => triggers.has(String(call.body.trigger_id)) && !call.error);
      return opened.at(-1)?.body.view as EditView | undefined;
    }, `the edit form ${as} opened`);
  }
}

export const makeSlackDriver: MakeDriver = async (setup) => new SlackDriver(await startSlackWorld(setup));

/** The same driver, Slack speaking Socket Mode to an app started with only its bot and app-level tokens. */
export const makeSlackSocketDriver: MakeDriver = async (setup) => new SlackDriver(await startSlackWorld(setup, overSocketMode()));
