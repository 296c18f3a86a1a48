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
      const states =
        name === 'timers'
          ? (['waiting', 'active'] as const)
          : (['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const);
      const counts = await queue.getJobCounts(...states);
      await queue.close();
      if (Object.values(counts).some((count) => count > 0)) return false;
    }
    return true;
  } finally {
    connection.disconnect();
  }
};

/** What the finished jobs of one queue returned, newest first. */
export const completedResults = async (services: Services, name: (typeof QUEUE_NAMES)[number]): Promise<unknown[]> => {
  const connection = new Redis(services.redis.url, { maxRetriesPerRequest: null });
  const queue = new Queue(name, { connection, prefix: services.redis.prefix });
  try {
    const jobs = await queue.getJobs(['completed']);
    return jobs.map((job) => job.returnvalue as unknown);
  } finally {
    await queue.close();
    connection.disconnect();
  }
};

/** Jobs of one queue that have run at least once: finished, or waiting to retry. */
export const jobsThatRan = async (services: Services, name: (typeof QUEUE_NAMES)[number]): Promise<number> => {
  const connection = new Redis(services.redis.url, { maxRetriesPerRequest: null });
  const queue = new Queue(name, { connection, prefix: services.redis.prefix });
  try {
    const jobs = await queue.getJobs(['completed', 'failed', 'delayed']);
    return jobs.filter((job) => job.attemptsMade > 0 || job.finishedOn !== undefined).length;
  } finally {
    await queue.close();
    connection.disconnect();
  }
};
