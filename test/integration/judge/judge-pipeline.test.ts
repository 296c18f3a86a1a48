import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import type { Running } from '../../../src/main.js';
import { createEngine } from '../../../src/pipeline/engine-bridge.js';
import { type FakeOpenAi, judgeBySarcasm, startFakeOpenAi } from '../../fakes/fake-openai.js';
import { commentAdded, POST_ID } from '../../fixtures/meta.js';
import { cardsIn, eventually, postMeta, startApp, startServices, type Services } from '../../support/app-harness.js';
import { queuesIdle } from '../../support/queue-state.js';
import { cardText } from '../../support/slack-press.js';

const PLAYBOOK = `version: 1
languages: [en]
templates:
  praise: { en: "Thank you {{first_name|there}}!" }
judge:
  unsure_when:
    any:
      - emoji: ["🙃", "🙄"]
      - keywords: [really, "yeah right"]
  timeout_ms: 3000
rules:
  - id: thank-praise
    when: { keywords: [amazing, love*, great] }
    then: [{ auto_reply: praise }]
`;

const folder = mkdtempSync(join(tmpdir(), 'judge-'));
const playbookPath = join(folder, 'judge.yml');
let services: Services;
let openai: FakeOpenAi;
let app: Running;

beforeAll(async () => {
  writeFileSync(playbookPath, PLAYBOOK);
  services = await startServices();
  openai = await startFakeOpenAi({ reply: judgeBySarcasm });
  app = await startApp(services, {
    env: { SWITCHBOARD_PLAYBOOK: playbookPath, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openai.baseUrl, OPENAI_MODEL: 'gpt-test' },
  });
});
afterAll(async () => {
  await app?.stop();
  await openai?.close();
  await services?.close();
  rmSync(folder, { recursive: true, force: true });
});

const commentIdOf = (n: number) => `${POST_ID.split('_')[1]}_18000000000000${n}`;

/** A comment from a reader of its own, seeded on the fake Page so a reply to it can be posted. */
const postComment = async (n: number, message: string) => {
  const from = { id: `650000000000${n}`, name: `Reader ${n}` };
  services.graph.addComment({ id: commentIdOf(n), from, message, postId: POST_ID });
  expect((await postMeta(app.url!, commentAdded({ commentId: commentIdOf(n), message, from }))).status).toBe(200);
};

const decisionsOn = async (text: string) =>
  services.database.db
    .selectFrom('decisions')
    .innerJoin('messages', 'messages.id', 'decisions.message_id')
    .select(['decisions.kind', 'decisions.rule', 'decisions.matched', 'decisions.detail'])
    .where('messages.text', '=', text)
    .orderBy('decisions.id')
    .execute();

const settled = async (text: string) => {
  const decisions = await eventually(async () => {
    const found = await decisionsOn(text);
    return found.length > 0 ? found : undefined;
  }, `the decisions on "${text}"`);
  await eventually(() => queuesIdle(services), 'the queues to drain');
  return decisions;
};

describe('the model judge in the pipeline', () => {
  it('overrides a sarcastic "amazing customer service guys, really 🙃" to a handoff, and says the model decided', async () => {
    const sarcasm = 'amazing customer service guys, really 🙃';
    await postComment(1, sarcasm);
    const decisions = await settled(sarcasm);
    expect(decisions.map((decision) => [decision.kind, decision.rule])).toEqual([
      ['handoff', 'judge:model'],
      ['draft', 'thank-praise'],
    ]);
    for (const decision of decisions) expect(decision.detail).toMatchObject({ decided_by: 'model' });
    expect(decisions[0]!.matched).toEqual(['🙃']);
    expect(String((decisions[0]!.detail as { judge: string }).judge)).toMatch(/^the model judged that a person should answer: sarcastic/u);
    const card = await eventually(async () => cardsIn(services)[0], 'the card');
    expect(cardText(card)).toContain('judge:model');
    expect(services.graph.repliesTo(commentIdOf(1))).toHaveLength(0);
    expect(openai.requests).toHaveLength(1);
    expect(JSON.stringify(openai.requests[0]!.body.messages)).toContain('amazing customer service guys, really');
  });

  it('the same text again is judged from the cache: no second call', async () => {
    const before = openai.requests.length;
    await postComment(2, 'amazing customer service guys, really 🙃');
    await eventually(async () => cardsIn(services).length === 2, 'the second card');
    expect(openai.requests.length).toBe(before);
  });

  it('a message the rules are sure of is not sent to the model', async () => {
    const before = openai.requests.length;
    await postComment(3, 'Love the new colours, great photo');
    const decisions = await settled('Love the new colours, great photo');
    expect(decisions.map((decision) => decision.kind)).toEqual(['auto_reply']);
    expect(decisions[0]!.detail).not.toHaveProperty('decided_by');
    expect(openai.requests.length).toBe(before);
    await eventually(async () => services.graph.repliesTo(commentIdOf(3)).length === 1, 'the automatic reply');
  });

  it('when the model does not answer in time, the rules’ answer stands, recorded as decided by the rules', async () => {
    openai.script({ hang: true });
    const text = 'great, just great 🙄';
    await postComment(4, text);
    const decisions = await settled(text);
    expect(decisions.map((decision) => [decision.kind, decision.rule])).toEqual([['auto_reply', 'thank-praise']]);
    expect(decisions[0]!.detail).toMatchObject({
      decided_by: 'rules',
      judge: 'the model did not answer within 3000 ms; the rules decided',
    });
    await eventually(async () => services.graph.repliesTo(commentIdOf(4)).length === 1, 'the automatic reply');
  });
});

it('a judge: section without an OpenAI key is said at start-up, and the rules decide alone', () => {
  const engine = createEngine(loadConfig({ ...services.env, SWITCHBOARD_PLAYBOOK: playbookPath }));
  expect(engine.judge).toBeUndefined();
  expect(engine.warnings).toContain('the playbook has a judge: section, but OPENAI_API_KEY is not set: the rules decide alone');
});
