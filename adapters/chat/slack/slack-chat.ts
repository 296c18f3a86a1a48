import type { KnownBlock, WebClient } from '@slack/web-api';
import type { ChatAdapter } from '../../../src/domain/chat.js';
import { renderAlert, renderNoteText } from './render-alert.js';
import { renderCard } from './render-card.js';
import { renderLogLine } from './render-log-line.js';
import { renderReport } from './render-report.js';
import { slackMention } from './slack-mention.js';
import { toPlatformError } from './slack-errors.js';

export const CARD_EVENT_TYPE = 'switchboard_card';
export const ALERT_EVENT_TYPE = 'switchboard_alert';

const call = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    throw toPlatformError(error);
  }
};

const requireTs = (ts: string | undefined): string => {
  if (!ts) throw toPlatformError(new Error('Slack accepted the message but returned no ts'));
  return ts;
};

/** Cards in Slack: Block Kit from the shared card model, tagged with message metadata so a lost post can be found. */
export const createSlackChat = (client: WebClient, options: { timeZone?: string } = {}): ChatAdapter => {
  const render = (card: Parameters<typeof renderCard>[0]) => renderCard(card, options.timeZone ? { timeZone: options.timeZone } : {});
  // Our messages carry their card id in message metadata, so a post whose answer was lost can be found.
  const postTagged = async (channel: string, rendered: { text: string; blocks: KnownBlock[] }, eventType: string, cardId: string) => {
    const answer = await call(() =>
      client.chat.postMessage({
        channel,
        text: rendered.text,
        blocks: rendered.blocks,
        unfurl_links: false,
        unfurl_media: false,
        metadata: { event_type: eventType, event_payload: { card_id: cardId } },
      }),
    );
    return requireTs(answer.ts);
  };
  const findTagged = async (channel: string, eventType: string, cardId: string, since: Date) => {
    const oldest = ((since.getTime() - 60_000) / 1000).toFixed(6);
    const answer = await call(() => client.conversations.history({ channel, oldest, include_all_metadata: true, limit: 200 }));
    const found = answer.messages?.find(
      (message) =>
        message.metadata?.event_type === eventType &&
        String((message.metadata.event_payload as Record<string, unknown> | undefined)?.card_id) === cardId,
    );
    return found?.ts;
  };
  return {
    chat: 'slack',
    postCard: (channel, card) => postTagged(channel, render(card), CARD_EVENT_TYPE, card.cardId),
    updateCard: async (channel, messageId, card) => {
      const rendered = render(card);
      await call(() => client.chat.update({ channel, ts: messageId, text: rendered.text, blocks: rendered.blocks }));
    },
    findCard: (channel, cardId, since) => findTagged(channel, CARD_EVENT_TYPE, cardId, since),
    postNote: async (channel, cardMessageId, note) => {
      const answer = await call(() =>
        client.chat.postMessage({ channel, thread_ts: cardMessageId, text: renderNoteText(note), unfurl_links: false }),
      );
      return requireTs(answer.ts);
    },
    postAlert: (channel, alert) => postTagged(channel, renderAlert(alert), ALERT_EVENT_TYPE, alert.cardId),
    findAlert: (channel, cardId, since) => findTagged(channel, ALERT_EVENT_TYPE, cardId, since),
    updateAlert: async (channel, messageId, alert) => {
      const rendered = renderAlert(alert);
      await call(() => client.chat.update({ channel, ts: messageId, text: rendered.text, blocks: rendered.blocks }));
    },
    permalink: async (channel, messageId) => {
      const answer = await call(() => client.chat.getPermalink({ channel, message_ts: messageId })).catch(() => undefined);
      return answer?.permalink;
    },
    directMessage: async (userId, note) => {
      const opened = await call(() => client.conversations.open({ users: userId }));
      const channel = opened.channel?.id;
      if (!channel) throw toPlatformError(new Error('Slack opened no DM channel'));
      const answer = await call(() => client.chat.postMessage({ channel, text: renderNoteText(note), unfurl_links: false }));
      return requireTs(answer.ts);
    },
    postReport: async (channel, report) => {
      const rendered = renderReport(report);
      const answer = await call(() =>
        client.chat.postMessage({ channel, text: rendered.text, blocks: rendered.blocks, unfurl_links: false }),
      );
      return requireTs(answer.ts);
    },
    postLogLine: async (channel, threadId, line) => {
      const rendered = renderLogLine(line);
      const answer = await call(() =>
        client.chat.postMessage({
          channel,
          ...(threadId ? { thread_ts: threadId } : {}),
          text: rendered.text,
          blocks: rendered.blocks,
          unfurl_links: false,
          unfurl_media: false,
        }),
      );
      return requireTs(answer.ts);
    },
    updateLogLine: async (channel, messageId, line) => {
      const rendered = renderLogLine(line);
      await call(() => client.chat.update({ channel, ts: messageId, text: rendered.text, blocks: rendered.blocks }));
    },
    mention: slackMention,
  };
};
