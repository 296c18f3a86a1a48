import { FakeX } from '../../fakes/fake-x.js';
import { postX, tweetCreateEvent, X_ACCOUNT, X_CONSUMER_SECRET, X_TOKEN } from '../../fixtures/x.js';
import { runSourceCoreLoop } from './source-core-loop.js';
import type { InboundMessage, SourceSubject } from './source-subject.js';

/** X mentions through Account Activity webhooks (signed as X signs them), acted on through the fake X API v2. */
const makeX = async (): Promise<SourceSubject> => {
  const fake = new FakeX({ account: X_ACCOUNT, token: X_TOKEN, accessLevel: 'pay-per-use' });
  const { url } = await fake.start();
  const root = fake.addTweet({ text: 'Our winter range is out', author_id: X_ACCOUNT.id });
  // X's ids are numbers: each scenario's message gets one, and its author too.
  const ids = new Map<string, { tweetId: string; userId: string }>();
  const idsOf = (message: InboundMessage) => {
    const known = ids.get(message.id);
    if (known) return known;
    const made = { tweetId: fake.nextId(), userId: fake.nextId() };
    ids.set(message.id, made);
    fake.addUser({ id: made.userId, name: message.authorName, username: `casey${made.userId.slice(-4)}` });
    fake.addTweet({
      id: made.tweetId,
      text: `@${X_ACCOUNT.username} ${message.text}`,
      author_id: made.userId,
      conversation_id: root.id,
      referenced_tweets: [{ type: 'replied_to', id: root.id }],
      mentions: [X_ACCOUNT.id],
    });
    return made;
  };
  const body = (message: InboundMessage) => {
    const { tweetId, userId } = idsOf(message);
    return tweetCreateEvent({
      id: tweetId,
      text: message.text,
      inReplyTo: root.id,
      user: { id: userId, name: message.authorName, screen_name: `casey${userId.slice(-4)}` },
    });
  };
  const deliver = async (appUrl: string, message: InboundMessage) => {
    const answer = await postX(appUrl, body(message));
    if (answer.status !== 200) throw new Error(`X delivery answered ${answer.status}: ${await answer.text()}`);
  };
  return {
    platform: 'x',
    env: { X_USER_ID: X_ACCOUNT.id, X_ACCESS_TOKEN: X_TOKEN, X_CONSUMER_SECRET, X_API_URL: url },
    deliver,
    redeliver: deliver,
    forge: async (appUrl, message) => (await postX(appUrl, body(message), { secret: 'not-the-consumer-secret' })).status,
    replies: async (message) => fake.repliesTo(idsOf(message).tweetId).map((tweet) => tweet.text),
    isHidden: async (message) => fake.tweets.get(idsOf(message).tweetId)?.hidden ?? false,
    close: () => fake.close(),
  };
};

runSourceCoreLoop('X mentions (Account Activity webhook)', makeX);
