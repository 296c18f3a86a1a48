import { z } from 'zod';
import { MESSAGE_KINDS } from '../domain/message.js';
import { SPAM_FAMILIES } from '../domain/playbook-vocabulary.js';
import { DURATION_PATTERN } from '../domain/playbook-vocabulary.js';

export const durationSchema = z
  .string({ error: 'expected a duration such as "30m", "24h" or "7d"' })
  .regex(DURATION_PATTERN, { error: 'expected a duration such as "30s", "30m", "24h" or "7d"' });

const termList = z.array(z.string().min(1, { error: 'expected a non-empty term' }), {
  error: 'expected a list of terms, e.g. [refund, "money back"]',
});

/** Either one list, or lists per language (the language helps pick the reply's language). */
export const keywordsSchema = z.union([termList, z.record(z.string().min(2), termList)], {
  error: 'expected a list of terms, or a map of language code to a list of terms',
});

export const counterSchema = z
  .strictObject({
    window: durationSchema,
    more_than: z.number().int().min(0).optional(),
    at_least: z.number().int().min(0).optional(),
    fewer_than: z.number().int().min(1).optional(),
    exactly: z.number().int().min(0).optional(),
  })
  .refine((counter) => [counter.more_than, counter.at_least, counter.fewer_than, counter.exactly].some((bound) => bound !== undefined), {
    error: 'expected a bound next to window: more_than, at_least, fewer_than or exactly',
  });

const stringList = (what: string) => z.array(z.string().min(1), { error: `expected a list of ${what}` });

export const FUNNEL_STATES = ['none', 'active', 'done'] as const;
/** What keeps a matched term from counting: "no complaints" (negated), "I hate Mondays but this made my day" (positive). */
export const UNLESS = ['negated', 'positive'] as const;

export interface ConditionSpec {
  keywords?: z.infer<typeof keywordsSchema>;
  emoji?: string[];
  regex?: string | string[];
  has_link?: boolean;
  has_email?: boolean;
  profanity?: boolean;
  insult?: boolean;
  spam?: boolean | (typeof SPAM_FAMILIES)[number][];
  unless?: (typeof UNLESS)[number][];
  question?: boolean;
  sentiment_below?: number;
  sentiment_above?: number;
  language?: string[];
  platform?: string[];
  kind?: (typeof MESSAGE_KINDS)[number][];
  account?: string[];
  author_tags?: string[];
  author_messages?: z.infer<typeof counterSchema>;
  author_triggers?: z.infer<typeof counterSchema>;
  author_handoffs?: z.infer<typeof counterSchema>;
  author_auto_replies?: z.infer<typeof counterSchema>;
  post_comments?: z.infer<typeof counterSchema>;
  post_auto_replies?: z.infer<typeof counterSchema>;
  business_hours?: boolean;
  funnel?: (typeof FUNNEL_STATES)[number][];
  any?: ConditionSpec[];
  all?: ConditionSpec[];
  not?: ConditionSpec;
}

export const conditionSchema: z.ZodType<ConditionSpec> = z.lazy(() =>
  z.strictObject({
    keywords: keywordsSchema.optional(),
    emoji: stringList('emoji, e.g. ["🧡", "🔥"]').optional(),
    regex: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
    has_link: z.boolean().optional(),
    has_email: z.boolean().optional(),
    profanity: z.boolean().optional(),
    insult: z.boolean().optional(),
    spam: z
      .union([z.boolean(), z.array(z.enum(SPAM_FAMILIES))], { error: `expected true, false or a list of: ${SPAM_FAMILIES.join(', ')}` })
      .optional(),
    unless: z.array(z.enum(UNLESS), { error: `expected a list of: ${UNLESS.join(', ')}` }).optional(),
    question: z.boolean().optional(),
    sentiment_below: z.number().min(-1).max(1).optional(),
    sentiment_above: z.number().min(-1).max(1).optional(),
    language: stringList('language codes, e.g. [en, el]').optional(),
    platform: stringList('platforms, e.g. [facebook, instagram]').optional(),
    kind: z.array(z.enum(MESSAGE_KINDS), { error: 'expected a list of kinds: comment, reply, dm' }).optional(),
    account: stringList('account ids').optional(),
    author_tags: stringList('tags, e.g. [lead]').optional(),
    author_messages: counterSchema.optional(),
    author_triggers: counterSchema.optional(),
    author_handoffs: counterSchema.optional(),
    author_auto_replies: counterSchema.optional(),
    post_comments: counterSchema.optional(),
    post_auto_replies: counterSchema.optional(),
    business_hours: z.boolean().optional(),
    funnel: z.array(z.enum(FUNNEL_STATES), { error: 'expected a list of funnel states: none, active, done' }).optional(),
    any: z.array(conditionSchema, { error: 'expected a list of conditions' }).optional(),
    all: z.array(conditionSchema, { error: 'expected a list of conditions' }).optional(),
    not: conditionSchema.optional(),
  }),
);
