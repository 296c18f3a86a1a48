import { z } from 'zod';
import { PRIORITIES } from '../domain/decision.js';

const templateRef = z.string().min(1, { error: 'expected a template id' });
const yes = z.literal(true, { error: 'expected true' });

/** Promise names (refund, compensation, replacement, discount, or a playbook's own) a reply may make. */
export const allowPromisesSchema = z.array(z.string().min(1), { error: 'expected a list of promise names, e.g. [refund]' });

const routing = z.strictObject({
  priority: z.enum(PRIORITIES, { error: `expected a priority: ${PRIORITIES.join(', ')}` }).optional(),
  channel: z.string().min(1).optional(),
  mentions: z.array(z.string().min(1)).optional(),
  reason: z.string().min(1).optional(),
  /** "post": the card is about the post (a comment storm), not this message's reply. */
  scope: z.enum(['message', 'post']).optional(),
});

/** With `scope: post`: routine handoffs on the post fold into this card while it is open (`fold: false` turns it off). */
const handoffRouting = routing.extend({ fold: z.boolean().optional() });

export const actionSchema = z
  .strictObject({
    auto_reply: z
      .union([templateRef, z.strictObject({ template: templateRef, allow_promises: allowPromisesSchema.optional() })])
      .optional(),
    draft: z
      .union([
        templateRef,
        z.strictObject({ template: templateRef, llm: z.boolean().optional(), allow_promises: allowPromisesSchema.optional() }),
      ])
      .optional(),
    hide: yes.optional(),
    delete: yes.optional(),
    propose_block: z.union([yes, z.strictObject({ reason: z.string().min(1) })]).optional(),
    tag: z.string().min(1, { error: 'expected a tag name' }).optional(),
    funnel: z.string().min(1, { error: 'expected a funnel id' }).optional(),
    lead: z.union([yes, z.strictObject({ value: z.number().min(0) })]).optional(),
    handoff: z.union([yes, handoffRouting]).optional(),
    escalate: z.union([yes, routing]).optional(),
    ignore: yes.optional(),
  })
  .refine((action) => Object.keys(action).length === 1, {
    error: 'expected exactly one action per list item, e.g. "- hide: true" or "- handoff: { priority: high }"',
  });

export type ActionSpec = z.infer<typeof actionSchema>;
export type RoutingSpec = z.infer<typeof routing>;
