import type { Guardrails } from '../engine/compiled.js';
import { foldText } from '../engine/fold-text.js';
import { findLinkables, isAllowedHost } from '../engine/links.js';
import { hitsFor, TermMatcher } from '../engine/term-matcher.js';

interface CompiledGuardrails {
  matcher: TermMatcher;
  phrases: Set<number>;
  promises: [string, Set<number>][];
}

const compiled = new WeakMap<Guardrails, CompiledGuardrails>();

const compile = (guardrails: Guardrails): CompiledGuardrails => {
  const known = compiled.get(guardrails);
  if (known !== undefined) return known;
  const matcher = new TermMatcher();
  const ids = (terms: readonly string[]) => new Set(terms.map((term) => matcher.add(term)).filter((id) => id >= 0));
  const result: CompiledGuardrails = {
    matcher,
    phrases: ids(guardrails.forbiddenPhrases),
    promises: Object.entries(guardrails.forbiddenPromises).map(([name, terms]) => [name, ids(terms)]),
  };
  compiled.set(guardrails, result);
  return result;
};

/**
 * What is wrong with a draft before a person sees it, in words for the card; empty when it
 * passes. A draft that so much as mentions a forbidden promise is refused: whether to make
 * that promise is a person's call, in their own words.
 */
export const checkDraft = (text: string, guardrails: Guardrails): string[] => {
  const problems: string[] = [];
  if (text.trim().length === 0) problems.push('the draft is empty');
  if (text.length > guardrails.maxLength)
    problems.push(`the draft is ${text.length} characters, over the limit of ${guardrails.maxLength}`);
  for (const link of findLinkables(text).links) {
    if (!isAllowedHost(link.host, guardrails.allowedLinks)) problems.push(`it links to ${link.text}, which is not on the allow-list`);
  }
  const { matcher, phrases, promises } = compile(guardrails);
  const hits = matcher.match(foldText(text));
  for (const phrase of hitsFor(hits, phrases)) problems.push(`it uses the forbidden phrase "${phrase}"`);
  for (const [name, terms] of promises) {
    const found = hitsFor(hits, terms);
    if (found.length > 0) problems.push(`it promises a ${name} ("${found[0]}"), which only a person may do`);
  }
  return problems;
};
