import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../src/domain/decision.js';
import { decide } from '../../../src/engine/decide.js';
import { REPLY_GUARD_RULE } from '../../../src/engine/replies.js';
import { loadPlaybook } from '../../../src/playbook/load.js';
import { context, message, playbook } from './support.js';

const named = (name: string, text = 'hello') => message(text, { author: { id: 'u-7', name: `${name} Smith`, username: 'someone' } });

const book = (then: string, template = '"Hi {{first_name|there}}, thanks for writing!"', guardrails = '') =>
  playbook(`${guardrails}templates:
  hello:
    en: ${template}
rules:
  - id: r
    when: { keywords: [hello] }
    then: ${then}
`);

const only = (decisions: Decision[], kind: Decision['kind']) => decisions.filter((decision) => decision.kind === kind);

describe('template replies pass the reply checks', () => {
  it('interpolates an ordinary name, in any script', () => {
    for (const name of ['Maria', 'Γιώργος', 'José', 'Zoë', "O'Brien", 'Anne-Marie']) {
      const [reply] = decide(named(name), context(), book('[{ auto_reply: hello }]'));
      expect(reply).toMatchObject({ kind: 'auto_reply', text: `Hi ${name}, thanks for writing!` });
    }
  });

  it('does not interpolate a name that carries a link, contact, tag, code, promise or profanity: the fallback is used', () => {
    const hostile = [
      'evil.com',
      'evil[.]com',
      'evil．com',
      'hxxp://evil',
      'support@evil.com',
      '+306912345678',
      '@competitor_brand',
      '@[100012345678901]',
      '#ad',
      'SAVE50',
      'r3fund',
      'Reembolso',
      'f*ck',
      'Μαλάκα',
      'Scheiße',
    ];
    for (const name of hostile) {
      const decisions = decide(named(name), context(), book('[{ auto_reply: hello }]'));
      expect(decisions, name).toEqual([expect.objectContaining({ kind: 'auto_reply', text: 'Hi there, thanks for writing!' })]);
    }
  });

  it('uses the fallback in the default playbook’s automatic replies too', () => {
    const decisions = decide(named('evil.com', 'How much is it?'), context(), loadPlaybook());
    const reply = only(decisions, 'auto_reply')[0];
    expect(reply?.text).toBeDefined();
    expect(reply?.text).not.toMatch(/evil/u);
    expect(only(decisions, 'handoff')).toEqual([]);
  });

  it('holds an automatic reply that only offends with the name in it, with a handoff saying why', () => {
    // "piss" alone passes; next to the template's "off" it does not.
    const decisions = decide(named('piss'), context(), book('[{ auto_reply: hello }]', '"Hey {{first_name|}} off we go!"'));
    expect(only(decisions, 'auto_reply')).toEqual([]);
    expect(only(decisions, 'draft')[0]).toMatchObject({ text: 'Hey off we go!', detail: { downgradedFrom: 'auto_reply' } });
    expect(only(decisions, 'handoff')[0]).toMatchObject({
      rule: REPLY_GUARD_RULE,
      detail: { reason: 'the automatic reply was held: it contains profanity ("piss off")', replyRule: 'r' },
    });
    const link = decide(named('evil'), context(), book('[{ auto_reply: hello }]', '"See {{first_name|}}.biz for more"'));
    expect(only(link, 'handoff')[0]?.detail?.reason).toMatch(/it links to evil\.biz, which is not on the allow-list/u);
    expect(only(link, 'draft')[0]?.text).toBe('See .biz for more');
  });

  it('catches a name that completes a phrase, a link or a promise next to the template’s words', () => {
    const cases: [string, string, RegExp][] = [
      ['evil', '"Find us on {{first_name|our shop}} dot com"', /it links to evil\.com \(disguised\)/u],
      ['evil', '"Find us on {{first_name|our shop}} [.] com"', /it links to evil\.com \(disguised\)/u],
      ['hijo', '"Hola {{first_name|amigo}} de puta madre"', /profanity \("hijo de puta"\)/u],
      ['one', '"We will send you a new {{first_name|item}} today"', /promises a replacement \("send you a new one"\)/u],
      ['Money', '"{{first_name|Hey}} back soon"', /promises a refund \("Money back"\)/u],
    ];
    for (const [name, template, reason] of cases) {
      const decisions = decide(named(name), context(), book('[{ auto_reply: hello }]', template));
      expect(only(decisions, 'handoff')[0]?.detail?.reason, template).toMatch(reason);
      expect(only(decisions, 'auto_reply')).toEqual([]);
    }
    // A stretched word is read as its folded self: "Offff" does not make "piss off" (nor would it in a message).
    const stretched = decide(named('Offff'), context(), book('[{ auto_reply: hello }]', '"Piss {{first_name|there}}"'));
    expect(only(stretched, 'auto_reply')).toHaveLength(1);
    const stem = playbook(`profanity: { add: ["hijo de put*"] }
templates: { hello: { en: "Hola hijo de {{first_name|amigo}}" } }
rules: [{ id: r, when: { keywords: [hello] }, then: [{ auto_reply: hello }] }]
`);
    expect(only(decide(named('Putona'), context(), stem), 'handoff')[0]?.detail?.reason).toMatch(/hijo de Putona/u);
  });

  it('gives a draft the no-name text without a handoff: a person reviews it anyway', () => {
    const decisions = decide(named('piss'), context(), book('[{ draft: hello }]', '"Hey {{first_name|}} off we go!"'));
    expect(decisions).toEqual([expect.objectContaining({ kind: 'draft', text: 'Hey off we go!' })]);
  });

  it('leaves what the playbook itself wrote alone (its links, codes, promises)', () => {
    const template = '"Hi {{first_name|there}}! Use WELCOME10 at shop.acme.test, or we refund you."';
    const [reply] = decide(named('Maria'), context(), book('[{ auto_reply: hello }]', template));
    expect(reply).toMatchObject({ kind: 'auto_reply', text: 'Hi Maria! Use WELCOME10 at shop.acme.test, or we refund you.' });
  });

  it('lets a name through that only makes a promise the rule or the playbook allows', () => {
    expect(decide(named('Refund'), context(), book('[{ auto_reply: hello }]'))[0]?.text).toBe('Hi there, thanks for writing!');
    const byRule = decide(named('Refund'), context(), book('[{ auto_reply: { template: hello, allow_promises: [refund] } }]'));
    expect(byRule[0]).toMatchObject({ text: 'Hi Refund, thanks for writing!', detail: { allowPromises: ['refund'] } });
    const byPlaybook = book('[{ auto_reply: hello }]', undefined, 'drafts: { guardrails: { allow_promises: [refund] } }\n');
    expect(decide(named('Refund'), context(), byPlaybook)[0]?.text).toBe('Hi Refund, thanks for writing!');
  });

  it('refuses an allow_promises name it does not know, with the path', () => {
    expect(() => book('[{ draft: { template: hello, allow_promises: [refnd] } }]')).toThrow(
      /rules\[0\]\.then\[0\]\.draft\.allow_promises\[0\].*expected a promise name: refund, compensation, replacement, discount; got "refnd"/su,
    );
    expect(() => book('[{ draft: hello }]', undefined, 'drafts: { guardrails: { allow_promises: [gift] } }\n')).toThrow(/got "gift"/u);
    expect(() => book('[{ draft: hello }]', undefined, 'drafts: { guardrails: { allowed_tags: [acme] } }\n')).toThrow(/#acme/u);
  });
});
