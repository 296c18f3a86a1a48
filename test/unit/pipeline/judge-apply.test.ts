import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../src/domain/decision.js';
import type { Message } from '../../../src/domain/message.js';
import { parsePlaybook } from '../../../src/playbook/index.js';
import { applyJudgement, JUDGE_RULE, type Judgement } from '../../../src/pipeline/judge-apply.js';
import { unsureMarkers } from '../../../src/pipeline/judge-message.js';

const sarcastic: Judgement = { unsure: ['🙃'], outcome: { verdict: { needsPerson: true, reason: 'sarcastic' } } };
const sincere: Judgement = { unsure: ['🙃'], outcome: { verdict: { needsPerson: false, reason: 'sincere' } } };
const timedOut: Judgement = { unsure: ['🙃'], outcome: { failure: 'the model did not answer within 3000 ms' } };

const reply: Decision = { kind: 'auto_reply', rule: 'thank-praise', matched: ['amazing'], text: 'Thank you!', source: 'praise' };
const handoff: Decision = { kind: 'handoff', rule: 'complaint', matched: ['broken'], priority: 'high' };

describe('applyJudgement', () => {
  it('without a judgement, the decisions are the rules’ own, untouched', () => {
    expect(applyJudgement([reply], undefined)).toEqual([reply]);
  });

  it('a model that says a person should answer turns an automatic reply into a handoff, the reply kept as a draft', () => {
    const decided = applyJudgement([reply, { kind: 'ignore', rule: 'x', matched: [] }], sarcastic);
    expect(decided.map((decision) => [decision.kind, decision.rule])).toEqual([
      ['handoff', JUDGE_RULE],
      ['draft', 'thank-praise'],
    ]);
    expect(decided[0]).toMatchObject({ matched: ['🙃'], priority: 'normal', detail: { decided_by: 'model' } });
    expect(decided[1]).toMatchObject({ text: 'Thank you!', detail: { decided_by: 'model' } });
  });

  it('a message the rules left alone is handed off too', () => {
    expect(applyJudgement([], sarcastic).map((decision) => decision.kind)).toEqual(['handoff']);
  });

  it('agreement is recorded as the model’s decision, changing nothing else', () => {
    const [decided] = applyJudgement([handoff], sarcastic);
    expect(decided).toEqual({ ...handoff, detail: { decided_by: 'model', judge: 'the model agreed with the rules: sarcastic' } });
    expect(applyJudgement([reply], sincere)[0]).toMatchObject({ kind: 'auto_reply', detail: { decided_by: 'model' } });
  });

  it('the model never takes a message away from a person: the rules’ handoff stands', () => {
    const [decided] = applyJudgement([handoff], sincere);
    expect(decided).toMatchObject({ kind: 'handoff', detail: { decided_by: 'rules' } });
    expect(String(decided!.detail!.judge)).toContain('never takes a message away');
  });

  it('without a verdict the rules decide, and the decision says why', () => {
    expect(applyJudgement([reply], timedOut)).toEqual([
      { ...reply, detail: { decided_by: 'rules', judge: 'the model did not answer within 3000 ms; the rules decided' } },
    ]);
  });

  it('the brand’s own messages and the team’s are never judged', () => {
    const own: Decision = { kind: 'ignore', rule: 'safety:team-author', matched: [] };
    expect(applyJudgement([own], sarcastic)).toEqual([own]);
  });
});

const JUDGED = `version: 1
judge:
  unsure_when:
    any:
      - emoji: ["🙃"]
      - { keywords: [really], question: false }
rules:
  - id: any
    when: {}
    then: [{ ignore: true }]
`;

const message = (text: string, fromSelf = false): Message =>
  ({
    platform: 'facebook',
    kind: 'comment',
    externalId: 'c1',
    accountId: 'page',
    text,
    author: { id: 'a1', name: 'Ann Lee' },
    createdAt: new Date('2026-11-30T10:00:00Z'),
    fromSelf,
  }) as Message;

describe('judge.unsure_when', () => {
  const playbook = parsePlaybook(JUDGED, 'judged.yml');

  it('names what made the rules unsure, or null when they are sure', () => {
    expect(unsureMarkers(playbook, message('amazing service 🙃'), {})).toEqual(['🙃']);
    expect(unsureMarkers(playbook, message('Really great, thanks'), {})).toEqual(['Really']);
    expect(unsureMarkers(playbook, message('really?'), {})).toBeNull();
    expect(unsureMarkers(playbook, message('great service'), {})).toBeNull();
    expect(unsureMarkers(playbook, message('our own 🙃', true), {})).toBeNull();
  });

  it('a playbook without judge: is never unsure', () => {
    const plain = parsePlaybook(JUDGED.replace(/judge:[\s\S]*?rules:/u, 'rules:'), 'plain.yml');
    expect(plain.judge).toBeUndefined();
    expect(unsureMarkers(plain, message('amazing 🙃'), {})).toBeNull();
  });

  it('takes its defaults, and refuses conditions that need history, which the judge does not see', () => {
    expect(playbook.judge).toMatchObject({ timeoutMs: 3000, batchWaitMs: 50, maxBatch: 20, cacheSize: 1000 });
    expect(() => parsePlaybook(JUDGED.replace('emoji: ["🙃"]', 'author_messages: { window: 1h, more_than: 2 }'), 'bad.yml')).toThrow(
      /^bad\.yml:5:26: judge\.unsure_when\.any\[0\]\.author_messages: expected a condition on the message alone/u,
    );
  });
});
