import { type PollingSource, type PollResult, QuotaExceededError } from '../../../src/domain/polling-source.js';
import type { InboundItem } from '../../../src/domain/source.js';
import { RateLimitedError } from '../../../src/errors.js';
import { mapTimelinePage } from './map-v2.js';
import { timelinePageSchema } from './schema-v2.js';
import type { XApi } from './x-api.js';
import { newerId } from './x-ids.js';

/* 300 requests / 15 min per user: one poll every 30 s spends a tenth of it, leaving room for read-backs. */
const INTERVAL_MS = 30_000;
// X keeps only the 800 newest mentions reachable: 8 pages of 100.
const MAX_PAGES = 8;

export const MENTION_FIELDS = {
  max_results: 100,
  'tweet.fields': 'author_id,created_at,conversation_id,in_reply_to_user_id,referenced_tweets,entities',
  expansions: 'author_id',
  'user.fields': 'name,username',
};

interface PageWalk {
  items: InboundItem[];
  newest: string | null;
  requests: number;
  complete: boolean;
}

const walkPages = async (api: XApi, userId: string, sinceId: string | null): Promise<PageWalk> => {
  const walk: PageWalk = { items: [], newest: sinceId, requests: 0, complete: false };
  let token: string | undefined;
  do {
    const answer = await api.call('GET', `/2/users/${userId}/mentions`, {
      query: { ...MENTION_FIELDS, since_id: sinceId ?? undefined, pagination_token: token },
      what: 'reading mentions',
    });
    walk.requests += 1;
    const page = timelinePageSchema.parse(answer.json);
    walk.items.push(...mapTimelinePage(page, userId));
    walk.newest = newerId(walk.newest, page.meta?.newest_id ?? page.data?.[0]?.id);
    token = page.meta?.next_token;
    // The first poll starts from now: the newest page, not the account's whole history.
    if (token === undefined || sinceId === null) return { ...walk, complete: true };
    if (answer.headers.get('x-rate-limit-remaining') === '0') return walk;
  } while (walk.requests < MAX_PAGES);
  return { ...walk, complete: true };
};

/**
 * X without webhooks (no X_CONSUMER_SECRET): `GET /2/users/:id/mentions` since the newest id seen,
 * page by page. A walk cut short by the rate limit keeps the old cursor (the pages are read again and
 * their items are no-ops); a 429 pauses polling until `x-rate-limit-reset`. Each account is its own
 * poller (X's rate limits are per user): `name` keys its cursor, `x` for X_USER_ID, `x:mentions:<id>` for the others.
 */
export const createXMentionsPoller = (api: XApi, userId: string, name = 'x'): PollingSource => ({
  name,
  intervalMs: INTERVAL_MS,
  poll: async (cursor): Promise<PollResult> => {
    try {
      const walk = await walkPages(api, userId, cursor);
      return { items: walk.items, cursor: walk.complete ? walk.newest : cursor, unitsUsed: walk.requests };
    } catch (error) {
      if (error instanceof RateLimitedError) {
        throw new QuotaExceededError(error.message, new Date(api.now().getTime() + error.retryAfterMs));
      }
      throw error;
    }
  },
});
