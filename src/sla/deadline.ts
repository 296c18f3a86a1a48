import type { Priority } from '../domain/decision.js';
import { addBusinessTime, type Calendar } from '../engine/business-hours.js';

export interface SlaPolicy {
  leadMs: number;
  defaultMs: number;
  urgentMs: number;
  /** Count only business hours (the playbook's calendar) towards the target. */
  businessHours: boolean;
  calendar: Calendar | null;
  /** Warn when this share of the target has passed (0.8 by default). */
  warnShare: number;
}

export const slaTargetMs = (policy: SlaPolicy, priority: Priority, isLead: boolean): number =>
  priority === 'urgent' ? policy.urgentMs : isLead ? Math.min(policy.leadMs, policy.defaultMs) : policy.defaultMs;

/** When the first response is due, and when to warn, counting business time where the playbook says so. */
export const slaTimes = (policy: SlaPolicy, start: Date, priority: Priority, isLead: boolean): { deadline: Date; warnAt: Date } => {
  const target = slaTargetMs(policy, priority, isLead);
  const add = (ms: number) =>
    policy.businessHours && policy.calendar ? addBusinessTime(policy.calendar, start, ms) : new Date(start.getTime() + ms);
  return { deadline: add(target), warnAt: add(Math.round(target * policy.warnShare)) };
};
