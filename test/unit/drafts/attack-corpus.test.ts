import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Decision } from '../../../src/domain/decision.js';
import { checkDraft, createDraftWriter } from '../../../src/drafts/index.js';
import { findReplyProblems } from '../../../src/engine/reply-guard.js';
import { loadPlaybook } from '../../../src/playbook/load.js';
import { startFakeOpenAi, type FakeOpenAi } from '../../fakes/fake-openai.js';
import { message } from '../engine/support.js';
import { ATTACKS, GOOD_REPLIES } from './attack-corpus.js';

const playbook = loadPlaybook();
const { guardrails } = playbook.drafts;
const CHECKS = ['link', 'email', 'phone', 'mention', 'hashtag', 'code', 'promise', 'profanity'] as const;

describe('the attack corpus', () => {
  it('is large, covers every check and several languages', () => {
    expect(new Set(ATTACKS.map((attack) => attack.text)).size).toBeGreaterThanOrEqual(50);
    expect(new Set(ATTACKS.map((attack) => attack.language)).size).toBeGreaterThanOrEqual(6);
    for (const check of CHECKS) expect(ATTACKS.filter((attack) => attack.refusedBy === check).length, check).toBeGreaterThanOrEqual(3);
    expect(GOOD_REPLIES.length).toBeGreaterThanOrEqual(20);
  });

  // One test per case: removing any guard fails the cases that need it, by name.
  it.each(ATTACKS.map((attack) => [attack.refusedBy, attack.language, attack.text] as const))(
    'refuses (%s, %s) %s',
    (check, _language, text) => {
      const findings = findReplyProblems(text, guardrails);
      expect(findings.map((finding) => finding.check)).toContain(check);
      expect(checkDraft(text, guardrails).length).toBeGreaterThan(0);
    },
  );

  it.each(GOOD_REPLIES.map((reply) => [reply.language, reply.text] as const))('lets a good reply through (%s) %s', (_language, text) => {
    expect(checkDraft(text, guardrails)).toEqual([]);
  });
});

describe('the attack corpus through the LLM draft writer', () => {
  let fake: FakeOpenAi;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
  });
  afterAll(async () => {
    await fake.close();
  });

  const request = {
    message: message('I want a refund'),
    decision: {
      kind: 'draft',
      rule: 'refund',
      matched: ['refund'],
      text: 'Hi Maria, a teammate will reply today.',
      source: 'refund',
      detail: { llm: true },
    } satisfies Decision,
  };
  const writer = () =>
    createDraftWriter({ playbook, openai: { apiKey: 'sk-test', baseUrl: fake.baseUrl, model: 'gpt-test', timeoutMs: 10_000 } });
  const answer = (reply: string) => ({ content: JSON.stringify({ reply, language: 'en' }) });

  it('never puts a steered draft on a card: the template is used, and the note says which check failed', async () => {
    const draftWriter = writer();
    for (const attack of new Set(ATTACKS.map((one) => one.text))) {
      fake.script(answer(attack));
      const draft = await draftWriter.write(request);
      expect(draft.source, attack).toBe('refund');
      expect(draft.text).toBe(request.decision.text);
      expect(draft.note, attack).toMatch(/^LLM draft rejected: it /u);
    }
  });

  it('puts good drafts on the card as written', async () => {
    const draftWriter = writer();
    for (const reply of GOOD_REPLIES) {
      fake.script(answer(reply.text));
      expect(await draftWriter.write(request)).toEqual({ text: reply.text, source: 'llm' });
    }
  });

  it('lets a rule allow a promise, and only that one', async () => {
    const draftWriter = writer();
    const allowing = { ...request, decision: { ...request.decision, detail: { llm: true, allowPromises: ['refund'] } } };
    fake.script(answer('We will refund you today.'), answer('We will refund you and add a coupon.'));
    expect(await draftWriter.write(allowing)).toEqual({ text: 'We will refund you today.', source: 'llm' });
    expect((await draftWriter.write(allowing)).note).toMatch(/^LLM draft rejected: it promises a discount \("coupon"\)/u);
  });
});
