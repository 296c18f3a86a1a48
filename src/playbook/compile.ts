import { IANAZone } from 'luxon';
import { parseHours, WEEKDAYS, type Calendar, type Weekday } from '../engine/business-hours.js';
import { CompileIssue } from '../engine/compile-issue.js';
import type { Cap, CompiledPlaybook } from '../engine/compiled.js';
import type { TermRegistry } from '../engine/conditions.js';
import { createDetector } from '../engine/language.js';
import { readEldNgrams } from './eld-ngrams.js';
import { linkKey } from '../engine/links.js';
import { compileProfanity } from '../engine/profanity.js';
import { compileSentiment } from '../engine/sentiment.js';
import { compileSpam } from '../engine/spam.js';
import { TermMatcher } from '../engine/term-matcher.js';
import { parseDuration } from '../engine/windows.js';
import { compileFunnels } from './compile-funnels.js';
import { compileGuardrails, normalizeHost } from './compile-guardrails.js';
import { compileJudge } from './compile-judge.js';
import { compileRules } from './compile-rules.js';
import { compileTemplates } from './compile-templates.js';
import type { PlaybookSpec } from '../playbook-spec/schema.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const compileCalendar = (spec: PlaybookSpec): Calendar | null => {
  const hours = spec.business_hours;
  if (hours === undefined) return null;
  if (!IANAZone.isValidZone(hours.timezone)) {
    throw new CompileIssue(['business_hours', 'timezone'], `expected an IANA time zone such as Europe/Athens, got "${hours.timezone}"`);
  }
  const days = Object.fromEntries(WEEKDAYS.map((day) => [day, [] as [number, number][]])) as Record<Weekday, [number, number][]>;
  for (const [day, ranges] of Object.entries(hours.days) as [Weekday, string | string[] | undefined][]) {
    const list = ranges === undefined ? [] : typeof ranges === 'string' ? [ranges] : ranges;
    list.forEach((range, index) => {
      const parsed = parseHours(range);
      const path = ['business_hours', 'days', day, ...(typeof ranges === 'string' ? [] : [index])];
      if (parsed === null) throw new CompileIssue(path, `expected an opening time before the closing time, got "${range}"`);
      days[day].push(parsed);
    });
  }
  return { timezone: hours.timezone, days, holidays: new Set(hours.holidays ?? []) };
};

const cap = (value: { max: number; window: string } | undefined, fallback: Cap): Cap =>
  value === undefined ? fallback : { max: value.max, windowMs: parseDuration(value.window) ?? fallback.windowMs };

const durationOr = (value: string | undefined, fallback: number): number =>
  value === undefined ? fallback : (parseDuration(value) ?? fallback);

/** The brand's own pages: every URL under `variables` (shop, price list, booking page…), as link keys. */
const ownPages = (spec: PlaybookSpec): string[] | null => {
  if (spec.links?.allow_own === false) return null;
  const urls = Object.values(spec.variables ?? {}).filter(
    (value): value is string => typeof value === 'string' && /^https?:\/\//iu.test(value),
  );
  return [...new Set(urls.map(linkKey).filter((key) => key !== ''))];
};

/** Turns a validated playbook into what `decide` runs; throws CompileIssue with a document path. */
export const compilePlaybook = (spec: PlaybookSpec, source: string): CompiledPlaybook => {
  const languages = spec.languages ?? ['en'];
  const defaultLanguage = spec.default_language ?? languages[0] ?? 'en';
  const calendar = compileCalendar(spec);
  const registry: TermRegistry = {
    terms: new TermMatcher(),
    termLanguages: [],
    hasCalendar: calendar !== null,
    windows: [],
    countLimits: [],
  };
  const templates = compileTemplates(spec);
  const funnels = compileFunnels(spec, registry, templates);
  const rules = compileRules(spec, registry, templates);
  const judge = compileJudge(spec, registry);
  const profanity = compileProfanity(spec.profanity ?? {});
  const caps = {
    author: cap(spec.caps?.author, { max: 3, windowMs: 24 * HOUR }),
    post: cap(spec.caps?.post, { max: 20, windowMs: HOUR }),
  };
  return {
    source,
    name: spec.name ?? source,
    spec,
    languages,
    defaultLanguage,
    variables: spec.variables ?? {},
    terms: registry.terms,
    termLanguages: registry.termLanguages,
    ...(registry.discounted ? { discountedTerms: registry.discounted } : {}),
    profanity,
    sentiment: compileSentiment(spec.sentiment?.words ?? {}, registry.terms),
    sentimentClassifier: spec.sentiment?.classifier ?? 'lexicon',
    detectLanguage: createDetector(spec.languages ?? [], readEldNgrams),
    linkAllow: (spec.links?.allow ?? []).map(normalizeHost),
    ownLinks: ownPages(spec),
    // Only a playbook that asks about spam pays for its phrases in the shared automaton.
    spam: compileSpam(spec.spam ?? {}, registry.usesSpam ? registry.terms : undefined),
    calendar,
    caps,
    longestWindowMs: Math.max(caps.author.windowMs, caps.post.windowMs, ...registry.windows),
    countLimit: Math.max(caps.author.max, caps.post.max, ...registry.countLimits),
    sla: {
      leadMs: durationOr(spec.sla?.lead, 30 * MINUTE),
      defaultMs: durationOr(spec.sla?.default, 2 * HOUR),
      urgentMs: durationOr(spec.sla?.urgent, 15 * MINUTE),
      businessHours: spec.sla?.business_hours ?? calendar !== null,
    },
    templates,
    funnels,
    rules,
    drafts: {
      voice: spec.drafts?.voice ?? '',
      faq: spec.drafts?.faq ?? [],
      guardrails: compileGuardrails(spec, profanity),
    },
    ...(judge ? { judge } : {}),
  };
};
