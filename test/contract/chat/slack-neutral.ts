import { CARD_BUTTONS, type CardButton } from '../../../src/domain/card.js';
import type { SlackMessage } from '../../fakes/fake-slack.js';
import { cardButtons } from '../../support/slack-press.js';
import type { AlertView, CardView } from './chat-driver.js';

/** Slack user and group ids of the contract's people → their names. */
export type PeopleById = ReadonlyMap<string, string>;

interface TextObject {
  type: string;
  text: string;
}

interface Block {
  type: string;
  block_id?: string;
  text?: TextObject;
  fields?: TextObject[];
  elements?: (TextObject & { type: string })[];
}

const unescapeMrkdwn = (text: string): string => text.replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&amp;/gu, '&');

/** Slack mrkdwn as a reader sees it: mentions of the contract's people as `@alice`, links and dates as their words. */
export const readable = (mrkdwn: string, people: PeopleById): string =>
  unescapeMrkdwn(
    mrkdwn
      .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/gu, (_, id: string) => `@${people.get(id) ?? id}`)
      .replace(/<!subteam\^([A-Z0-9]+)(?:\|[^>]*)?>/gu, (_, id: string) => `@${people.get(id) ?? id}`)
      .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/gu, '@$1')
      .replace(/<!date\^[^|>]*\|([^>]*)>/gu, '$1')
      .replace(/<[^|>]+\|([^>]*)>/gu, '$1')
      .replace(/<([^>]+)>/gu, '$1')
      .replace(/[*`]/gu, ''),
  );

/** Who a message pings: real mentions only, as the contract's people where known. */
export const mentionsIn = (mrkdwn: string, people: PeopleById): string[] =>
  [...mrkdwn.matchAll(/<(?:@|!subteam\^)([A-Z0-9]+)(?:\|[^>]*)?>|<!(here|channel)>/gu)].map(
    ([, id, special]) => special ?? people.get(id ?? '') ?? id ?? '',
  );

const blocksOf = (message: { blocks?: unknown[] }): Block[] => (message.blocks ?? []) as Block[];

/** Every text a message's blocks show, block by block. */
export const blockTexts = (blocks: unknown[] | undefined): string[] =>
  blocksOf({ blocks: blocks ?? [] }).flatMap((block) => [
    ...(block.text ? [block.text.text] : []),
    ...(block.fields ?? []).map((field) => field.text),
    ...(block.type === 'context' ? (block.elements ?? []).map((element) => element.text ?? '') : []),
  ]);

const isCardButton = (name: string): name is CardButton => (CARD_BUTTONS as readonly string[]).includes(name);

export const buttonsOf = (message: SlackMessage): CardButton[] =>
  [...cardButtons(message).keys()].map((actionId) => actionId.replace(/^sb:/u, '')).filter(isCardButton);

const confirmationsOf = (message: SlackMessage): CardView['confirmations'] => {
  const confirmations: CardView['confirmations'] = {};
  for (const [actionId, element] of cardButtons(message)) {
    const confirm = (element as { confirm?: { title?: TextObject; text?: TextObject } }).confirm;
    const button = actionId.replace(/^sb:/u, '');
    if (confirm && isCardButton(button)) confirmations[button] = [confirm.title?.text, confirm.text?.text].filter(Boolean).join(' ');
  }
  return confirmations;
};

/** The text of the section that starts with `heading`. */
const sectionStarting = (message: SlackMessage, heading: string): string | undefined =>
  blocksOf(message).find((block) => block.type === 'section' && block.text?.text.startsWith(heading))?.text?.text;

/** The lines of the section that starts with `heading`, after the heading. */
const sectionLines = (message: SlackMessage, heading: string): string[] | undefined =>
  sectionStarting(message, heading)?.split('\n').slice(1);

const draftOf = (message: SlackMessage): string | undefined => {
  const quoted = sectionLines(message, '✍️ *Draft reply*');
  return quoted && unescapeMrkdwn(quoted.map((line) => line.replace(/^> ?/u, '')).join('\n'));
};

const historyOf = (message: SlackMessage, people: PeopleById): string[] =>
  (sectionLines(message, '*History*') ?? []).filter((line) => !/^_…\d+ earlier_$/u.test(line)).map((line) => readable(line, people));

export const cardViewOf = (message: SlackMessage, notes: SlackMessage[], people: PeopleById): CardView => ({
  id: message.ts,
  title: blocksOf(message).find((block) => block.type === 'header')?.text?.text ?? readable(message.text, people),
  buttons: buttonsOf(message),
  confirmations: confirmationsOf(message),
  draft: draftOf(message),
  history: historyOf(message, people),
  notes: notes.map((note) => readable(note.text, people)),
  storm: (sectionStarting(message, '*🌪️')?.split('\n') ?? []).map((line) => readable(line.replace(/^_|_$/gu, ''), people)),
});

/** A Slack permalink's message ts: ".../archives/C123/p1700000000000100" → "1700000000.000100". */
export const permalinkTs = (text: string): string | undefined => {
  const digits = /\/archives\/[A-Z0-9]+\/p(\d{7,})/u.exec(text)?.[1];
  return digits && `${digits.slice(0, -6)}.${digits.slice(-6)}`;
};

export const alertViewOf = (message: SlackMessage, reminders: SlackMessage[], people: PeopleById): Omit<AlertView, 'directMessaged'> => ({
  id: message.ts,
  title: readable(message.text, people),
  mentions: mentionsIn(message.text, people),
  linkedCard: permalinkTs(blockTexts(message.blocks).join('\n')),
  buttons: buttonsOf(message),
  reminders: reminders.map((reminder) => readable(reminder.text, people)),
});

/** An answer Slack shows the person (a response_url body or a command's acknowledgement). */
export interface SlackAnswer {
  response_type?: string;
  text?: string;
  blocks?: unknown[];
}

export const answerText = (answer: SlackAnswer, people: PeopleById): string =>
  readable([answer.text ?? '', ...blockTexts(answer.blocks)].join('\n'), people);
