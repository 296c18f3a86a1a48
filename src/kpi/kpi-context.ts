import { IANAZone } from 'luxon';
import { z } from 'zod';
import type { Calendar } from '../engine/business-hours.js';
import type { Db } from '../store/db.js';

export const kpiSettingsSchema = z.object({
  /** Average order value, for the lead funnel's ROI estimate. */
  orderValue: z.number({ error: 'expected the average order value as a number' }).min(0, { error: 'the order value cannot be negative' }),
  /** What the team and its tools cost a month; prorated over the period for the ROI estimate. */
  monthlyCost: z.number({ error: 'expected the monthly cost as a number' }).min(0, { error: 'the monthly cost cannot be negative' }),
  currency: z.string().regex(/^[A-Z]{3}$/u, { error: 'expected an ISO 4217 currency code such as EUR' }),
  /** Share of the SLA time after which a conversation still waiting counts as at risk. */
  slaWarningShare: z
    .number()
    .gt(0, { error: 'the SLA warning share must be above 0' })
    .lt(1, { error: 'the SLA warning share must be below 1' })
    .default(0.8),
});

export type KpiSettings = z.infer<typeof kpiSettingsSchema> & {
  /** Business hours: when given, "at risk" is measured in business time, as the deadline was. */
  calendar?: Calendar | null;
};

export const DEFAULT_KPI_SETTINGS: KpiSettings = { orderValue: 0, monthlyCost: 0, currency: 'EUR', slaWarningShare: 0.8 };

/** What every KPI query and report needs: the store, a clock and the reader's time zone. */
export interface KpiContext {
  db: Db;
  now: () => Date;
  /** IANA zone in which "today" and days of the trend are counted. */
  timeZone: string;
  settings: KpiSettings;
}

export const timeZoneSchema = z.string().refine((zone) => IANAZone.isValidZone(zone), {
  error: (issue) => `"${String(issue.input)}" is not an IANA time zone such as Europe/Athens`,
});
