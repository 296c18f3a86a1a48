import { z } from 'zod';
import { CHAT_NAMES } from '../domain/chat.js';
import { HOURS_PATTERN, WEEKDAYS } from '../domain/playbook-vocabulary.js';
import { SPAM_FAMILIES } from '../domain/playbook-vocabulary.js';
import { accountsSchema } from './schema-accounts.js';
import { actionSchema, allowPromisesSchema } from './schema-actions.js';
import { conditionSchema, type counterSchema, durationSchema, keywordsSchema } from './schema-conditions.js';
import { judgeSchema } from './schema-judge.js';
import { retentionSchema } from './schema-retention.js';
import { ruleAutonomyKeys, undoWindowSchema } from './schema-autonomy.js';
import { graduationSchema, ruleGraduationSchema } from './schema-graduation.js';
import { whatsappSchema } from './schema-whatsapp.js';
import { escalationSchema, reportingSchema, teamSchema } from './schema-team.js';

const id = z
  .string({ error: 'expected an id' })
  .regex(/^[a-z0-9][a-z0-9_.-]*$/u, { error: 'expected an id of lowercase letters, digits, "-", "_" or "."' });
const languageCode = z.string().regex(/^[a-z]{2,3}$/u, { error: 'expected a language code such as en or el' });
const chatsSchema = z
  .array(z.enum(CHAT_NAMES, { error: `expected a chat: ${CHAT_NAMES.join(' or ')}` }), {
    error: 'expected a list of chats, e.g. [slack, discord]',
  })
  .min(1, { error: 'expected at least one chat (leave chats out for every configured chat)' });
const hours = z.string().regex(HOURS_PATTERN, { error: 'expected opening hours such as "09:00-18:00"' });

const ruleSchema = z.strictObject({
  id,
  description: z.string().optional(),
  when: conditionSchema,
  then: z.array(actionSchema, { error: 'expected a list of actions' }).min(1, { error: 'expected at least one action' }),
  stop: z.boolean().optional(),
  /** The chats that show this rule's cards (default: every configured chat). */
  chats: chatsSchema.optional(),
  ...ruleAutonomyKeys,
  graduation: ruleGraduationSchema.optional(),
});

/** Phrasings of one template per language: one string, or several to vary replies. */
const templateSchema = z.record(
  languageCode,
  z.union([z.string().min(1), z.array(z.string().min(1)).min(1)], {
    error: 'expected a phrasing, or a list of phrasings',
  }),
);

const funnelStepSchema = z.strictObject({
  say: z.string().min(1, { error: 'expected a template id' }),
  choices: z
    .array(
      z.strictObject({
        keywords: keywordsSchema,
        tag: z.string().min(1).optional(),
        next: z.string().min(1),
      }),
    )
    .optional(),
  capture: z.enum(['number', 'email'], { error: 'expected what to capture: number or email' }).optional(),
  as: z.string().min(1).optional(),
  qualify: z.strictObject({ above: z.number(), then: z.string().min(1), else: z.string().min(1) }).optional(),
  next: z.string().min(1).optional(),
  tag: z.string().min(1).optional(),
  lead: z.boolean().optional(),
  handoff: z.boolean().optional(),
  end: z.boolean().optional(),
});

const funnelSchema = z.strictObject({
  start: z.string().min(1),
  expire_after: durationSchema.optional(),
  max_retries: z.number().int().min(0).max(5).optional(),
  steps: z.record(z.string().min(1), funnelStepSchema),
});

const routingDefaults = z.strictObject({ max: z.number().int().min(0), window: durationSchema });

export const playbookSchema = z.strictObject({
  version: z.literal(1, { error: 'expected version: 1' }),
  name: z.string().min(1).optional(),
  languages: z.array(languageCode).min(1).optional(),
  default_language: languageCode.optional(),
  variables: z.record(z.string().regex(/^[a-z_][a-z0-9_]*$/u), z.union([z.string(), z.number()])).optional(),
  business_hours: z
    .strictObject({
      timezone: z.string().min(1),
      days: z.partialRecord(z.enum(WEEKDAYS), z.union([hours, z.array(hours)])),
      holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/u, { error: 'expected a date yyyy-mm-dd' })).optional(),
    })
    .optional(),
  sla: z
    .strictObject({
      lead: durationSchema.optional(),
      default: durationSchema.optional(),
      urgent: durationSchema.optional(),
      business_hours: z.boolean().optional(),
    })
    .optional(),
  caps: z.strictObject({ author: routingDefaults.optional(), post: routingDefaults.optional() }).optional(),
  links: z
    .strictObject({
      allow: z.array(z.string().min(1)).optional(),
      /** Links to the brand's own pages (the URLs under variables, the post itself) are not links; default true. */
      allow_own: z.boolean().optional(),
    })
    .optional(),
  spam: z
    .strictObject({
      languages: z.array(languageCode).optional(),
      add: z.partialRecord(z.enum(SPAM_FAMILIES), z.array(z.string().min(1))).optional(),
      allow: z.array(z.string().min(1)).optional(),
    })
    .optional(),
  profanity: z
    .strictObject({
      languages: z.array(languageCode).optional(),
      add: z.array(z.string().min(1)).optional(),
      allow: z.array(z.string().min(1)).optional(),
    })
    .optional(),
  sentiment: z
    .strictObject({
      classifier: z.enum(['lexicon', 'llm'], { error: 'expected classifier: lexicon or llm' }).optional(),
      words: z.record(z.string().min(1), z.number().min(-3).max(3)).optional(),
    })
    .optional(),
  drafts: z
    .strictObject({
      voice: z.string().optional(),
      faq: z.array(z.strictObject({ q: z.string().min(1), a: z.string().min(1) })).optional(),
      guardrails: z
        .strictObject({
          max_length: z.number().int().min(20).optional(),
          allowed_links: z.array(z.string().min(1)).optional(),
          forbidden_phrases: z.array(z.string().min(1)).optional(),
          forbidden_promises: z.record(z.string().min(1), z.array(z.string().min(1))).optional(),
          allow_promises: allowPromisesSchema.optional(),
          allowed_codes: z
            .array(z.string().regex(/^[\p{L}\p{N}_-]{2,40}$/u, { error: 'expected a code of letters and digits, e.g. WELCOME10' }))
            .optional(),
          allowed_tags: z
            .array(
              z
                .string()
                .regex(/^[#@][\p{L}\p{N}_.]+$/u, { error: 'expected a hashtag or handle with its # or @, e.g. "#acme" or "@acme"' }),
            )
            .optional(),
        })
        .optional(),
    })
    .optional(),
  judge: judgeSchema.optional(),
  team: teamSchema.optional(),
  accounts: accountsSchema.optional(),
  escalation: escalationSchema.optional(),
  reporting: reportingSchema.optional(),
  retention: retentionSchema.optional(),
  whatsapp: whatsappSchema.optional(),
  undo_window: undoWindowSchema.optional(),
  graduation: graduationSchema.optional(),
  templates: z.record(id, templateSchema).optional(),
  funnels: z.record(id, funnelSchema).optional(),
  rules: z.array(ruleSchema, { error: 'expected a list of rules' }),
});

export type PlaybookSpec = z.infer<typeof playbookSchema>;
export type RuleSpec = z.infer<typeof ruleSchema>;
export type FunnelSpec = z.infer<typeof funnelSchema>;
export type FunnelStepSpec = z.infer<typeof funnelStepSchema>;
export type { ActionSpec, RoutingSpec } from './schema-actions.js';
export type { AccountSpec } from './schema-accounts.js';
export type { ConditionSpec } from './schema-conditions.js';
export type { JudgeSpec } from './schema-judge.js';
export type CounterSpec = z.infer<typeof counterSchema>;
