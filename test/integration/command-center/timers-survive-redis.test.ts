import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Running } from '../../../src/main.js';
import { commentAdded, POST_ID } from '../../fixtures/meta.js';
import { cardsIn, eventually, notesOn, postMeta, startApp, startServices, type Services } from '../../support/app-harness.js';
import { writeTestPlaybook } from '../../support/test-playbook.js';

let services: Services;
let app: Running | undefined;
let playbook: string;

beforeAll(async () => {
  services = await startServices();
  playbook = writeTestPlaybook({ sla: { default: '4s', lead: '4s', urgent: '4s', business_hours: false } });
});
afterAll(async () => {
  await app?.stop();
  await services?.close();
  if (playbook) rmSync(playbook, { force: true });
});

it('SLA timers are rebuilt from Postgres at start-up, so losing Redis loses no timer', async () => {
  app = await startApp(services, { env: { SWITCHBOARD_PLAYBOOK: playbook } });
  await postMeta(
    app.url!,
    commentAdded({
      commentId: `${POST_ID.split('_')[1]}_150000000000001`,
      message: 'I want a refund, complaint',
      createdTime: Math.floor(Date.now() / 1000),
    }),
  );
  const card = await eventually(async () => cardsIn(services)[0], 'the card');
  await app.stop();
  app = undefined;

  await services.redis.flush();
  app = await startApp(services, { env: { SWITCHBOARD_PLAYBOOK: playbook } });
  await eventually(
    async () => notesOn(services, card.ts).some((note) => note.text.includes('SLA warning')),
    'the warning after the restart',
    20_000,
  );
  await eventually(
    async () => notesOn(services, card.ts).some((note) => note.text.includes('SLA breached')),
    'the breach after the restart',
    20_000,
  );
  expect(notesOn(services, card.ts).filter((note) => note.text.includes('SLA warning'))).toHaveLength(1);
});
