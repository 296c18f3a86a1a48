import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { createQueues, type Queues } from '../../../src/jobs/queues.js';
import { createTestDatabase, createTestRedis, type IsolatedDatabase, type IsolatedRedis } from '../../support/isolated.js';

export interface PollingServices {
  database: IsolatedDatabase;
  /** The BullMQ queues the workers take from, under this file's Redis prefix. */
  queues: Queues;
}

/** This file's own database and queues, created before its tests and removed after. */
export const usePollingServices = (): PollingServices => {
  const services = {} as PollingServices;
  let redis: IsolatedRedis | undefined;
  let connection: Redis | undefined;
  beforeAll(async () => {
    services.database = await createTestDatabase();
    redis = createTestRedis();
    connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    services.queues = createQueues(connection, redis.prefix);
  });
  afterAll(async () => {
    await services.queues?.close();
    connection?.disconnect();
    await redis?.close();
    await services.database?.drop();
  });
  return services;
};
