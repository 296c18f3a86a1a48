import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { createQueues, redisForQueues, type Queues } from '../jobs/queues.js';
import type { Logger } from '../logger.js';
import { connectDb } from '../store/db.js';
import type { Db } from '../store/db.js';

export interface Stores {
  db: Db;
  queueRedis: Redis;
  queues: Queues;
}

const waitForRedis = (redis: Redis, ms: number) =>
  redis.status === 'ready'
    ? Promise.resolve()
    : new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
        redis.once('ready', () => {
          clearTimeout(timer);
          resolve();
        });
      });

/** Postgres and the queues' Redis; a Redis still down is only a warning, since events are stored first. */
export const connectStores = async (config: Readonly<Config>, logger: Logger, now: () => Date): Promise<Stores> => {
  const { db } = connectDb(config.databaseUrl, {
    max: 10,
    onError: (error) => logger.warn({ err: error }, 'Postgres connection lost; the pool will reconnect'),
  });
  const queueRedis = redisForQueues(config.redisUrl);
  queueRedis.on('error', (error) => logger.debug({ err: error }, 'Redis (queues) connection error'));
  const queues = createQueues(queueRedis, config.queuePrefix, now);
  await waitForRedis(queueRedis, 5_000).catch((error: unknown) =>
    logger.warn(
      { err: error },
      `Redis at ${new URL(config.redisUrl).host} is not reachable yet; events are still stored and will be queued once it is`,
    ),
  );
  return { db, queueRedis, queues };
};
