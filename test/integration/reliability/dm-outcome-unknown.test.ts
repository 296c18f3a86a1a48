import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Running } from '../../../src/main.js';
import { graphErrorBody } from '../../fakes/fake-graph.js';
import { messengerDm, PAGE_ID } from '../../fixtures/meta.js';
import { cardsIn, eventually, postMeta, startApp, startServices, type Services } from '../../support/app-harness.js';
import { exited, spawnWorker } from '../../support/child-worker.js';
import { queuesIdle } from '../../support/queue-state.js';
import { cardButtons, pressButton, USERS } from '../../support/slack-press.js';

/*
 * A worker killed while it sends a Messenger DM, and the job retried by another worker: the retry asks
 * Facebook (the conversation's messages) first. Where Facebook cannot tell, nothing is sent by itself:
 * the card offers Send again, and only that press sends it once more.
 */

let services: Services;
let web: Running;

beforeAll(async () => {
  services = await startServices();
  // This process ingests and posts cards; platform calls are left to the worker we kill.
  web = await startApp(services, { queues: ['ingest', 'chat'], lockDurationMs: 1000 });
});
afterAll(async () => {
  await web?.stop();
  await services?.close();
});

const dmsTo = (sender: string) => services.graph.messages.filter((message) => message.recipient.id === sender);

const actionFor = async (sender: string) =>
  services.database.db.selectFrom('actions').selectAll().where('kind', '=', 'send_dm').where('target', '=', sender).executeTakeFirst();

/** A DM that needs a person, its card, and a press on Approve whose worker dies once Graph has sent the DM. */
const killedMidSend = async (sender: string) => {
  const before = cardsIn(services).length;
  await postMeta(web.url!, messengerDm({ mid: `m_unknown_${sender}`, text: 'I want a refund for my order', senderId: sender }));
  const card = await eventually(async () => cardsIn(services)[before], 'the card');
  const held = services.graph.holdNext(`/${PAGE_ID}/messages`);
  const doomed = spawnWorker({ ...services.env, SWITCHBOARD_JOB_LOCK_MS: '1000', SWITCHBOARD_RECONCILE_INTERVAL_MS: '600000' });
  try {
    await pressButton(web.url!, services.slack, card, 'approve', USERS.alice, `press-${sender}`);
    await Promise.race([
      held.arrived,
      exited(doomed).then(() => {
        throw new Error(`the worker exited early:\n${doomed.output()}`);
      }),
    ]);
    doomed.kill('SIGKILL');
    await exited(doomed);
  } finally {
    held.release();
  }
  expect(dmsTo(sender)).toHaveLength(1);
  return card.ts;
};

const cardWithTs = (ts: string) => cardsIn(services).find((message) => message.ts === ts);

it('(k) a retried job finds the DM in the conversation and does not send it again', async () => {
  const sender = '7300000000000301';
  await killedMidSend(sender);
  const rescuer = await startApp(services, { web: false, lockDurationMs: 1000 });
  try {
    const action = await eventually(async () => {
      const row = await actionFor(sender);
      return row?.status === 'succeeded' ? row : undefined;
    }, 'the DM to be settled by the second worker');
    expect(action.result).toMatchObject({ verified: true });
    expect(services.graph.calls.some((call) => call.method === 'GET' && call.path === `/${PAGE_ID}/conversations`)).toBe(true);
    await eventually(() => queuesIdle(services), 'the queues to drain');
  } finally {
    await rescuer.stop();
  }
  expect(dmsTo(sender)).toHaveLength(1);
}, 120_000);

it('(l) when Facebook cannot tell, nothing is sent by itself: the card offers Send again, and that press sends it', async () => {
  const sender = '7300000000000302';
  const cardTs = await killedMidSend(sender);
  // The Page token may not read conversations: the check is refused for good.
  services.graph.failNext(
    /\/conversations$/u,
    { status: 403, body: graphErrorBody(200, '(#200) Requires pages_messaging permission to manage the object') },
    { times: 100, method: 'GET' },
  );
  const rescuer = await startApp(services, { web: false, lockDurationMs: 1000 });
  try {
    const action = await eventually(async () => {
      const row = await actionFor(sender);
      return row?.status === 'unknown' ? row : undefined;
    }, 'the DM to be recorded as unknown');
    expect(action.error).toMatch(/could not be confirmed/u);
    const card = await eventually(async () => {
      const current = cardWithTs(cardTs);
      return current && cardButtons(current).has('sb:send_again') ? current : undefined;
    }, 'the card to offer Send again');
    await eventually(() => queuesIdle(services), 'the queues to drain');
    expect(dmsTo(sender)).toHaveLength(1);

    await pressButton(web.url!, services.slack, card, 'send_again', USERS.bob, `again-${sender}`);
    await eventually(async () => dmsTo(sender).length === 2, 'the DM to be sent again on Bob’s decision');
    const settled = await eventually(async () => {
      const row = await actionFor(sender);
      return row?.status === 'succeeded' ? row : undefined;
    }, 'the same action to succeed');
    expect(settled.id).toBe(action.id);
    const audit = await services.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('subject_id', '=', action.id)
      .where('action', '=', 'send_dm:send_again_approved')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor).toContain(USERS.bob.id);
  } finally {
    await rescuer.stop();
  }
}, 120_000);
