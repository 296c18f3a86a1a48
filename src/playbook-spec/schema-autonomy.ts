import { z } from 'zod';
import { parseDuration } from '../domain/playbook-vocabulary.js';
import { durationSchema } from './schema-conditions.js';

export const AUTONOMY_LEVELS = ['draft', 'veto', 'auto'] as const;

const level = z.enum(AUTONOMY_LEVELS, { error: 'expected an autonomy level: draft, veto or auto' });

/** `autonomy: veto`, or a default with overrides per platform and per language (a language beats a platform). */
export const autonomySchema = z.union(
  [
    level,
    z.strictObject({
      default: level.optional(),
      platforms: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/u, { error: 'expected a platform such as instagram' }), level).optional(),
      languages: z.record(z.string().regex(/^[a-z]{2,3}$/u, { error: 'expected a language code such as en or de' }), level).optional(),
    }),
  ],
  { error: 'expected draft, veto or auto, or { default, platforms, languages }' },
);

const MAX_WAIT_MS = 86_400_000;
const boundedWait = (what: string) =>
  durationSchema.refine((value) => (parseDuration(value) ?? 0) <= MAX_WAIT_MS, { error: `expected ${what} of at most 1d` });

/** How long a veto card counts down before the reply goes out by itself. */
export const vetoAfterSchema = boundedWait('a countdown such as "2m"');
/** How long an automatic reply or hide can be undone from the log thread. */
export const undoWindowSchema = boundedWait('an undo window such as "10m"');

/** The rule's keys that say who sends its replies. */
export const ruleAutonomyKeys = {
  autonomy: autonomySchema.optional(),
  veto_after: vetoAfterSchema.optional(),
  undo_window: undoWindowSchema.optional(),
};

export type AutonomyLevel = (typeof AUTONOMY_LEVELS)[number];
export type AutonomySpec = z.infer<typeof autonomySchema>;
