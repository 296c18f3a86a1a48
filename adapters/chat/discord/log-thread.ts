import type { REST } from '@discordjs/rest';
import type { AutonomyLogPoster } from '../../../src/domain/chat.js';
import { editMessage, postInThread, postMessage } from './discord-messages.js';
import { renderLogLine } from './render-log-line.js';

/** The name of each day's thread; the day itself is in the message it is started on. */
const LOG_THREAD_NAME = '🤖 Automatic actions';

/**
 * A line lives in its thread, and Discord edits a message only through the channel it is in: a line is
 * named `<thread>/<message>` (the day's starter message, in the card channel itself, by its own id).
 * A press on a line in a thread is named the same way (see threadPressPlace), so the undo's recorded
 * line and the pressed one compare as they do on Slack.
 */
export const logLineRef = (threadId: string, messageId: string): string => `${threadId}/${messageId}`;

const placeOf = (channel: string, ref: string): { channel: string; messageId: string } => {
  const [threadId, messageId] = ref.split('/');
  return threadId && messageId ? { channel: threadId, messageId } : { channel, messageId: ref };
};

/** Discord's thread channel types: announcement, public and private threads. */
const THREAD_TYPES: ReadonlySet<number> = new Set([10, 11, 12]);

/**
 * Where a press happened, as the core compares it: in a thread, the channel the thread is in and the
 * message named `<thread>/<message>`; anywhere else, the channel and the message as they are.
 */
export const pressPlaceOf = (
  channel: { id: string; type?: number | undefined; parent_id?: string | null | undefined } | undefined,
  channelId: string | undefined,
  messageId: string | undefined,
): { channel: string | undefined; messageId: string | undefined } => {
  const id = channelId ?? channel?.id;
  const inThread = channel?.parent_id && channel.type !== undefined && THREAD_TYPES.has(channel.type);
  if (!inThread || !id || !messageId) return { channel: id, messageId };
  return { channel: channel.parent_id ?? undefined, messageId: logLineRef(id, messageId) };
};

/** Discord's log thread: a starter message a day in the card channel, a thread on it, one line per automatic action. */
export const createDiscordLogThread = (rest: REST): AutonomyLogPoster => ({
  postLogLine: async (channel, threadId, line) => {
    const body = renderLogLine(line);
    if (!threadId) return postMessage(rest, channel, body);
    return logLineRef(threadId, await postInThread(rest, channel, threadId, body, LOG_THREAD_NAME));
  },
  updateLogLine: async (channel, ref, line) => {
    const place = placeOf(channel, ref);
    await editMessage(rest, place.channel, place.messageId, renderLogLine(line));
  },
});
