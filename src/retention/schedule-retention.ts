import type { Queue } from 'bullmq';
import type { RetentionPolicy } from '../playbook/compile-retention.js';

/** Every day at 03:17 UTC: a quiet hour, off the round minute other schedulers pick. */
export const RETENTION_PATTERN = '17 3 * * *';
export const RETENTION_SCHEDULER_ID = 'daily-retention';

/**
 * The daily retention job (a BullMQ job scheduler, so one job a day however many processes start).
 * The policy is the job's data: calling this again with a changed playbook replaces it.
 */
export const scheduleRetention = async (queues: { timers: Queue }, policy: RetentionPolicy): Promise<void> => {
  await queues.timers.upsertJobScheduler(
    RETENTION_SCHEDULER_ID,
    { pattern: RETENTION_PATTERN, tz: 'UTC' },
    { name: 'timers', data: { kind: 'retention', rawPayloadsMs: policy.rawPayloadsMs, textsMs: policy.textsMs } },
  );
};
