import { findOverlays, type Overlay } from '../store/autonomy-overlays.js';
import type { Db } from '../store/db.js';
import type { RuleAutonomy } from './levels.js';
import { type EffectiveLevels, effectiveLevels } from './overlay-levels.js';

/**
 * The levels the decide step applies: the playbook file's, under the overlays set from chat. Reading
 * them costs nothing per message: the overlays are loaded at most once per `maxAgeMs` (another
 * process's Promote or demotion is seen within that), and at once after this process changed one.
 */
export interface LevelBook {
  /** The playbook file's levels, by rule. */
  readonly file: ReadonlyMap<string, RuleAutonomy>;
  current: () => EffectiveLevels;
  /** Loads the overlays when they are older than `maxAgeMs`, or were invalidated. */
  refresh: (db: Db) => Promise<void>;
  /** This process changed an overlay: the next refresh loads them. */
  invalidate: () => void;
}

export const DEFAULT_LEVELS_MAX_AGE_MS = 2_000;

export const createLevelBook = (
  file: ReadonlyMap<string, RuleAutonomy>,
  options: { maxAgeMs?: number; clock?: () => number } = {},
): LevelBook => {
  const maxAgeMs = options.maxAgeMs ?? DEFAULT_LEVELS_MAX_AGE_MS;
  const clock = options.clock ?? Date.now;
  let levels = effectiveLevels(file, new Map());
  let loadedAt = Number.NEGATIVE_INFINITY;
  const apply = (overlays: Overlay[]) => {
    levels = effectiveLevels(file, new Map(overlays.map((overlay) => [overlay.rule, overlay.level])));
  };
  return {
    file,
    current: () => levels,
    refresh: async (db) => {
      if (clock() - loadedAt < maxAgeMs) return;
      apply(await findOverlays(db));
      loadedAt = clock();
    },
    invalidate: () => {
      loadedAt = Number.NEGATIVE_INFINITY;
    },
  };
};
