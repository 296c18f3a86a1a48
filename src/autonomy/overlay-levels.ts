import { allDraft, type AutonomyLevel, dependsOnLanguage, type RuleAutonomy } from './levels.js';

const RANK: Record<AutonomyLevel, number> = { draft: 0, veto: 1, auto: 2 };

const lower = (a: AutonomyLevel, b: AutonomyLevel): AutonomyLevel => (RANK[a] <= RANK[b] ? a : b);

const capped = (levels: Readonly<Record<string, AutonomyLevel>>, level: AutonomyLevel) =>
  Object.fromEntries(Object.entries(levels).map(([where, own]) => [where, lower(own, level)]));

/**
 * A rule's autonomy with its level set from chat: the chat's level everywhere, except where the file
 * sets a platform or language lower (a file's "de: draft" stays a draft after a promotion; a demotion
 * to draft takes every override down with it).
 */
export const overlaid = (autonomy: RuleAutonomy, level: AutonomyLevel): RuleAutonomy => ({
  ...autonomy,
  level,
  platforms: capped(autonomy.platforms, level),
  languages: capped(autonomy.languages, level),
  ...(RANK[level] < RANK[topLevel(autonomy)] ? { heldBack: true } : {}),
});

/** The levels in force, worked out once per change of the overlays (the decide step reads them per message). */
export interface EffectiveLevels {
  autonomies: ReadonlyMap<string, RuleAutonomy>;
  /** Every rule drafts everywhere: nothing to apply. */
  allDraft: boolean;
  /** Some rule's level depends on the message's language. */
  byLanguage: boolean;
}

/** The file's levels under the chat's overlays (by rule id); an overlay of a rule the file no longer has is ignored. */
export const effectiveLevels = (file: ReadonlyMap<string, RuleAutonomy>, overlays: ReadonlyMap<string, AutonomyLevel>): EffectiveLevels => {
  const autonomies = new Map(
    [...file.entries()].map(([rule, autonomy]) => {
      const level = overlays.get(rule);
      return [rule, level === undefined ? autonomy : overlaid(autonomy, level)] as const;
    }),
  );
  return { autonomies, allDraft: allDraft(autonomies), byLanguage: dependsOnLanguage(autonomies) };
};

/** The highest level a rule has anywhere (its default or any override): what a demotion takes it down from. */
export const topLevel = (autonomy: RuleAutonomy): AutonomyLevel =>
  [...Object.values(autonomy.platforms), ...Object.values(autonomy.languages)].reduce(
    (top, level) => (RANK[level] > RANK[top] ? level : top),
    autonomy.level,
  );
