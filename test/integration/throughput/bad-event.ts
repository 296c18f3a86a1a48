import type { Services } from '../../support/app-harness.js';

/**
 * Stores an event the pipeline cannot turn into a message: a stored payload without its author, as an
 * older version might have left. Only the row; the caller queues it as the test needs.
 */
export const storeEventWithoutAuthor = async (services: Services, key = 'bad-event'): Promise<string> => {
  const dedupeKey = `facebook:comment:${key}`;
  const row = await services.database.db
    .insertInto('inbound_events')
    .values({
      source: 'meta',
      dedupe_key: dedupeKey,
      payload: JSON.stringify({
        type: 'message',
        dedupeKey,
        message: {
          externalId: key,
          platform: 'facebook',
          kind: 'comment',
          accountId: '1',
          text: 'no author',
          createdAt: new Date().toISOString(),
          fromSelf: false,
        },
        raw: {},
      }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
};
