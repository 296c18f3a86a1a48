import { createYouTube, type YouTubeSettings } from '../../../adapters/sources/youtube/index.js';
import type { PollingSource } from '../../../src/domain/polling-source.js';
import type { PlatformClient } from '../../../src/domain/source.js';
import { silentLogger } from '../../../src/logger.js';
import { createQuotaLedger } from '../../../src/polling/quota-ledger.js';
import type { PollDeps } from '../../../src/polling/run-poll.js';
import { createEventWriter } from '../../../src/store/event-writer.js';
import { FakeYouTube } from '../../fakes/fake-youtube.js';
import type { PollingServices } from './polling-services.js';

export const CHANNEL_ID = 'UCacmeOutdoor0000000000';
export const TOKEN = 'ya29.polling-token';
export const OAUTH_CLIENT = { id: 'client-1.apps.googleusercontent.com', secret: 'client-secret', refreshToken: '1//refresh-token' };
export const SECOND = 1_000;

/** A test clock: the fake YouTube, the poller and runPoll all read it. */
export interface Clock {
  now: () => Date;
  set: (date: Date) => void;
  advance: (ms: number) => void;
}

export const testClock = (start: Date): Clock => {
  let current = start;
  return {
    now: () => current,
    set: (date) => {
      current = date;
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
};

export interface YouTubeWorld {
  fake: FakeYouTube;
  poller: PollingSource;
  client: PlatformClient;
  settings: YouTubeSettings;
  deps: PollDeps;
  close: () => Promise<void>;
}

/** A fake YouTube on loopback, the YouTube source pointed at it, and runPoll's dependencies, all on one clock. */
export const startYouTubeWorld = async (
  services: PollingServices,
  clock: Clock,
  options: { dailyQuota?: number; fakeQuota?: number; credentials?: YouTubeSettings['credentials'] } = {},
): Promise<YouTubeWorld> => {
  const fake = new FakeYouTube({
    channelId: CHANNEL_ID,
    tokens: [TOKEN],
    oauthClients: { [OAUTH_CLIENT.id]: { secret: OAUTH_CLIENT.secret, refreshTokens: [OAUTH_CLIENT.refreshToken] } },
    dailyQuota: options.fakeQuota ?? options.dailyQuota ?? 10_000,
    now: clock.now,
  });
  const { apiUrl, oauthUrl } = await fake.start();
  const settings: YouTubeSettings = {
    channelId: CHANNEL_ID,
    credentials: options.credentials ?? { kind: 'access_token', accessToken: TOKEN },
    apiUrl,
    oauthUrl,
    dailyQuota: options.dailyQuota ?? 10_000,
    pollIntervalMs: 15 * SECOND,
  };
  const db = services.database.db;
  const { poller, client } = createYouTube(settings, { now: clock.now, ledger: createQuotaLedger(db, clock.now) });
  const deps: PollDeps = {
    db,
    events: createEventWriter(db),
    queue: services.queues,
    logger: silentLogger(),
    now: clock.now,
    holder: 'worker-1',
    leaseMs: 5 * 60 * SECOND,
  };
  return { fake, poller, client, settings, deps, close: () => fake.close() };
};

/** The comment ids stored as new messages, with how often each was stored. */
export const storedCommentIds = async (services: PollingServices): Promise<string[]> => {
  const rows = await services.database.db
    .selectFrom('inbound_events')
    .select('dedupe_key')
    .where('source', '=', 'youtube')
    .where('dedupe_key', 'like', 'youtube:comment:%')
    .execute();
  return rows.map((row) => row.dedupe_key.slice('youtube:comment:'.length));
};

/** Each test starts with no YouTube events and no cursor (the file shares one database). */
export const forgetYouTube = async (services: PollingServices): Promise<void> => {
  await services.database.db.deleteFrom('inbound_events').where('source', '=', 'youtube').execute();
  await services.database.db.deleteFrom('polling_cursors').where('source', '=', 'youtube').execute();
};
