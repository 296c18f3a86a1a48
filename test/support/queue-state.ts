import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUE_NAMES } from '../../src/jobs/queues.js';
import type { Services } from './app-harness.js';

/** True when no queue of this test file has work waiting, delayed or running (timers wait by design). */
export const queuesIdle = async (services: Services): Promise<boolean> => {
  const connection = new Redis(services.redis.url, { maxRetriesPerRequest: null });
  try {
    for (const name of QUEUE_NAMES) {
      const queue = new Queue(name, { connection, prefix: services.redis.prefix });
      const states = name === 'timers' ? (['waiting', 'active'] as const) : (['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const);
      const counts = await queue.getJobCounts(...states);
      await queue.close();
      if (Object.values(counts).some((count) => count > 0)) return false;
    }
    return true;
  } finally {
    connection.disconnect();
  }
};
