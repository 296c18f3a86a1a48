import { parseDuration } from '../domain/playbook-vocabulary.js';
import type { PlaybookSpec } from '../playbook-spec/schema.js';
import type { GraduationSpec, RuleGraduationSpec } from '../playbook-spec/schema-graduation.js';

/** What a rule must show to be offered the next level, and what takes it back to draft. */
export interface GraduationBar {
  windowMs: number;
  minDrafts: number;
  /** A share, 0–1. */
  minUnchanged: number;
  /** Demote when at least `bad` of the last `ofLast` outcomes at the rule's level were stopped or undone. */
  demoteAfter: { bad: number; ofLast: number };
  /** False when the rule's `graduation: false` says never to suggest a promotion (demotion still applies). */
  suggests: boolean;
}

export interface GraduationPolicy {
  /** By rule id. */
  bars: ReadonlyMap<string, GraduationBar>;
  /** How long "Not now" keeps a rule's suggestion away. */
  notNowMs: number;
}

const DAY_MS = 86_400_000;
export const DEFAULT_BAR: GraduationBar = {
  windowMs: 30 * DAY_MS,
  minDrafts: 50,
  minUnchanged: 0.95,
  demoteAfter: { bad: 3, ofLast: 10 },
  suggests: true,
};
export const DEFAULT_NOT_NOW_MS = 7 * DAY_MS;

type BarKeys = Omit<GraduationSpec, 'not_now'>;

const ms = (duration: string | undefined): number | undefined =>
  duration === undefined ? undefined : (parseDuration(duration) ?? undefined);

/** The keys a spec sets, over `base`. */
const over = (base: GraduationBar, spec: BarKeys | undefined): GraduationBar => ({
  windowMs: ms(spec?.window) ?? base.windowMs,
  minDrafts: spec?.min_drafts ?? base.minDrafts,
  minUnchanged: spec?.min_unchanged === undefined ? base.minUnchanged : spec.min_unchanged / 100,
  demoteAfter: spec?.demote_after ? { bad: spec.demote_after.bad, ofLast: spec.demote_after.of_last } : base.demoteAfter,
  suggests: base.suggests,
});

const ruleBar = (base: GraduationBar, spec: RuleGraduationSpec | undefined): GraduationBar =>
  spec === false ? { ...base, suggests: false } : over(base, spec);

/** Every rule's bar: the defaults, under the playbook's `graduation:`, under the rule's own. */
export const compileGraduation = (spec: PlaybookSpec): GraduationPolicy => {
  const base = over(DEFAULT_BAR, spec.graduation);
  return {
    bars: new Map(spec.rules.map((rule) => [rule.id, ruleBar(base, rule.graduation)])),
    notNowMs: ms(spec.graduation?.not_now) ?? DEFAULT_NOT_NOW_MS,
  };
};
