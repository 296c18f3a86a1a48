import { computeKpis } from '../src/kpi/compute-kpis.js';
import { kpiReport } from '../src/kpi/kpi-report.js';
import { periodSpecSchema, resolvePeriod, type PeriodSpec } from '../src/kpi/period.js';
import { UsageError, type Command } from './command.js';

export interface KpiOptions {
  period: PeriodSpec;
}

export default {
  name: 'kpi',
  description: 'Volume, first response, SLA, automation, drafts and the lead funnel for a period',
  usage: '[today|7d|30d|YYYY-MM-DD..YYYY-MM-DD]',
  parse(text: string): KpiOptions {
    const parsed = periodSpecSchema.safeParse(text);
    if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? 'That is not a period I know.');
    return { period: parsed.data };
  },
  async execute(ctx, options) {
    const period = resolvePeriod(options.period, ctx.now(), ctx.timeZone);
    return kpiReport(await computeKpis(ctx, period), ctx.settings, ctx.timeZone);
  },
} satisfies Command<KpiOptions>;
