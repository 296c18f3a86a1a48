import { CARD_BUTTONS, type CardButton } from '../../../src/domain/card.js';
import type { FakeDiscordMessage } from '../../fakes/fake-discord-rest.js';
import type { AlertView, CardView } from './chat-driver.js';

type PeopleById = ReadonlyMap<string, string>;

interface Embed {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
}

/** Discord markdown as a reader sees it: mentions of the contract's people as `@alice`, links and dates as words, escapes resolved. */
export const readable = (markdown: string, people: PeopleById): string => {
  const escaped: string[] = [];
  const held = markdown.replace(/\\(.)/gu, (_, character: string) => `\uE000${escaped.push(character) - 1}\uE001`);
  return held
    .replace(/<@[!&]?(\d+)>/gu, (_, id: string) => `@${people.get(id) ?? id}`)
    .replace(/<t:(\d+)(?::\w)?>/gu, (_, seconds: string) => new Date(Number(seconds) * 1000).toISOString())
    .replace(/\[([^\]]*)\]\(([^)]*)\)/gu, '$1')
    .replace(/[*`]/gu, '')
    .replace(/\uE000(\d+)\uE001/gu, (_, index: string) => escaped[Number(index)] ?? '');
};

/** Who a message pings: the mentions in its content that allowed_mentions lets through (mentions in embeds never ping). */
export const mentionsIn = (message: Pick<FakeDiscordMessage, 'content' | 'allowed_mentions'>, people: PeopleById): string[] => {
  const allowed = message.allowed_mentions;
  const content = message.content ?? '';
  const users = [...content.matchAll(/<@!?(\d+)>/gu)].map(([, id]) => id as string);
  const roles = [...content.matchAll(/<@&(\d+)>/gu)].map(([, id]) => id as string);
  // Without allowed_mentions Discord parses every mention; with it, only what it names or lets parse.
  const pings = (id: string, kind: 'users' | 'roles') => !allowed || allowed.parse?.includes(kind) || allowed[kind]?.includes(id);
  return [...users.filter((id) => pings(id, 'users')), ...roles.filter((id) => pings(id, 'roles'))].map((id) => people.get(id) ?? id);
};

export const embedOf = (message: { embeds?: unknown[] }): Embed => (message.embeds?.[0] ?? {}) as Embed;

export const customIdsOf = (message: { components?: unknown[] }): string[] =>
  ((message.components ?? []) as { components?: { custom_id?: string }[] }[]).flatMap((row) =>
    (row.components ?? []).flatMap((component) => (component.custom_id ? [component.custom_id] : [])),
  );

const isCardButton = (name: string): name is CardButton => (CARD_BUTTONS as readonly string[]).includes(name);

export const buttonsOf = (message: FakeDiscordMessage): CardButton[] =>
  customIdsOf(message)
    .map((id) => /^sb:([a-z_]+):/u.exec(id)?.[1] ?? '')
    .filter(isCardButton);

const fieldStarting = (embed: Embed, name: string) => embed.fields?.find((field) => field.name.startsWith(name));

const draftOf = (embed: Embed, people: PeopleById): string | undefined => {
  const field = fieldStarting(embed, '✍️ Draft reply');
  return (
    field &&
    readable(
      field.value
        .split('\n')
        .map((line) => line.replace(/^> ?/u, ''))
        .join('\n'),
      people,
    )
  );
};

const historyOf = (embed: Embed, people: PeopleById): string[] =>
  (fieldStarting(embed, 'History')?.value.split('\n') ?? [])
    .filter((line) => !/^\*…\d+ earlier\*$/u.test(line) && !line.startsWith('  said:'))
    .map((line) => readable(line, people));

/** A storm card's fold field, its name then its lines. */
const stormOf = (embed: Embed, people: PeopleById): string[] => {
  const field = fieldStarting(embed, '🌪️');
  return field ? [field.name, ...field.value.split('\n')].map((line) => readable(line, people)) : [];
};

/** Everything a message shows, as words: content, then the embed's title, description and fields. */
export const messageText = (message: { content?: string; embeds?: unknown[] }, people: PeopleById): string => {
  const embed = embedOf(message);
  const parts = [
    message.content ?? '',
    embed.title ?? '',
    embed.description ?? '',
    ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]),
  ];
  return readable(parts.filter(Boolean).join('\n'), people);
};

export const cardViewOf = (
  message: FakeDiscordMessage,
  notes: FakeDiscordMessage[],
  people: PeopleById,
): Omit<CardView, 'confirmations'> => {
  const embed = embedOf(message);
  return {
    id: message.id,
    title: readable(embed.title ?? '', people),
    buttons: buttonsOf(message),
    draft: draftOf(embed, people),
    history: historyOf(embed, people),
    notes: notes.map((note) => readable(note.content ?? '', people)),
    storm: stormOf(embed, people),
  };
};

/** A Discord message link's message id: ".../channels/G/C/M" → "M". */
export const linkedMessage = (text: string): string | undefined => /discord\.com\/channels\/\d+\/\d+\/(\d+)/u.exec(text)?.[1];

export const alertViewOf = (
  message: FakeDiscordMessage,
  reminders: FakeDiscordMessage[],
  people: PeopleById,
): Omit<AlertView, 'directMessaged'> => ({
  id: message.id,
  title: readable(message.content ?? embedOf(message).title ?? '', people),
  mentions: mentionsIn(message, people),
  linkedCard: linkedMessage(embedOf(message).description ?? ''),
  buttons: buttonsOf(message),
  reminders: reminders.map((reminder) => readable(reminder.content ?? '', people)),
});
