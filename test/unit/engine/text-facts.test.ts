import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decide } from '../../../src/engine/decide.js';
import { textFacts } from '../../../src/engine/text-facts.js';
import { loadPlaybook } from '../../../src/playbook/load.js';
import { packageRoot } from '../../../src/playbook/package-root.js';
import { context, exampleTexts, message, minutesAgo } from './support.js';

const CRAFTED = [
  'zero complaints here, 3rd order and still perfect',
  'Ninguna queja, llegó perfecto',
  'Κανένα παράπονο',
  'I hate Mondays but this post made my day',
  "I don't hate it, I love it",
  'I hate this, I want a refund now or I will sue',
  'check out my channel and subscribe to me!! kidsmediausa . com',
  'fuck you, this is a scam https://spam.example.net/win',
  'visit https://shop.example.com/prices or mail me at anna@example.org 🔥',
  'even though I hate waiting, the quality is amazing and I love it',
];
const ALL = [...exampleTexts('inbox.jsonl'), ...exampleTexts('comments.labelled.jsonl'), ...CRAFTED];
const CONTEXTS = {
  quiet: () => context(),
  'a tagged author after a handoff': () =>
    context({
      author: { ...context().author, tags: ['posted-link'], recentHandoffs: minutesAgo(30), recentTriggers: minutesAgo(5, 10, 20) },
    }),
};

describe('text facts worked out ahead give the decisions decide works out itself', () => {
  for (const source of [undefined, join(packageRoot(), 'examples', 'sarcasm-judge.yml')]) {
    const playbook = loadPlaybook(source);
    for (const [name, make] of Object.entries(CONTEXTS)) {
      it(`${playbook.name}, ${name}: every example text, explanations of negation and contrast included`, () => {
        let discounted = 0;
        for (const text of ALL) {
          const sample = message(text);
          const language = playbook.detectLanguage(text);
          const lazy = decide(sample, { ...make(), language }, playbook);
          const facts = structuredClone(textFacts(sample, playbook, language));
          expect(decide(sample, { ...make(), language }, playbook, facts), text).toEqual(lazy);
          // Without a language in the context, the facts' own.
          expect(decide(sample, make(), playbook, facts), text).toEqual(decide(sample, make(), playbook));
          if (JSON.stringify(lazy).includes('not_counted') || JSON.stringify(lazy).includes('negated by')) discounted += 1;
        }
        if (playbook.source === 'default') expect(discounted).toBeGreaterThan(0);
      });
    }
  }

  it('works out again what depends on the language when the context reads the message in another one', () => {
    const playbook = loadPlaybook();
    for (const text of CRAFTED) {
      const sample = message(text);
      const facts = textFacts(sample, playbook, 'en');
      for (const language of ['es', 'it', 'el']) {
        expect(decide(sample, context({ language }), playbook, facts), `${text} (${language})`).toEqual(
          decide(sample, context({ language }), playbook),
        );
      }
    }
  });

  it('works out negation and positivity only for the terms a condition may discount', () => {
    const playbook = loadPlaybook();
    const facts = textFacts(message('I hate Mondays but this post made my day, price?'), playbook, 'en');
    const asked = facts.termHits.map((hit) => playbook.discountedTerms?.has(hit.term) === true);
    expect(asked).toContain(true);
    expect(asked).toContain(false);
    facts.termHits.forEach((_, index) => {
      expect(facts.negatedBy[index] === undefined).toBe(!asked[index]);
      expect(facts.positiveWhy[index] === undefined).toBe(!asked[index]);
    });
  });
});
