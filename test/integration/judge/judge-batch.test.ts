import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLlmJudge } from '../../../src/drafts/index.js';
import { type BatchOptions, createBatchedJudge } from '../../../src/pipeline/judge-batch.js';
import { dataOf, type FakeOpenAi, judgeBySarcasm, startFakeOpenAi } from '../../fakes/fake-openai.js';

let openai: FakeOpenAi;
beforeAll(async () => {
  openai = await startFakeOpenAi({ reply: judgeBySarcasm });
});
afterAll(async () => openai?.close());
beforeEach(() => {
  openai.requests.length = 0;
});

const judge = (options: Partial<BatchOptions> = {}) =>
  createBatchedJudge(createLlmJudge({ apiKey: 'sk-test', baseUrl: openai.baseUrl, model: 'gpt-test', timeoutMs: 5_000 }), {
    waitMs: 50,
    maxBatch: 20,
    cacheSize: 100,
    timeoutMs: 5_000,
    ...options,
  });

const texts = (count: number) => Array.from({ length: count }, (_, n) => `great job number ${n}${n % 2 === 0 ? ', really 🙃' : ''}`);

describe('the model judge, through the real openai SDK', () => {
  it('asks about messages that arrive together in one call, and gives each its own verdict', async () => {
    const ask = judge();
    const outcomes = await Promise.all(texts(6).map((text) => ask(text)));
    expect(openai.requests).toHaveLength(1);
    expect((dataOf(openai.requests[0]!.body).messages as unknown[]).length).toBe(6);
    expect(openai.requests[0]!.body.response_format?.json_schema?.name).toBe('verdicts');
    expect(outcomes.map((outcome) => 'verdict' in outcome && outcome.verdict.needsPerson)).toEqual([true, false, true, false, true, false]);
  });

  it('a batch of N pending questions takes fewer than N calls when the batch size is bounded', async () => {
    const ask = judge({ maxBatch: 4 });
    const outcomes = await Promise.all(texts(10).map((text) => ask(text)));
    expect(openai.requests.length).toBe(3);
    expect(outcomes.every((outcome) => 'verdict' in outcome)).toBe(true);
  });

  it('the same text is asked once: a cache hit makes no second call', async () => {
    const ask = judge();
    const first = await ask('amazing customer service guys, really 🙃');
    const again = await ask('  amazing customer service guys, really 🙃 ');
    expect(openai.requests).toHaveLength(1);
    expect(again).toEqual(first);
    const [a, b] = await Promise.all([ask('twice at once 🙃'), ask('twice at once 🙃')]);
    expect(openai.requests).toHaveLength(2);
    expect(a).toEqual(b);
  });

  it('the cache is bounded: the least recently used verdict is forgotten', async () => {
    const ask = judge({ cacheSize: 1 });
    await ask('first 🙃');
    await ask('second 🙃');
    await ask('first 🙃');
    expect(openai.requests).toHaveLength(3);
  });

  it('a model that does not answer in time leaves no verdict, and says so', async () => {
    openai.script({ hang: true });
    const outcome = await judge({ timeoutMs: 200 })('slow one 🙃');
    expect(outcome).toEqual({ failure: 'the model did not answer within 200 ms' });
  });

  it.each([
    ['an answer that does not fit the schema', { content: '{"verdicts": "sarcastic"}' }],
    ['an answer that is not JSON', { content: 'I think it is sarcastic.' }],
    ['an error', { status: 500, error: { message: 'boom', type: 'server_error' } }],
    ['a refusal', { refusal: 'I cannot help with that.' }],
  ] as const)('%s leaves no verdict', async (_what, answer) => {
    openai.script(answer);
    const outcome = await judge()(`broken ${_what} 🙃`);
    expect(outcome).toMatchObject({ failure: expect.stringMatching(/^the model failed/u) });
  });

  it('a message the model leaves out of its answer gets no verdict; the others do', async () => {
    openai.script({ content: JSON.stringify({ verdicts: [{ id: '1', needs_person: true, reason: 'sarcastic' }] }) });
    const ask = judge();
    const [kept, left] = await Promise.all([ask('kept 🙃'), ask('left out 🙃')]);
    expect(kept).toEqual({ verdict: { needsPerson: true, reason: 'sarcastic' } });
    expect(left).toEqual({ failure: 'the model gave no verdict for this message' });
  });
});
