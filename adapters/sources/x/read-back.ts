import type { PlatformActionRequest, PlatformActionResult } from '../../../src/domain/source.js';
import { blockingPageSchema, dmEventsPageSchema, timelinePageSchema } from './schema-v2.js';
import type { XApi } from './x-api.js';

/** Clocks on our side and X's disagree a little; a post stamped slightly early is still ours. */
const CLOCK_SKEW_MS = 60_000;
const MAX_BLOCK_PAGES = 5;

// X rewrites links to t.co: compare texts with every link as one placeholder.
const comparable = (text: string): string =>
  text
    .replace(/https?:\/\/\S+/gu, '<link>')
    .replace(/\s+/gu, ' ')
    .trim();

const xTime = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/u, 'Z');

const recentEnough = (createdAt: string | undefined, since: Date): boolean =>
  createdAt === undefined || Date.parse(createdAt) >= since.getTime() - CLOCK_SKEW_MS;

const found = (externalId: string | undefined): PlatformActionResult => ({
  ...(externalId === undefined ? {} : { externalId }),
  detail: { foundOnPlatform: true },
});

/** The account's own posts since the attempt: a reply to the target with the same text is the one we lost the answer to. */
export const findReply = async (api: XApi, request: PlatformActionRequest, since: Date): Promise<PlatformActionResult | undefined> => {
  const answer = await api.call('GET', `/2/users/${request.accountId}/tweets`, {
    query: {
      start_time: xTime(new Date(since.getTime() - CLOCK_SKEW_MS)),
      max_results: 100,
      exclude: 'retweets',
      'tweet.fields': 'referenced_tweets,created_at',
    },
    what: 'looking up our recent posts',
  });
  const text = comparable(request.text ?? '');
  const reply = (timelinePageSchema.parse(answer.json).data ?? []).find(
    (tweet) =>
      tweet.referenced_tweets?.some((ref) => ref.type === 'replied_to' && ref.id === request.target) &&
      comparable(tweet.text) === text &&
      recentEnough(tweet.created_at, since),
  );
  return reply ? found(reply.id) : undefined;
};

/** The one-to-one conversation with the person: a message from us with the same text since the attempt. */
export const findDm = async (api: XApi, request: PlatformActionRequest, since: Date): Promise<PlatformActionResult | undefined> => {
  const answer = await api.call('GET', `/2/dm_conversations/with/${request.target}/dm_events`, {
    query: { 'dm_event.fields': 'sender_id,created_at,text', event_types: 'MessageCreate', max_results: 100 },
    what: 'looking up the DM conversation',
  });
  const text = comparable(request.text ?? '');
  const sent = (dmEventsPageSchema.parse(answer.json).data ?? []).find(
    (event) => event.sender_id === request.accountId && comparable(event.text ?? '') === text && recentEnough(event.created_at, since),
  );
  return sent ? found(sent.id) : undefined;
};

/** The account's block list (pay-per-use may read it, only Enterprise may write it). */
export const findBlock = async (api: XApi, request: PlatformActionRequest): Promise<PlatformActionResult | undefined> => {
  let token: string | undefined;
  for (let page = 0; page < MAX_BLOCK_PAGES; page += 1) {
    const answer = await api.call('GET', `/2/users/${request.accountId}/blocking`, {
      query: { max_results: 1000, pagination_token: token },
      what: 'reading the block list',
    });
    const parsed = blockingPageSchema.parse(answer.json);
    if (parsed.data?.some((user) => user.id === request.target)) return { detail: { blocked: request.target, foundOnPlatform: true } };
    token = parsed.meta?.next_token;
    if (token === undefined) return undefined;
  }
  return undefined;
};
