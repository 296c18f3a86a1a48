import type { Message } from '../domain/message.js';
import type { CompiledPlaybook } from './compiled.js';
import { emptyContext } from './context.js';
import { Facts } from './facts.js';
import type { Script } from './language.js';
import type { FoundLink } from './links.js';
import type { SpamFinding } from './spam.js';
import type { TermHit } from './term-matcher.js';

/**
 * A message's facts that depend only on its text and the playbook, as plain data: a replay
 * works them out on another thread and hands them to `decide`, which reads them instead of
 * computing. The facts a default-shaped playbook asks for; any other is still worked out lazily.
 */
export interface TextFacts {
  /** The language the message is read in (the one `positiveWhy` was worked out with). */
  language: string;
  script: Script;
  sentiment: number;
  termHits: TermHit[];
  /**
   * Per term hit, in order: the word that negates it, as written, or null; undefined (not worked
   * out) for a hit no `unless` can discount.
   */
  negatedBy: (string | null | undefined)[];
  /** Per term hit, in order: why its sentence is plainly positive, or null; undefined as for `negatedBy`. */
  positiveWhy: (string | null | undefined)[];
  links: FoundLink[];
  emails: string[];
  profanity: string[];
  insults: string[];
  spam: SpamFinding[];
}

/** The text facts of `message` under `playbook`, read in `language` (detected when not given). Pure. */
export const textFacts = (message: Message, playbook: CompiledPlaybook, language?: string): TextFacts => {
  const context = emptyContext(message.createdAt, () => 0);
  if (language !== undefined) context.language = language;
  const facts = new Facts(message, context, playbook);
  const termHits = facts.termHits;
  const discounted = playbook.discountedTerms;
  const asked = (hit: TermHit): boolean => discounted?.has(hit.term) === true;
  return {
    language: facts.language,
    script: facts.script,
    sentiment: facts.sentiment,
    termHits,
    negatedBy: termHits.map((hit) => (asked(hit) ? facts.negatedBy(hit) : undefined)),
    positiveWhy: termHits.map((hit) => (asked(hit) ? facts.positiveWhy(hit) : undefined)),
    links: facts.links,
    emails: facts.emails,
    profanity: facts.profanity,
    insults: facts.insults,
    spam: facts.spam,
  };
};
