import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../src/domain/decision.js';
import { decide } from '../../../src/engine/decide.js';
import { foldText } from '../../../src/engine/fold-text.js';
import { negationOf } from '../../../src/engine/negation.js';
import { NOT_COUNTED_RULE } from '../../../src/engine/not-counted.js';
import { loadPlaybook } from '../../../src/playbook/load.js';
import { context, message, playbook } from './support.js';

const defaults = loadPlaybook();
const run = (text: string): Decision[] => decide(message(text), context(), defaults);
const kinds = (decisions: Decision[]) => decisions.map((decision) => decision.kind);

/** The negator of `term` in `text`, as written, or null. */
const negation = (text: string, term: string): string | null => {
  const view = foldText(text);
  const start = view.text.indexOf(foldText(term).text);
  return negationOf(view, start, start + foldText(term).text.length);
};

describe('negation', () => {
  it.each([
    ['en', 'zero complaints here, 3rd order and still perfect', 'complaints', 'zero'],
    ['en', 'Not a single complaint', 'complaint', 'Not'],
    ['en', 'never had any complaints', 'complaints', 'never'],
    ['en', 'nothing to complain about', 'complain', 'nothing'],
    ['en', "can't complain", 'complain', "can't"],
    ['en', 'Complaints? None.', 'Complaints', 'None'],
    ['es', 'Ninguna queja, llegó perfecto', 'queja', 'Ninguna'],
    ['el', 'Κανένα παράπονο', 'παράπονο', 'Κανένα'],
    ['el', 'Δεν έχω κανένα παράπονο', 'παράπονο', 'κανένα'],
    ['pt', 'sem reclamação', 'reclamação', 'sem'],
    ['de', 'keine Beschwerde', 'Beschwerde', 'keine'],
    ['de', 'kein Grund zur Beschwerde', 'Beschwerde', 'kein'],
    ['fr', 'aucune plainte', 'plainte', 'aucune'],
    ['it', 'nessuna lamentela', 'lamentela', 'nessuna'],
    ['ka', 'არანაირი საჩივარი', 'საჩივარი', 'არანაირი'],
    ['ka', 'საჩივარი არ მაქვს', 'საჩივარი', 'არ მაქვს'],
  ])('[%s] %s', (_language, text, term, negator) => {
    expect(negation(text, term)).toBe(negator);
  });

  it.each([
    ['No reply to my complaint after two weeks', 'complaint'],
    ['I have a complaint', 'complaint'],
    ['No, I want to complain', 'complain'],
    ['Tengo una queja', 'queja'],
    ['Meine Beschwerde wurde nicht bearbeitet', 'Beschwerde'],
    ['complaint: none of your staff answered', 'complaint'],
  ])('leaves a real complaint alone: %s', (text, term) => {
    expect(negation(text, term)).toBeNull();
  });
});

describe('praise with a trigger word is neither handed off nor hidden', () => {
  it.each([
    ['en', 'zero complaints here, 3rd order and still perfect'],
    ['en', 'Not a single complaint, arrived in two days'],
    ['en', 'I hate Mondays but this post made my day'],
    ['en', "I don't hate it at all, it grew on me"],
    ['es', 'Ninguna queja, llegó perfecto'],
    ['es', 'Odio los lunes, pero este post me alegró el día'],
    ['el', 'Κανένα παράπονο'],
    ['el', 'Μισώ τις Δευτέρες, αλλά αυτό το ποστ μου έφτιαξε τη μέρα'],
    ['ka', 'არანაირი საჩივარი, ყველაფერი მშვენიერია'],
    ['ka', 'მძულს ორშაბათები, მაგრამ ამ პოსტმა დღე გამილამაზა'],
    ['pt', 'Sem reclamação nenhuma, chegou perfeito'],
    ['pt', 'Odeio segundas-feiras, mas este post fez o meu dia'],
    ['de', 'Keine Beschwerde, alles perfekt'],
    ['de', 'Ich hasse Montage, aber dieser Post hat meinen Tag gerettet'],
    ['fr', 'Aucune plainte, tout est parfait'],
    ['fr', 'Je déteste les lundis, mais ce post a illuminé ma journée'],
    ['it', 'Nessuna lamentela, tutto perfetto'],
    ['it', 'Odio il lunedì, ma questo post mi ha migliorato la giornata'],
  ])('[%s] %s', (_language, text) => {
    const decisions = run(text);
    expect(kinds(decisions)).not.toContain('handoff');
    expect(kinds(decisions)).not.toContain('hide');
  });

  it.each([
    ['No reply to my complaint after two weeks', 'handoff-complaint'],
    ['I love the design but I hate how rude your support was', 'handoff-hate'],
    ['I hate this shop', 'handoff-hate'],
    ['Σας μισώ', 'handoff-hate'],
    ['Tengo una queja, nadie responde', 'handoff-complaint'],
    ['Ich habe eine Beschwerde', 'handoff-complaint'],
    ['No refund yet after three weeks', 'handoff-refund'],
  ])('still hands off %s', (text, rule) => {
    expect(run(text).find((decision) => decision.kind === 'handoff')).toMatchObject({ rule });
  });
});

describe('the explanation says what did not count', () => {
  it('puts a lone ignore decision on a message nothing acted on', () => {
    expect(run('zero complaints here, 3rd order and still perfect')).toEqual([
      {
        kind: 'ignore',
        rule: NOT_COUNTED_RULE,
        matched: ['complaints'],
        detail: { notCounted: ['"complaints" not counted for handoff-complaint: negated by "zero"'] },
      },
    ]);
  });

  it('names the contrast that tipped a sentence', () => {
    const [decision] = run('I hate Mondays but this post made my day');
    expect(decision?.detail?.notCounted).toEqual(['"hate" not counted for handoff-hate: the sentence is positive after "but"']);
    const [conceded] = run('This made my day, even though I hate Mondays');
    expect(conceded?.detail?.notCounted).toEqual(['"hate" not counted for handoff-hate: the sentence is positive after "even though"']);
  });

  it('adds the explanation to the decisions that were made', () => {
    const decisions = run('No complaints about the mug, but I want a refund');
    expect(decisions.find((decision) => decision.kind === 'handoff')).toMatchObject({
      rule: 'handoff-refund',
      detail: { notCounted: ['"complaints" not counted for handoff-complaint: negated by "No"'] },
    });
  });

  it('only where a rule asks for it', () => {
    const book = playbook('rules:\n  - id: plain\n    when: { keywords: [complain*] }\n    then: [{ tag: hit }]\n');
    expect(decide(message('zero complaints'), context(), book)).toMatchObject([{ kind: 'tag', matched: ['complaints'] }]);
    expect(() => playbook('rules:\n  - id: r\n    when: { unless: [negated] }\n    then: [{ tag: hit }]\n')).toThrow(
      /test\.yaml:4:\d+: rules\[0\]\.when\.unless: expected keywords or emoji next to unless/u,
    );
  });
});
