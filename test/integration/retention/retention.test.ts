import { describe, expect, it } from 'vitest';
import { createQueues, redisForQueues } from '../../../src/jobs/queues.js';
import { silentLogger } from '../../../src/logger.js';
import { DEFAULT_RETENTION } from '../../../src/playbook/compile-retention.js';
import { applyRetention } from '../../../src/retention/apply-retention.js';
import { RETENTION_SCHEDULER_ID, scheduleRetention } from '../../../src/retention/schedule-retention.js';
import { commentAdded, POST_ID } from '../../fixtures/meta.js';
import { cardsIn, eventually, postMeta, useApp } from '../../support/app-harness.js';
import { findTraces } from './find-traces.js';

const ctx = useApp();

const DAY = 86_400_000;
const postNumber = POST_ID.split('_')[1];
const ophelia = { id: '6100000000000901', name: 'Ophelia Brandywine' };
const TEXT = 'I want a refund for the saffron lampshade';
const NEEDLES = [ophelia.name, 'Ophelia', 'saffron lampshade'];

const counts = async () => {
  const db = ctx.services.database.db;
  const count = async (table: 'messages' | 'decisions' | 'cards' | 'audit_log' | 'inbound_events' | 'contacts') =>
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  return Promise.all(['messages', 'decisions', 'cards', 'audit_log', 'inbound_events', 'contacts'].map((table) => count(table as never)));
};

describe('retention', () => {
  it('erases raw payloads after their window, then texts and names after theirs, keeping every row', async () => {
    const commentId = `${postNumber}_660000000000001`;
    ctx.services.graph.addComment({ id: commentId, from: ophelia, message: TEXT, postId: POST_ID });
    expect((await postMeta(ctx.app.url!, commentAdded({ commentId, from: ophelia, message: TEXT }))).status).toBe(200);
    await eventually(async () => cardsIn(ctx.services).length === 1, 'the card');
    await eventually(
      async () => (await ctx.services.database.db.selectFrom('inbound_events').select('processed_at').executeTakeFirst())?.processed_at,
      'the event to be processed',
    );
    const db = ctx.services.database.db;
    const before = await counts();
    const deps = (days: number) => ({ db, logger: silentLogger(), batchSize: 1, now: () => new Date(Date.now() + days * DAY) });

    // A month on: the raw payload is gone, what people wrote is still there.
    const month = await applyRetention(deps(31), DEFAULT_RETENTION);
    expect(month).toMatchObject({ rawPayloads: 1, messages: 0, names: 0 });
    const event = await db.selectFrom('inbound_events').selectAll().executeTakeFirstOrThrow();
    expect(event.payload).toEqual({ erased: 'retention' });
    expect(event.erased_at).not.toBeNull();
    expect((await findTraces(db, NEEDLES)).map((trace) => trace.table)).toEqual(expect.arrayContaining(['messages', 'contacts', 'cards']));

    // Thirteen months on: texts and names are gone too; every row and timestamp stays for the KPIs.
    const year = await applyRetention(deps(400), DEFAULT_RETENTION);
    expect(year).toMatchObject({ rawPayloads: 0, messages: 1, names: 1 });
    expect(await findTraces(db, NEEDLES)).toEqual([]);
    expect(await counts()).toEqual(before);
    const card = await db.selectFrom('cards').selectAll().executeTakeFirstOrThrow();
    expect(card.draft).toBe('');
    expect(card.redacted_at).toBeNull();

    // Idempotent: a second run finds nothing left to do.
    expect(await applyRetention(deps(400), DEFAULT_RETENTION)).toEqual({ rawPayloads: 0, messages: 0, names: 0, funnelStates: 0 });
  });

  it('runs as a timers job, and scheduleRetention installs one daily scheduler carrying the policy', async () => {
    const queues = createQueues(redisForQueues(ctx.services.redis.url), ctx.services.redis.prefix);
    try {
      const commentId = `${postNumber}_660000000000002`;
      await postMeta(
        ctx.app.url!,
        commentAdded({ commentId, from: { id: '6100000000000902', name: 'Rowan Pettigrew' }, message: 'hello there' }),
      );
      const db = ctx.services.database.db;
      await eventually(
        async () => (await db.selectFrom('messages').select('id').where('text', '=', 'hello there').executeTakeFirst()) !== undefined,
        'the message',
      );
      await queues.schedule({ kind: 'retention', rawPayloadsMs: 1, textsMs: 1 }, new Date());
      await eventually(
        async () => (await db.selectFrom('messages').select('id').where('erased_at', 'is', null).execute()).length === 0,
        'the job to erase',
      );

      await scheduleRetention(queues, { rawPayloadsMs: 2 * DAY, textsMs: 90 * DAY });
      await scheduleRetention(queues, { rawPayloadsMs: 3 * DAY, textsMs: 90 * DAY });
      const scheduler = await queues.timers.getJobScheduler(RETENTION_SCHEDULER_ID);
      expect(scheduler?.pattern).toBe('17 3 * * *');
      expect(scheduler?.template?.data).toEqual({ kind: 'retention', rawPayloadsMs: 3 * DAY, textsMs: 90 * DAY });
      expect(await queues.timers.getJobSchedulersCount()).toBe(1);
    } finally {
      await queues.close();
      queues.connection.disconnect();
    }
  });
});
