import { z } from 'zod';
import { CARD_BUTTONS } from '../domain/card.js';
import { WEEKDAYS } from '../domain/playbook-vocabulary.js';
import { durationSchema } from './schema-conditions.js';

const roleName = z.string().regex(/^[a-z][a-z0-9_-]*$/u, { error: 'expected a role name such as agent, lead or admin' });
/** A role grants buttons, `reports` (the /sla and /kpi figures), `playbook` (Promote / Not now on a rule's autonomy), or `all` of them. */
const grant = z.enum([...CARD_BUTTONS, 'reports', 'playbook', 'all'], {
  error: `expected a button: ${CARD_BUTTONS.join(', ')}; reports; playbook; or all`,
});

/** Who may press what: chat users, user groups and roles mapped to roles, roles to buttons and reports. */
export const teamSchema = z.strictObject({
  roles: z.record(roleName, z.array(grant).min(1, { error: 'expected at least one button' })),
  members: z
    .strictObject({
      /** Slack user ids (U…/W…) or user-group ids (S…). */
      slack: z
        .record(z.string().regex(/^[UWS][A-Z0-9]+$/u, { error: 'expected a Slack user (U…) or user group (S…) id' }), roleName)
        .optional(),
      /** Discord user or role ids. */
      discord: z.record(z.string().regex(/^\d+$/u, { error: 'expected a Discord user or role id' }), roleName).optional(),
    })
    .optional(),
  /** The role of members not listed (never of guests or people from other organisations); leave it out to refuse them. */
  default_role: roleName.optional(),
});

export const escalationSchema = z.strictObject({
  /** Re-ping after each of these, counted from the escalation, until someone acknowledges. */
  ladder: z.array(durationSchema).min(1).max(10).optional(),
  /** After the last rung, a direct message to this chat user id. */
  then_dm: z.string().min(1).optional(),
  /** Local time (business-hours time zone) when only urgent escalations ping. */
  quiet_hours: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/u, { error: 'expected quiet hours such as "22:00-07:00"' })
    .optional(),
});

export const reportingSchema = z.strictObject({
  /** When the weekly digest is posted to the card channel (business-hours time zone). */
  digest: z
    .strictObject({
      day: z.enum(WEEKDAYS),
      time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/u, { error: 'expected a time such as "09:00"' }),
    })
    .optional(),
  /** For the lead-funnel ROI estimate in /kpi: the average order, and what the team and tools cost a month. */
  order_value: z.number().min(0).optional(),
  monthly_cost: z.number().min(0).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/u, { error: 'expected an ISO 4217 currency code such as EUR' })
    .optional(),
  /** Share of the response time after which a waiting conversation counts as at risk (and is warned about). */
  sla_warning_share: z.number().gt(0).lt(1).optional(),
});

export type TeamSpec = z.infer<typeof teamSchema>;
export type EscalationSpec = z.infer<typeof escalationSchema>;
export type ReportingSpec = z.infer<typeof reportingSchema>;
