import { CompileIssue } from '../engine/compile-issue.js';
import type { Guardrails } from '../engine/compiled.js';
import { compileNameRisk } from '../engine/name-risk.js';
import { compileProfanity, type ProfanityFilter } from '../engine/profanity.js';
import { PROFANITY } from '../engine/profanity-lists.js';
import { PROMISE_KINDS, PROMISES } from '../engine/promise-lists.js';
import type { PlaybookSpec } from '../playbook-spec/schema.js';

export const normalizeHost = (host: string): string =>
  host
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//u, '')
    .replace(/^www\./u, '')
    .replace(/\/.*$/u, '');

/** Refuses an `allow_promises` name that neither the engine nor the playbook's `forbidden_promises` knows. */
export const checkPromiseNames = (spec: PlaybookSpec, names: readonly string[] | undefined, path: (string | number)[]): void => {
  const known = new Set([...PROMISE_KINDS, ...Object.keys(spec.drafts?.guardrails?.forbidden_promises ?? {})]);
  names?.forEach((name, index) => {
    if (!known.has(name)) throw new CompileIssue([...path, index], `expected a promise name: ${[...known].join(', ')}; got "${name}"`);
  });
};

/**
 * The checks every draft and automatic reply passes. Profanity is checked in every built-in
 * language whatever `profanity.languages` says (a brand's reply swears in none), with the
 * playbook's own additions and exceptions.
 */
export const compileGuardrails = (spec: PlaybookSpec, messageProfanity: ProfanityFilter): Guardrails => {
  const guardrails = spec.drafts?.guardrails ?? {};
  checkPromiseNames(spec, guardrails.allow_promises, ['drafts', 'guardrails', 'allow_promises']);
  const words = spec.profanity ?? {};
  return {
    maxLength: guardrails.max_length ?? 600,
    allowedLinks: (guardrails.allowed_links ?? spec.links?.allow ?? []).map(normalizeHost),
    forbiddenPhrases: guardrails.forbidden_phrases ?? [],
    forbiddenPromises: guardrails.forbidden_promises ?? {},
    allowPromises: guardrails.allow_promises ?? [],
    allowedCodes: (guardrails.allowed_codes ?? []).map((code) => code.toUpperCase()),
    allowedTags: (guardrails.allowed_tags ?? []).map((tag) => tag.toLowerCase()),
    nameRisk: compileNameRisk([
      ...(guardrails.forbidden_phrases ?? []),
      ...Object.values(PROMISES).flat(),
      ...Object.values(guardrails.forbidden_promises ?? {}).flat(),
      ...Object.values(PROFANITY).flat(),
      ...(words.add ?? []),
    ]),
    profanity:
      words.languages === undefined
        ? messageProfanity
        : compileProfanity({ ...(words.add ? { add: words.add } : {}), ...(words.allow ? { allow: words.allow } : {}) }),
  };
};
