import type { Priority } from '../domain/decision.js';
import type { TemplatePart } from '../templates/render-template.js';
import type { ActionSpec, FunnelStepSpec, PlaybookSpec } from '../playbook-spec/schema.js';
import type { Calendar } from './business-hours.js';
import type { Facts } from './facts.js';
import type { Detector } from './language.js';
import type { NameRisk } from './name-risk.js';
import type { ProfanityFilter } from './profanity.js';
import type { SentimentModel } from './sentiment.js';
import type { SpamDetector } from './spam.js';
import type { TermMatcher } from './term-matcher.js';

/** A satisfied condition returns what matched (possibly nothing); an unsatisfied one null. */
export type Condition = (facts: Facts) => string[] | null;

export interface Phrasing {
  /** `<template>.<language>.<n>`, recorded so the same phrasing is not sent twice in a row. */
  id: string;
  parts: TemplatePart[];
}

export interface CompiledTemplate {
  id: string;
  byLanguage: ReadonlyMap<string, readonly Phrasing[]>;
}

export interface CompiledRule {
  id: string;
  description?: string;
  when: Condition;
  then: readonly ActionSpec[];
  stop: boolean;
}

export interface CompiledFunnelStep extends FunnelStepSpec {
  id: string;
  /** Term ids of each choice's keywords, in order. */
  choiceTerms: ReadonlySet<number>[];
}

export interface CompiledFunnel {
  id: string;
  start: string;
  expireAfterMs: number;
  maxRetries: number;
  steps: ReadonlyMap<string, CompiledFunnelStep>;
}

export interface Cap {
  max: number;
  windowMs: number;
}

export interface Guardrails {
  maxLength: number;
  allowedLinks: readonly string[];
  forbiddenPhrases: readonly string[];
  /** Promise name (refund, discount…) → phrases that make it, on top of the built-in lists. */
  forbiddenPromises: Readonly<Record<string, readonly string[]>>;
  /** Promise names every draft and reply may make (a rule can allow more). */
  allowPromises: readonly string[];
  /** Codes (upper case) and tags (`#…`, `@…`, lower case) replies may carry. */
  allowedCodes: readonly string[];
  allowedTags: readonly string[];
  /** Every built-in profanity list (with the playbook's additions): a reply swears in no language. */
  profanity: ProfanityFilter;
  /** What a name may combine with (see `mayCombine`); without it, every name is checked in its context. */
  nameRisk?: NameRisk;
}

/** The optional model judge (the playbook's `judge:`): which messages the model is asked about, and how it is waited for. */
export interface CompiledJudge {
  /** Holds on a message the rules may misread; evaluated on the message alone, before history is loaded. */
  unsure: Condition;
  timeoutMs: number;
  batchWaitMs: number;
  maxBatch: number;
  cacheSize: number;
}

/** A validated playbook, ready for `decide`: every keyword in one automaton, templates parsed. */
export interface CompiledPlaybook {
  /** The file it came from, or "default" for the built-in playbook. */
  source: string;
  name: string;
  spec: PlaybookSpec;
  languages: readonly string[];
  defaultLanguage: string;
  variables: Readonly<Record<string, string | number>>;
  terms: TermMatcher;
  /** Term ids a condition may discount (`unless`: negated, positive); absent when none may. */
  discountedTerms?: ReadonlySet<number>;
  /** Term id → the languages it was listed under (when the playbook said). */
  termLanguages: readonly (readonly string[] | undefined)[];
  profanity: ProfanityFilter;
  sentiment: SentimentModel;
  /** Who scores sentiment: the offline lexicon, or an LLM when one is configured (the lexicon stays the fallback). */
  sentimentClassifier: 'lexicon' | 'llm';
  detectLanguage: Detector;
  linkAllow: readonly string[];
  /**
   * The brand's own pages as link keys (see links.ts): the URLs under `variables`; the post a
   * comment is on is added per message. Null when the playbook says `links: { allow_own: false }`.
   */
  ownLinks: readonly string[] | null;
  spam: SpamDetector;
  calendar: Calendar | null;
  caps: { author: Cap; post: Cap };
  /** The longest window any condition or cap counts over: older history can be dropped. */
  longestWindowMs: number;
  /** How many of a series' newest events any counter or cap needs to compare exactly: history beyond it can be dropped. */
  countLimit: number;
  sla: { leadMs: number; defaultMs: number; urgentMs: number; businessHours: boolean };
  templates: ReadonlyMap<string, CompiledTemplate>;
  funnels: ReadonlyMap<string, CompiledFunnel>;
  rules: readonly CompiledRule[];
  drafts: { voice: string; faq: readonly { q: string; a: string }[]; guardrails: Guardrails };
  /** Absent when the playbook has no `judge:` section. */
  judge?: CompiledJudge;
}

export const PRIORITY_RANK: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };
