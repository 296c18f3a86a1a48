import { parseDuration } from '../domain/playbook-vocabulary.js';
import type { AutonomyLevel, AutonomySpec } from '../playbook-spec/schema-autonomy.js';
import type { PlaybookSpec } from '../playbook-spec/schema.js';

export type { AutonomyLevel } from '../playbook-spec/schema-autonomy.js';

export const DEFAULT_VETO_AFTER_MS = 120_000;
export const DEFAULT_UNDO_WINDOW_MS = 600_000;

/** One rule's autonomy, resolved from the playbook: its level everywhere, and where it differs. */
export interface RuleAutonomy {
  rule: string;
  level: AutonomyLevel;
  platforms: Readonly<Record<string, AutonomyLevel>>;
  languages: Readonly<Record<string, AutonomyLevel>>;
  vetoAfterMs: number;
  undoWindowMs: number;
  /**
   * Taken below the file's level from chat (a demotion): its hides, which are automatic at every level
   * of a rule the file set, then wait for a person too — people undid them.
   */
  heldBack?: boolean;
}

const msOr = (duration: string | undefined, fallback: number): number =>
  duration === undefined ? fallback : (parseDuration(duration) ?? fallback);

const levelsOf = (spec: AutonomySpec | undefined): Pick<RuleAutonomy, 'level' | 'platforms' | 'languages'> => {
  if (spec === undefined) return { level: 'draft', platforms: {}, languages: {} };
  if (typeof spec === 'string') return { level: spec, platforms: {}, languages: {} };
  return { level: spec.default ?? 'draft', platforms: spec.platforms ?? {}, languages: spec.languages ?? {} };
};

/** Every rule's autonomy, by rule id; a rule that says nothing stays at `draft` (a person approves). */
export const compileAutonomy = (spec: PlaybookSpec): ReadonlyMap<string, RuleAutonomy> => {
  const undoDefault = msOr(spec.undo_window, DEFAULT_UNDO_WINDOW_MS);
  return new Map(
    spec.rules.map((rule) => [
      rule.id,
      {
        rule: rule.id,
        ...levelsOf(rule.autonomy),
        vetoAfterMs: msOr(rule.veto_after, DEFAULT_VETO_AFTER_MS),
        undoWindowMs: msOr(rule.undo_window, undoDefault),
      },
    ]),
  );
};

/** The level for one message: a language override beats a platform override, which beats the rule's default. */
export const levelFor = (autonomy: RuleAutonomy | undefined, platform: string, language: string | undefined): AutonomyLevel => {
  if (!autonomy) return 'draft';
  return (language === undefined ? undefined : autonomy.languages[language]) ?? autonomy.platforms[platform] ?? autonomy.level;
};

/** True when some rule's level depends on the message's language (only then is it worth working out). */
export const dependsOnLanguage = (autonomies: ReadonlyMap<string, RuleAutonomy>): boolean =>
  [...autonomies.values()].some((autonomy) => Object.keys(autonomy.languages).length > 0);

/** True when every rule drafts everywhere: today's behaviour, nothing to apply. */
export const allDraft = (autonomies: ReadonlyMap<string, RuleAutonomy>): boolean =>
  [...autonomies.values()].every(
    (autonomy) =>
      autonomy.level === 'draft' &&
      !autonomy.heldBack &&
      Object.values(autonomy.platforms).every((level) => level === 'draft') &&
      Object.values(autonomy.languages).every((level) => level === 'draft'),
  );
