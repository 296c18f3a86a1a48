import { describe, expect, it } from 'vitest';
import { decide } from '../../../src/engine/decide.js';
import { context, message, playbook } from './support.js';

const TEMPLATES = `templates:
  hello:
    en: ["Hi {{first_name|there}}!", "Hello {{first_name|there}}!", "Hey {{first_name|there}}!"]
    el: "Γεια σου {{first_name|φίλε}}!"
`;
const run = (then: string, text = 'hello', overrides = {}, ctx = context()) =>
  decide(
    message(text, overrides),
    ctx,
    playbook(`${TEMPLATES}rules:\n  - id: r\n    when: { keywords: [hello, γεια] }\n    then: ${then}\n`),
  );

describe('actions', () => {
  it('auto_reply renders a template phrasing with the author’s first name', () => {
    const [reply] = run('[{ auto_reply: hello }]');
    expect(reply).toMatchObject({ kind: 'auto_reply', rule: 'r', matched: ['hello'], source: 'hello' });
    expect(reply?.text).toMatch(/^(Hi|Hello|Hey) Maria!$/u);
    expect(reply?.detail?.phrasing).toMatch(/^hello\.en\.[123]$/u);
  });

  it('auto_reply uses the fallback when the author has no name, and the author’s language', () => {
    expect(run('[{ auto_reply: hello }]', 'hello', { author: { id: 'u' } })[0]?.text).toMatch(/there!$/u);
    expect(run('[{ auto_reply: { template: hello } }]', 'Γεια!')[0]).toMatchObject({ text: 'Γεια σου Maria!', detail: { language: 'el' } });
  });

  it('draft renders the template and records whether an LLM draft was asked for', () => {
    expect(run('[{ draft: hello }]')[0]).toMatchObject({ kind: 'draft', source: 'hello' });
    expect(run('[{ draft: { template: hello, llm: true } }]')[0]?.detail).toMatchObject({ llm: true });
  });

  it('hide, delete, propose_block, tag, lead, ignore', () => {
    expect(run('[{ hide: true }]')).toEqual([{ kind: 'hide', rule: 'r', matched: ['hello'] }]);
    expect(run('[{ delete: true }]')[0]?.kind).toBe('delete');
    expect(run('[{ propose_block: { reason: spam } }]')[0]).toMatchObject({ kind: 'propose_block', detail: { reason: 'spam' } });
    expect(run('[{ tag: vip }]')[0]).toMatchObject({ kind: 'tag', tag: 'vip' });
    expect(run('[{ lead: { value: 250 } }]')[0]).toMatchObject({ kind: 'lead', detail: { value: 250 } });
    expect(run('[{ ignore: true }]')).toEqual([{ kind: 'ignore', rule: 'r', matched: ['hello'] }]);
  });

  it('handoff and escalate carry priority, channel and mentions', () => {
    expect(run('[{ handoff: true }]')[0]).toMatchObject({ kind: 'handoff', priority: 'normal' });
    expect(run('[{ handoff: { priority: high, channel: C123, reason: vip } }]')[0]).toMatchObject({
      priority: 'high',
      channel: 'C123',
      detail: { reason: 'vip' },
    });
    expect(run('[{ escalate: { mentions: ["<@U1>"] } }]')[0]).toMatchObject({
      kind: 'escalate',
      priority: 'urgent',
      detail: { mentions: ['<@U1>'] },
    });
  });

  it('stop ends evaluation; otherwise every matching rule adds its decisions', () => {
    const book = playbook(`rules:
  - { id: a, when: { keywords: [x] }, then: [{ tag: a }], stop: true }
  - { id: b, when: {}, then: [{ tag: b }] }
`);
    expect(decide(message('x'), context(), book).map((d) => d.tag)).toEqual(['a']);
    expect(decide(message('y'), context(), book).map((d) => d.tag)).toEqual(['b']);
  });

  it('ignore stands only when nothing else acts', () => {
    const book = playbook(`rules:
  - { id: a, when: {}, then: [{ hide: true }] }
  - { id: b, when: {}, then: [{ ignore: true }] }
`);
    expect(decide(message('x'), context(), book).map((d) => d.kind)).toEqual(['hide']);
  });
});
