import { compileAutonomy } from '../autonomy/levels.js';
import { recordLevelChanges } from '../autonomy/record-level-changes.js';
import { rebuildVetoTimers } from '../autonomy/release-veto.js';
import { rebuildEscalationTimers } from '../escalation/escalate.js';
import { compileRetention } from '../playbook/compile-retention.js';
import { scheduleRetention } from '../retention/schedule-retention.js';
import { rebuildSlaTimers } from '../sla/notify.js';
import type { Assembled } from './assemble.js';
import { escalationDeps } from './worker-deps.js';

const scheduleDigest = (app: Assembled) => {
  const digest = app.policies.digest;
  return digest
    ? app.queues.timers.upsertJobScheduler(
        'weekly-digest',
        { pattern: digest.pattern, tz: digest.timezone },
        { name: 'timers', data: { kind: 'digest' } },
      )
    : app.queues.timers.removeJobScheduler('weekly-digest');
};

/** Timers live in Redis: after a restart or a Redis loss they are rebuilt from Postgres. None of this stops start-up. */
export const schedule = async (app: Assembled): Promise<void> => {
  const { db, queues, logger } = app;
  await rebuildSlaTimers({ db, chats: app.chats.adapters, queues }).catch((error: unknown) =>
    logger.warn({ err: error }, 'could not rebuild SLA timers; the reconciler will'),
  );
  await rebuildEscalationTimers(escalationDeps(app)).catch((error: unknown) =>
    logger.warn({ err: error }, 'could not rebuild escalation timers'),
  );
  const { playbook } = app.engine;
  await recordLevelChanges(db, compileAutonomy(playbook.spec), playbook.source).catch((error: unknown) =>
    logger.warn({ err: error }, 'could not record autonomy level changes in the audit log'),
  );
  await rebuildVetoTimers({ db, queues }).catch((error: unknown) => logger.warn({ err: error }, 'could not rebuild veto countdowns'));
  await scheduleDigest(app).catch((error: unknown) => logger.warn({ err: error }, 'could not schedule the weekly digest'));
  await scheduleRetention(queues, compileRetention(app.engine.playbook.spec)).catch((error: unknown) =>
    logger.warn({ err: error }, 'could not schedule the daily retention job'),
  );
};
