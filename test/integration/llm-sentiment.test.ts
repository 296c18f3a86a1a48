import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Running } from '../../src/main.js';
import { createEngine } from '../../src/pipeline/engine-bridge.js';
import { startFakeOpenAi, type FakeOpenAi } from '../fakes/fake-openai.js';
import { commentAdded, POST_ID } from '../fixtures/meta.js';
import { cardsIn, eventually, postMeta, startApp, startServices, type Services } from '../support/app-harness.js';
import { queuesIdle } from '../support/queue-state.js';
import { cardText } from '../support/slack-press.js';
import { writeTestPlaybook } from '../support/test-playbook.js';

let services: Services;
let openai: FakeOpenAi;
let app: Running;
const playbookPath = writeTestPlaybook({ sentiment: { classifier: 'llm' } });

beforeAll(async () => {
  services = await startServices();
  openai = await startFakeOpenAi();
  app = await startApp(services, {
    env: { SWITCHBOARD_PLAYBOOK: playbookPath, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openai.baseUrl, OPENAI_MODEL: 'gpt-test' },
  });
});
afterAll(async () => {
  await app?.stop();
  await openai?.close();
  await services?.close();
  rmSync(playbookPath, { force: true });
});

const comment = (n: number, message: string) =>
  commentAdded({
    commentId: `${POST_ID.split('_')[1]}_17000000000000${n}`,
    message,
    from: { id: `640000000000${n}`, name: `Reader ${n}` },
  });

const storedSentiment = async (text: string) =>
  (await services.database.db.selectFrom('messages').select('sentiment').where('text', '=', text).executeTakeFirstOrThrow()).sentiment;

it('with sentiment.classifier: llm, the model’s score decides: sarcasm the lexicon misses gets a card', async () => {
  const sarcasm = 'Well, that went great. Third broken one.';
  openai.script({ content: JSON.stringify({ score: -0.8 }) });
  expect((await postMeta(app.url!, comment(1, sarcasm))).status).toBe(200);
  const posted = await eventually(async () => cardsIn(services)[0], 'the card');
  expect(cardText(posted)).toContain('Sentiment: 😠 very negative (-0.80)');
  expect(cardText(posted)).toContain('Language: English (en)');
  expect(openai.requests[0]?.body.response_format?.json_schema?.name).toBe('sentiment');
  expect(JSON.stringify(openai.requests[0]?.body.messages)).toContain(sarcasm);
  const card = await services.database.db.selectFrom('cards').select('reasons').executeTakeFirstOrThrow();
  expect(JSON.stringify(card.reasons)).toContain('handoff-negative');
  expect(Number(await storedSentiment(sarcasm))).toBeCloseTo(-0.8);
});

it('when the model fails, the offline lexicon decides and the message is not held up', async () => {
  const praise = 'Love the colours on these, great photo';
  openai.script({ status: 503, error: { message: 'overloaded', type: 'server_error' } });
  const before = openai.requests.length;
  expect((await postMeta(app.url!, comment(2, praise))).status).toBe(200);
  await eventually(
    async () =>
      (await services.database.db.selectFrom('messages').select('id').where('text', '=', praise).executeTakeFirst()) !== undefined,
    'the message',
  );
  await eventually(() => queuesIdle(services), 'the queues to drain');
  expect(openai.requests.length).toBe(before + 1);
  expect(Number(await storedSentiment(praise))).toBeGreaterThan(0);
  expect(cardsIn(services)).toHaveLength(1);
});

it('asking for the LLM classifier without an OpenAI key is said at start-up, and the lexicon is used', () => {
  const engine = createEngine(loadConfig({ ...services.env, SWITCHBOARD_PLAYBOOK: playbookPath }));
  expect(engine.classifySentiment).toBeUndefined();
  expect(engine.warnings.join('\n')).toMatch(/sentiment\.classifier: llm.*OPENAI_API_KEY is not set/u);
});
