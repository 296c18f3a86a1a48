import type { MayPress } from '../domain/press.js';
import { parseDuration } from '../engine/windows.js';
import { DEFAULT_LADDER, type EscalationPolicy } from '../escalation/policy.js';
import type { CompiledPlaybook } from '../playbook/index.js';
import { createMayPress, type GroupsOf } from '../roles/may-press.js';
import type { SlaPolicy } from '../sla/deadline.js';
import type { KpiSettings } from '../kpi/kpi-context.js';

export interface Policies {
  sla: SlaPolicy;
  escalation: EscalationPolicy;
  mayPress: MayPress;
  kpi: KpiSettings;
  /** Cron pattern and time zone of the weekly digest, when the playbook schedules one. */
  digest: { pattern: string; timezone: string } | undefined;
}

const CRON_DAY = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } as const;

const minutesOfDay = (hhmm: string): number => {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};

/** The playbook's team rules (response targets, escalation ladder, who may press what) as the shell uses them. */
export const playbookPolicies = (playbook: CompiledPlaybook, groupsOf: GroupsOf = async () => []): Policies => {
  const escalation = playbook.spec.escalation;
  const quiet = escalation?.quiet_hours?.split('-');
  const reporting = playbook.spec.reporting;
  const warnShare = reporting?.sla_warning_share ?? 0.8;
  const timezone = playbook.calendar?.timezone ?? 'UTC';
  const digest = reporting?.digest;
  return {
    sla: { ...playbook.sla, calendar: playbook.calendar, warnShare },
    kpi: {
      orderValue: reporting?.order_value ?? 0,
      monthlyCost: reporting?.monthly_cost ?? 0,
      currency: reporting?.currency ?? 'EUR',
      slaWarningShare: warnShare,
      calendar: playbook.calendar,
    },
    digest: digest
      ? { pattern: `${Number(digest.time.slice(3, 5))} ${Number(digest.time.slice(0, 2))} * * ${CRON_DAY[digest.day]}`, timezone }
      : undefined,
    escalation: {
      // Validated by the playbook schema, so every entry parses.
      ladderMinutes: escalation?.ladder?.map((step) => (parseDuration(step) ?? 0) / 60_000) ?? DEFAULT_LADDER,
      thenDirectMessage: escalation?.then_dm,
      quietHours: quiet && quiet.length === 2 ? { from: minutesOfDay(quiet[0]!), to: minutesOfDay(quiet[1]!) } : undefined,
      timezone,
    },
    mayPress: createMayPress(playbook.spec.team, groupsOf),
  };
};
