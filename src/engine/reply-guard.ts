import type { Guardrails } from './compiled.js';
import { deobfuscate, deobfuscateTerm } from './deobfuscate.js';
import { foldText, type TextView } from './fold-text.js';
import { isAllowedHost } from './links.js';
import { PROMISES } from './promise-lists.js';
import { findCodes, findPhones, findTags } from './reply-contacts.js';
import { findDisguisedLinkables } from './reply-links.js';
import { hitsFor, TermMatcher } from './term-matcher.js';

export type CheckName = 'link' | 'email' | 'phone' | 'mention' | 'hashtag' | 'code' | 'phrase' | 'promise' | 'profanity';

/** One thing a reply must not carry. */
export interface Finding {
  check: CheckName;
  /** What was found (a link as it reads undisguised). */
  text: string;
  /** Why the reply is refused, in words for the card. */
  words: string;
}

interface CompiledChecks {
  phrases: TermMatcher;
  phraseIds: Set<number>;
  promises: TermMatcher;
  promiseKinds: [string, Set<number>][];
}

const compiled = new WeakMap<Guardrails, CompiledChecks>();
const ONE_WORD = /^[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*$/u;

const compile = (guardrails: Guardrails): CompiledChecks => {
  const known = compiled.get(guardrails);
  if (known !== undefined) return known;
  const phrases = new TermMatcher();
  const phraseIds = new Set(guardrails.forbiddenPhrases.map((phrase) => phrases.add(phrase)).filter((id) => id >= 0));
  // Promises are matched like profanity, so `r3fund` and `refuuund` are refunds too.
  const promises = new TermMatcher(deobfuscateTerm);
  const kinds = new Map<string, Set<number>>();
  for (const source of [PROMISES, guardrails.forbiddenPromises]) {
    for (const [kind, terms] of Object.entries(source)) {
      if (guardrails.allowPromises.includes(kind)) continue;
      const ids = kinds.get(kind) ?? new Set<number>();
      for (const term of terms) {
        const id = promises.add(term);
        if (id >= 0) ids.add(id);
      }
      kinds.set(kind, ids);
    }
  }
  const result: CompiledChecks = { phrases, phraseIds, promises, promiseKinds: [...kinds] };
  compiled.set(guardrails, result);
  return result;
};

const contactFindings = (text: string, folded: string, guardrails: Guardrails): Finding[] => {
  const found: Finding[] = [];
  const { links, emails } = findDisguisedLinkables(folded);
  for (const link of links) {
    if (isAllowedHost(link.host, guardrails.allowedLinks)) continue;
    const how = link.disguised ? ' (disguised)' : '';
    found.push({ check: 'link', text: link.text, words: `it links to ${link.text}${how}, which is not on the allow-list` });
  }
  for (const email of emails) found.push({ check: 'email', text: email, words: `it carries an email address (${email})` });
  for (const phone of findPhones(folded)) found.push({ check: 'phone', text: phone, words: `it carries a phone number (${phone})` });
  const { mentions, hashtags } = findTags(folded, guardrails.allowedTags);
  for (const tag of mentions) found.push({ check: 'mention', text: tag, words: `it mentions or tags an account (${tag})` });
  for (const tag of hashtags) {
    found.push({ check: 'hashtag', text: tag, words: `it carries the hashtag ${tag}, which the playbook does not allow` });
  }
  for (const code of findCodes(text, folded, guardrails.allowedCodes)) {
    found.push({ check: 'code', text: code, words: `it carries the code ${code}, which the playbook does not allow` });
  }
  return found;
};

const wordFindings = (view: TextView, guardrails: Guardrails, allowPromises: readonly string[]): Finding[] => {
  const found: Finding[] = [];
  const checks = compile(guardrails);
  for (const phrase of hitsFor(checks.phrases.match(view), checks.phraseIds)) {
    found.push({ check: 'phrase', text: phrase, words: `it uses the forbidden phrase "${phrase}"` });
  }
  const promiseHits = checks.promises.match(deobfuscate(view));
  for (const [kind, terms] of checks.promiseKinds) {
    if (allowPromises.includes(kind)) continue;
    const words = hitsFor(promiseHits, terms);
    if (words.length > 0) {
      found.push({
        check: 'promise',
        text: words[0] as string,
        words: `it promises a ${kind} ("${words[0]}"), which only a person may do`,
      });
    }
  }
  for (const word of guardrails.profanity.find(view))
    found.push({ check: 'profanity', text: word, words: `it contains profanity ("${word}")` });
  return found;
};

/**
 * Everything a reply carries that no reply may, whoever wrote it: links off the allow-list
 * (disguised or not), email addresses, phone numbers, mentions and tags, codes, forbidden
 * phrases, promises (refund, compensation, free replacement, discount) the playbook or the
 * rule (`allowPromises`) does not allow, and profanity in any language the engine knows.
 */
export const findReplyProblems = (text: string, guardrails: Guardrails, allowPromises: readonly string[] = []): Finding[] => {
  const view = foldText(text);
  // One word of letters (a first name, say) holds no link, address, number, tag or code.
  if (ONE_WORD.test(text)) return wordFindings(view, guardrails, allowPromises);
  return [...contactFindings(text, view.text, guardrails), ...wordFindings(view, guardrails, allowPromises)];
};
