import type { REST } from '@discordjs/rest';
import { type APIChannel, type APIMessage, Routes } from 'discord.js';
import { callDiscord, isUnknown, toPlatformError } from './discord-errors.js';
import { LIMITS } from './discord-text.js';
import type { RenderedMessage } from './render-card.js';

const UNKNOWN_CHANNEL = 10003;
const THREAD_ALREADY_CREATED = 160004;
const THREAD_NAME = 'Switchboard: who did what';
/** A week: the longest auto-archive Discord offers; a new line in an archived thread reopens it. */
const THREAD_ARCHIVE_MINUTES = 10080;
/** Newest first; a lost post is recent, so one page is enough. */
const SEARCH_PAGE = 100;

export type MessageBody = Partial<RenderedMessage>;

export const postMessage = async (rest: REST, channel: string, body: MessageBody): Promise<string> => {
  const message = (await callDiscord(() => rest.post(Routes.channelMessages(channel), { body }))) as APIMessage;
  if (!message?.id) throw toPlatformError(new Error('Discord accepted the message but returned no id'));
  return message.id;
};

export const editMessage = async (rest: REST, channel: string, messageId: string, body: MessageBody): Promise<void> => {
  await callDiscord(() => rest.patch(Routes.channelMessage(channel, messageId), { body }));
};

/** The newest of our messages whose embed footer matches, posted since (a minute before) `since`. */
export const findByFooter = async (rest: REST, channel: string, matches: (footer: string) => boolean, since: Date) => {
  const query = new URLSearchParams({ limit: String(SEARCH_PAGE) });
  const messages = (await callDiscord(() => rest.get(Routes.channelMessages(channel), { query }))) as APIMessage[];
  const found = messages.find(
    (message) => matches(message.embeds?.[0]?.footer?.text ?? '') && Date.parse(message.timestamp) >= since.getTime() - 60_000,
  );
  return found?.id;
};

/**
 * A line in the thread on a message. A thread started on a message has that message's id, so the
 * line is posted there; the first line starts the thread (once: another worker may have just done it).
 */
export const postInThread = async (
  rest: REST,
  channel: string,
  messageId: string,
  body: MessageBody,
  threadName: string = THREAD_NAME,
): Promise<string> => {
  try {
    return ((await rest.post(Routes.channelMessages(messageId), { body })) as APIMessage).id;
  } catch (error) {
    if (!isUnknown(error, UNKNOWN_CHANNEL)) throw toPlatformError(error);
  }
  const thread = { name: threadName.slice(0, LIMITS.threadName), auto_archive_duration: THREAD_ARCHIVE_MINUTES };
  await rest.post(Routes.threads(channel, messageId), { body: thread }).catch((error: unknown) => {
    if (!isUnknown(error, THREAD_ALREADY_CREATED)) throw toPlatformError(error);
  });
  return postMessage(rest, messageId, body);
};

/** The guild a channel belongs to (for message links), asked once per channel; undefined when Discord does not say. */
export const createGuildLookup = (rest: REST, configured: string | undefined) => {
  const guilds = new Map<string, string>();
  return async (channel: string): Promise<string | undefined> => {
    if (configured) return configured;
    if (!guilds.has(channel)) {
      const answer = (await rest.get(Routes.channel(channel)).catch(() => undefined)) as (APIChannel & { guild_id?: string }) | undefined;
      if (answer?.guild_id) guilds.set(channel, answer.guild_id);
    }
    return guilds.get(channel);
  };
};
