import type { Guardrails } from '../engine/compiled.js';
import { findReplyProblems } from '../engine/reply-guard.js';

/**
 * What is wrong with a draft before a person sees it, in words for the card; empty when it
 * passes. A draft that so much as mentions a forbidden promise is refused: whether to make
 * that promise is a person's call, in their own words. `allowPromises` are the promises the
 * draft's rule allows on top of the playbook's.
 */
export const checkDraft = (text: string, guardrails: Guardrails, allowPromises: readonly string[] = []): string[] => {
  const problems: string[] = [];
  if (text.trim().length === 0) problems.push('the draft is empty');
  if (text.length > guardrails.maxLength)
    problems.push(`the draft is ${text.length} characters, over the limit of ${guardrails.maxLength}`);
  for (const finding of findReplyProblems(text, guardrails, allowPromises)) problems.push(finding.words);
  return problems;
};
