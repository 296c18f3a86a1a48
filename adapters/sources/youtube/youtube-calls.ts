import { commentListSchema, commentSchema, channelListSchema, threadListSchema, type ModerationStatus } from './schema.js';
import type { UnitMeter, YouTubeApi } from './youtube-api.js';

/** The calls Switchboard makes, one function each; every one counts its units on the meter. */

export const listThreads = async (
  api: YouTubeApi,
  meter: UnitMeter,
  page: { channelId: string; pageToken?: string; moderationStatus?: ModerationStatus },
) => {
  const answer = await api.request(
    {
      call: 'listThreads',
      method: 'GET',
      path: '/commentThreads',
      query: {
        part: 'snippet,replies',
        allThreadsRelatedToChannelId: page.channelId,
        order: 'time',
        maxResults: '100',
        textFormat: 'plainText',
        moderationStatus: page.moderationStatus,
        pageToken: page.pageToken,
      },
      schema: threadListSchema,
      subject: `the comment threads of channel ${page.channelId}`,
    },
    meter,
  );
  return answer ?? { items: [] };
};

export const listReplies = async (api: YouTubeApi, meter: UnitMeter, page: { parentId: string; pageToken?: string }) => {
  const answer = await api.request(
    {
      call: 'listComments',
      method: 'GET',
      path: '/comments',
      query: { part: 'snippet', parentId: page.parentId, maxResults: '100', textFormat: 'plainText', pageToken: page.pageToken },
      schema: commentListSchema,
      subject: `the replies to comment ${page.parentId}`,
    },
    meter,
  );
  return answer ?? { items: [] };
};

/** A comment by id; YouTube leaves out what is gone (or rejected) instead of answering 404. */
export const getComment = async (api: YouTubeApi, meter: UnitMeter, id: string) => {
  const answer = await api.request(
    {
      call: 'listComments',
      method: 'GET',
      path: '/comments',
      query: { part: 'snippet', id, textFormat: 'plainText' },
      schema: commentListSchema,
      subject: `comment ${id}`,
    },
    meter,
  );
  return answer?.items.find((comment) => comment.id === id);
};

export const insertReply = async (api: YouTubeApi, meter: UnitMeter, reply: { parentId: string; text: string }) => {
  const answer = await api.request(
    {
      call: 'insertReply',
      method: 'POST',
      path: '/comments',
      query: { part: 'snippet' },
      body: { snippet: { parentId: reply.parentId, textOriginal: reply.text } },
      schema: commentSchema,
      subject: `a reply to comment ${reply.parentId}`,
    },
    meter,
  );
  if (answer === undefined) throw new Error('YouTube answered a reply without the comment it created');
  return answer;
};

/** `banAuthor` is only valid with `rejected`. Answers 204. */
export const setModerationStatus = async (
  api: YouTubeApi,
  meter: UnitMeter,
  change: { id: string; status: Exclude<ModerationStatus, 'likelySpam'>; banAuthor?: boolean },
): Promise<void> => {
  await api.request(
    {
      call: 'setModerationStatus',
      method: 'POST',
      path: '/comments/setModerationStatus',
      query: { id: change.id, moderationStatus: change.status, ...(change.banAuthor ? { banAuthor: 'true' } : {}) },
      subject: `comment ${change.id}`,
    },
    meter,
  );
};

export const findChannel = async (api: YouTubeApi, meter: UnitMeter, channelId: string) => {
  const answer = await api.request(
    {
      call: 'listChannels',
      method: 'GET',
      path: '/channels',
      query: { part: 'id', id: channelId },
      schema: channelListSchema,
      subject: `channel ${channelId}`,
    },
    meter,
  );
  return answer?.items.find((channel) => channel.id === channelId);
};

/** The channel the token acts as (`mine=true`), for doctor's check that a mapped channel's token is that channel's. */
export const findMyChannelId = async (api: YouTubeApi, meter: UnitMeter): Promise<string | undefined> => {
  const answer = await api.request(
    {
      call: 'listChannels',
      method: 'GET',
      path: '/channels',
      query: { part: 'id', mine: 'true' },
      schema: channelListSchema,
      subject: "the token's own channel",
    },
    meter,
  );
  return answer?.items[0]?.id;
};
