import { z } from 'zod';
import { durationSchema } from './schema-conditions.js';

/** "More than this many bad outcomes among the last so many" demotes a rule above draft (default: 3 of the last 10). */
const demoteAfterSchema = z.strictObject({
  bad: z.number().int().min(1).max(100),
  of_last: z.number().int().min(1).max(1000),
});

/** The evidence a rule must show before a promotion is suggested, and the bar that demotes it again. */
const barKeys = {
  /** How far back the evidence reaches (default 30d); never past the rule's last level change. */
  window: durationSchema.optional(),
  /** At least this many drafts (or, at veto, held replies) in the window (default 50). */
  min_drafts: z.number().int().min(1).max(100_000).optional(),
  /** At least this share, in per cent, approved unchanged (or, at veto, sent without Stop) (default 95). */
  min_unchanged: z.number().min(0).max(100).optional(),
  demote_after: demoteAfterSchema.optional(),
};

/** Top-level `graduation:`: the bar for every rule, and how long "Not now" keeps a suggestion away (default 7d). */
export const graduationSchema = z.strictObject({
  ...barKeys,
  not_now: durationSchema.optional(),
});

/** A rule's own `graduation:`: any of the bar's keys, overriding the top-level ones; `false` never suggests a promotion. */
export const ruleGraduationSchema = z.union([z.literal(false), z.strictObject(barKeys)], {
  error: 'expected false, or { window, min_drafts, min_unchanged, demote_after }',
});

export type GraduationSpec = z.infer<typeof graduationSchema>;
export type RuleGraduationSpec = z.infer<typeof ruleGraduationSchema>;
