import { z } from 'zod';

/** A rule's autonomy level, as the audit log records it (the playbook-spec owns the vocabulary; this reads it back). */
export type Level = 'draft' | 'veto' | 'auto';

const RANK: Record<Level, number> = { draft: 0, veto: 1, auto: 2 };

const level = z.enum(['draft', 'veto', 'auto']);

/**
 * The level in an audit line's `was` or `now`: a level ('veto'), or a rule's recorded autonomy
 * ({ level: 'veto', platforms, languages }); nothing recorded (null) is `draft`, today's behaviour.
 */
export const levelIn = (value: unknown): Level | undefined => {
  if (value === null || value === undefined) return 'draft';
  const direct = level.safeParse(value);
  if (direct.success) return direct.data;
  const nested = z.object({ level }).safeParse(value);
  return nested.success ? nested.data.level : undefined;
};

export type LevelMove = 'promotion' | 'demotion';

/** Up a level is a promotion, down a demotion; the same level (a change of overrides only) is neither. */
export const moveOf = (was: Level, now: Level): LevelMove | undefined => {
  if (RANK[now] > RANK[was]) return 'promotion';
  if (RANK[now] < RANK[was]) return 'demotion';
  return undefined;
};
