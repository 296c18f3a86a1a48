import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLlmSentiment } from '../../../src/drafts/index.js';
import { decide } from '../../../src/engine/decide.js';
import { loadPlaybook } from '../../../src/playbook/load.js';
import { startFakeOpenAi, type FakeOpenAi } from '../../fakes/fake-openai.js';
import { context, message } from '../engine/support.js';

describe('createLlmSentiment', () => {
  let fake: FakeOpenAi;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
  });
  afterAll(async () => {
    await fake.close();
  });

  it('returns the model’s score, which the engine then uses over its lexicon', async () => {
    fake.script({ content: JSON.stringify({ score: -0.8 }) });
    const classify = createLlmSentiment({ apiKey: 'sk-test', baseUrl: fake.baseUrl, model: 'gpt-test' });
    const score = await classify('Well, that went great. Third broken one.');
    expect(score).toBe(-0.8);
    expect(fake.requests.at(-1)?.body.response_format?.json_schema?.name).toBe('sentiment');
    const decisions = decide(message('Well, that went great. Third broken one.'), context({ sentiment: score }), loadPlaybook());
    expect(decisions.map((d) => d.rule)).toContain('handoff-negative');
  });

  it('answers undefined on failure, so the lexicon decides', async () => {
    fake.script({ status: 503, error: { message: 'overloaded', type: 'server_error' } });
    const classify = createLlmSentiment({ apiKey: 'sk-test', baseUrl: fake.baseUrl, model: 'gpt-test' });
    expect(await classify('hello')).toBeUndefined();
  });
});
